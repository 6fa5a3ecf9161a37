/**
 * What the customer is told when the policy changed since their last decision — the same
 * words in the banner and in the full center. No template engine: the banner renders without one.
 */
import {msg, str} from '@lit/localize';
import type {PrivacyConfig} from '../core/config.js';
import type {PolicyChange} from '../core/consent.js';
import {textPart, type Languages, type TextPart} from '../core/locale.js';
import type {TreeBuilder} from './dom.js';
import {listOf, SLOT, spliced} from './text-parts.js';

export interface PolicyChangeNotice {
  /** The titles of the purposes that are new since the last decision. */
  readonly newTitles: readonly TextPart[];
}

export function policyChangeNotice(
  config: PrivacyConfig,
  change: PolicyChange | undefined,
  languages: Languages,
): PolicyChangeNotice | undefined {
  if (!change) return undefined;
  const newIds = new Set(change.newPurposeIds);
  return {
    newTitles: config.purposes
      .filter((purpose) => newIds.has(purpose.id))
      .map((purpose) => textPart(purpose.title, languages)),
  };
}

/** The notice's sentences (the titles built with `h`), and the label of the link to the policy. */
export function policyChangeText<N>(
  {newTitles}: PolicyChangeNotice,
  locale: string,
  h: TreeBuilder<N>,
): {
  readonly changed: string;
  readonly newSince: (string | N)[] | undefined;
  readonly readPolicy: string;
} {
  return {
    changed: msg('Our privacy policy has changed since you last made your choices.'),
    newSince:
      newTitles.length > 0
        ? spliced(
            msg(
              str`New since your last choice: ${SLOT}. New choices stay off until you turn them on.`,
            ),
            listOf(h, newTitles, locale),
          )
        : undefined,
    readPolicy: msg('Read the updated policy'),
  };
}
