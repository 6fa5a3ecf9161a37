/**
 * The core of the customer's decision as this browser keeps it (mirrored to `localStorage` for
 * the next page's first paint), and its validation: whatever is read back may have been written
 * by an older version, another script, or not at all. The whole stored decision, with its
 * per-purpose times and receipt, is `StoredDecision` in shared-state.ts.
 */
import type {Choices} from './consent.js';
import {isRecord} from './json.js';
import {isDateTime, PURPOSE_ID_PATTERN, timeOf} from './patterns.js';

/** What a page needs to apply the decision before anything else loads. */
export interface DecisionCore {
  readonly subject: string;
  readonly policyVersion: string;
  readonly choices: Choices;
  /** When the customer made the latest decision (ISO 8601); equals its record's `collectedAt`. */
  readonly decidedAt: string;
  /** Whether the browser sent Global Privacy Control when the decision was made. */
  readonly gpc: boolean;
  /**
   * Made by the browser's signal alone (the `gpc` record), not by the customer: where the rule
   * asks, the banner still asks about what the signal does not cover.
   */
  readonly bySignal?: true;
}

export function readDecisionCore(value: unknown): DecisionCore | undefined {
  if (!isRecord(value)) return undefined;
  const {subject, policyVersion, choices, decidedAt, gpc, bySignal} = value;
  if (typeof subject !== 'string' || subject === '') return undefined;
  if (typeof policyVersion !== 'string' || !isDateTime(decidedAt)) return undefined;
  if (!isChoices(choices)) return undefined;
  return {
    subject,
    policyVersion,
    choices,
    decidedAt: instant(decidedAt),
    gpc: gpc === true,
    ...(bySignal === true && {bySignal}),
  };
}

/** Times are compared as strings: one form (UTC, milliseconds) makes that sound. */
export function instant(dateTime: string): string {
  return new Date(timeOf(dateTime)).toISOString();
}

function isChoices(value: unknown): value is Choices {
  return (
    isRecord(value) &&
    Object.entries(value).every(
      ([id, choice]) =>
        PURPOSE_ID_PATTERN.test(id) && (choice === 'granted' || choice === 'denied'),
    )
  );
}
