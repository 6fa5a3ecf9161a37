import {html, nothing, type TemplateResult} from 'lit/html.js';
import {msg, str} from '@lit/localize';
import type {PolicyChange} from '../browser/consent-session.js';
import type {PrivacyConfig} from '../core/config.js';
import {localizedText} from '../core/locale.js';

export interface NoticesOptions {
  /** Titles of the purposes that Global Privacy Control applies to, when the signal is on. */
  readonly gpcTitles: readonly string[];
  /** Set when the policy changed since the customer's last decision. */
  readonly policyChange: {readonly newTitles: readonly string[]} | undefined;
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
    ${
      policyChange
        ? html`<p class="notice" part="notice policy-notice">
            ${msg('Our privacy policy has changed since you last made your choices.')}
            ${
              policyChange.newTitles.length > 0
                ? msg(
                    str`New since then: ${policyChange.newTitles.join(', ')} (off until you switch it on).`,
                  )
                : nothing
            }
            ${policyUrl ? html`<a href=${policyUrl}>${msg('Read the updated policy')}</a>` : nothing}
          </p>`
        : nothing
    }
  </div>`;
}

/** The policy changed since the customer's last decision: the titles of the new purposes. */
export function policyChangeNotice(
  config: PrivacyConfig,
  change: PolicyChange | undefined,
  locale: string,
): {readonly newTitles: readonly string[]} | undefined {
  if (!change) return undefined;
  const newIds = new Set(change.newPurposeIds);
  return {
    newTitles: config.purposes
      .filter((purpose) => newIds.has(purpose.id))
      .map((purpose) => localizedText(purpose.title, locale)),
  };
}
