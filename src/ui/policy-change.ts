/**
 * What the customer is told when the policy changed since their last decision — the same
 * words in the banner and in the full center. No template engine: the banner renders without one.
 */
import {msg, str} from '@lit/localize';
import type {PolicyChange} from '../browser/consent-session.js';
import type {PrivacyConfig} from '../core/config.js';
import {localizedText} from '../core/locale.js';

export interface PolicyChangeNotice {
  /** The titles of the purposes that are new since the last decision. */
  readonly newTitles: readonly string[];
}

export function policyChangeNotice(
  config: PrivacyConfig,
  change: PolicyChange | undefined,
  locale: string,
): PolicyChangeNotice | undefined {
  if (!change) return undefined;
  const newIds = new Set(change.newPurposeIds);
  return {
    newTitles: config.purposes
      .filter((purpose) => newIds.has(purpose.id))
      .map((purpose) => localizedText(purpose.title, locale)),
  };
}

/** The notice's sentences, and the label of the link to the policy. */
export function policyChangeText({newTitles}: PolicyChangeNotice): {
  readonly changed: string;
  readonly newSince: string | undefined;
  readonly readPolicy: string;
} {
  return {
    changed: msg('Our privacy policy has changed since you last made your choices.'),
    newSince:
      newTitles.length > 0
        ? msg(str`New since then: ${newTitles.join(', ')} (off until you switch it on).`)
        : undefined,
    readPolicy: msg('Read the updated policy'),
  };
}
