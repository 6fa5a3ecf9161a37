import {html, nothing, type TemplateResult} from 'lit/html.js';
import {msg, str} from '@lit/localize';
import {policyChangeText, type PolicyChangeNotice} from './policy-change.js';

export interface NoticesOptions {
  /** Titles of the purposes that Global Privacy Control applies to, when the signal is on. */
  readonly gpcTitles: readonly string[];
  /** Set when the policy changed since the customer's last decision. */
  readonly policyChange: PolicyChangeNotice | undefined;
  readonly policyUrl: string | undefined;
}

/** What changed around the customer's choices: a browser signal honored, a new policy. */
export function renderNotices({
  gpcTitles,
  policyChange,
  policyUrl,
}: NoticesOptions): TemplateResult | typeof nothing {
  if (gpcTitles.length === 0 && !policyChange) return nothing;
  return html`<div class="notices">
    ${
      gpcTitles.length > 0
        ? html`<p class="notice" part="notice gpc-notice">
            ${msg(
              str`Your browser sent a Global Privacy Control signal, so we honored it: ${gpcTitles.join(', ')} start off. You can still switch them on yourself.`,
            )}
          </p>`
        : nothing
    }
    ${policyChange ? renderPolicyChange(policyChange, policyUrl) : nothing}
  </div>`;
}

function renderPolicyChange(change: PolicyChangeNotice, policyUrl: string | undefined) {
  const text = policyChangeText(change);
  return html`<p class="notice" part="notice policy-notice">
    ${text.changed} ${text.newSince ?? nothing}
    ${policyUrl ? html`<a href=${policyUrl}>${text.readPolicy}</a>` : nothing}
  </p>`;
}
