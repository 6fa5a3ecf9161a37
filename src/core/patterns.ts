/**
 * The protocol's smallest pieces (docs/consent-endpoint.md): the id patterns and the checks of a time and a
 * receipt id. Part of `protocol.ts`, which re-exports them; on their own so that a page which
 * only reads this browser's copy of a decision does not load the whole validator.
 */
export type Choice = 'granted' | 'denied';

export const RECORD_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
export const PURPOSE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/**
 * The anonymous ids the component makes (random UUIDs, version 4): unguessable, so
 * they act as their own capability. Any other subject is a signed-in customer's id.
 */
export const ANONYMOUS_SUBJECT_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Receipt ids from an endpoint longer than this, or not printable, are not shown to anyone. */
export const MAX_RECEIPT_ID_LENGTH = 256;

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Milliseconds since the epoch of an RFC 3339 date-time (`NaN` if unreadable). Upper-cased
 * first: RFC 3339 allows a lowercase "t" and "z", which Firefox's date parser refuses.
 */
export function timeOf(dateTime: string): number {
  return Date.parse(dateTime.toUpperCase());
}

/** An RFC 3339 date-time with seconds and a zone, and a real calendar date. */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match || Number.isNaN(timeOf(value))) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  // Date.parse rolls 2026-02-30 over into March, so the calendar date is checked separately.
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

export function isReceiptId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_RECEIPT_ID_LENGTH &&
    /^[\x21-\x7e]+$/.test(value)
  );
}
