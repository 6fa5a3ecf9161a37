/**
 * The customer's decision as this browser keeps it (in the shared state, and mirrored to
 * `localStorage` for the next page's first paint), and its validation: whatever is read back
 * may have been written by an older version, another script, or not at all.
 */
import type {Choices} from './consent.js';
import {isRecord} from './json.js';
import {isDateTime, isReceiptId, PURPOSE_ID_PATTERN} from './patterns.js';

export interface StoredDecision {
  readonly subject: string;
  readonly policyVersion: string;
  readonly choices: Choices;
  /** When the customer made the latest decision (ISO 8601); equals its record's `collectedAt`. */
  readonly decidedAt: string;
  /** When the customer last decided each purpose (ISO 8601): the later decision wins. */
  readonly changedAt: Readonly<Record<string, string>>;
  /** Whether the browser sent Global Privacy Control when the decision was made. */
  readonly gpc: boolean;
  /** When the latest decision was acknowledged (the endpoint's time, else this browser's). */
  readonly savedAt?: string | undefined;
  /** The endpoint's receipt for the latest decision — only ever the endpoint's own. */
  readonly receiptId?: string | undefined;
  readonly recordedAt?: string | undefined;
}

export function readDecision(value: unknown): StoredDecision | undefined {
  if (!isRecord(value)) return undefined;
  const {subject, policyVersion, choices, decidedAt, changedAt, gpc} = value;
  if (typeof subject !== 'string' || subject === '') return undefined;
  if (typeof policyVersion !== 'string' || !isDateTime(decidedAt)) return undefined;
  if (!isChoices(choices)) return undefined;
  // Times are compared as strings from here on: one form (UTC, milliseconds) makes that sound.
  const times = isRecord(changedAt)
    ? Object.fromEntries(
        Object.entries(changedAt)
          .filter(
            (entry): entry is [string, string] =>
              PURPOSE_ID_PATTERN.test(entry[0]) && isDateTime(entry[1]),
          )
          .map(([id, time]) => [id, instant(time)]),
      )
    : {};
  return {
    subject,
    policyVersion,
    choices,
    decidedAt: instant(decidedAt),
    changedAt: times,
    gpc: gpc === true,
    ...(isDateTime(value.savedAt) && {savedAt: value.savedAt}),
    ...(isReceiptId(value.receiptId) && {receiptId: value.receiptId}),
    ...(isDateTime(value.recordedAt) && {recordedAt: value.recordedAt}),
  };
}

function instant(dateTime: string): string {
  return new Date(dateTime).toISOString();
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
