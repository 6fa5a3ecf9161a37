import {html, nothing, type TemplateResult} from 'lit/html.js';
import {msg, str} from '@lit/localize';
import type {TextPart} from '../core/locale.js';
import {dom} from './dom.js';
import {policyChangeText, type PolicyChangeNotice} from './policy-change.js';
import {gapIn, listNode, SLOT, spliced} from './text-parts.js';

export interface NoticesOptions {
  /** Titles of the purposes that Global Privacy Control applies to, when the signal is on. */
  readonly gpcTitles: readonly TextPart[];
  /** Set when the policy changed since the customer's last decision. */
  readonly policyChange: PolicyChangeNotice | undefined;
  readonly policyUrl: string | undefined;
  /** The interface's language: lists are joined in it. */
  readonly locale: string;
}

/** What changed around the customer's choices: a browser signal honored, a new policy. */
export function renderNotices({
  gpcTitles,
  policyChange,
  policyUrl,
  locale,
}: NoticesOptions): TemplateResult | typeof nothing {
  if (gpcTitles.length === 0 && !policyChange) return nothing;
  return html`<div class="notices">
    ${
      gpcTitles.length > 0
        ? html`<p class="notice" part="notice gpc-notice">
            ${spliced(
              msg(
                str`Your browser sent a Global Privacy Control signal, so we switched these off: ${SLOT}. You can switch them back on at any time.`,
              ),
              listNode(gpcTitles, locale),
            )}
          </p>`
        : nothing
    }
    ${policyChange ? renderPolicyChange(policyChange, policyUrl, locale) : nothing}
  </div>`;
}

function renderPolicyChange(
  change: PolicyChangeNotice,
  policyUrl: string | undefined,
  locale: string,
) {
  const text = policyChangeText(change, locale, dom);
  const gap = gapIn(locale);
  return html`<p class="notice" part="notice policy-notice">
    ${text.changed}${text.newSince ? [gap, ...text.newSince] : nothing}${
      policyUrl ? html`${gap}<a href=${policyUrl}>${text.readPolicy}</a>` : nothing
    }
  </p>`;
}
