/**
 * The outbox of consent records waiting for the endpoint's acknowledgement, as pure
 * functions over an immutable list. Time and randomness are passed in, so the rules —
 * order, coalescing, backoff with full jitter, Retry-After — are tested without waiting.
 */
import type {ConsentRecord} from './record.js';

export interface OutboxEntry {
  readonly record: ConsentRecord;
  /** Attempts made so far; an entry with attempts may already be stored by the endpoint. */
  readonly attempts: number;
  /** Epoch milliseconds before which the entry must not be sent again. */
  readonly notBefore: number;
}

export type Outbox = readonly OutboxEntry[];

export interface BackoffPolicy {
  /** The first retry waits up to this long; each further one doubles it. */
  readonly baseDelayMs: number;
  /** No wait (without Retry-After) exceeds this. */
  readonly maxDelayMs: number;
  /** A server's Retry-After is honored up to this long. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 3_600_000,
};

export interface DeliveryFailure {
  readonly isRetryable: boolean;
  readonly retryAfterMs?: number | undefined;
}

/**
 * Adds a record at the end. Records not yet attempted for the same subject are folded into
 * it — the newest record carries the final choices, and its `changed` covers theirs — so
 * rapid toggles cost one request. Attempted records stay: they keep their key until acknowledged.
 */
export function enqueue(outbox: Outbox, record: ConsentRecord, now: number): Outbox {
  const folded = outbox.filter(
    (entry) => entry.attempts === 0 && entry.record.subject === record.subject,
  );
  const changed = new Set([...folded.flatMap((entry) => entry.record.changed), ...record.changed]);
  const merged: ConsentRecord = {
    ...record,
    changed: Object.keys(record.choices).filter((id) => changed.has(id)),
  };
  return [
    ...outbox.filter((entry) => !folded.includes(entry)),
    {record: merged, attempts: 0, notBefore: now},
  ];
}

/** The entry to send next (records go in order) and how long until it may go. */
export function nextDue(
  outbox: Outbox,
  now: number,
): {readonly entry: OutboxEntry; readonly waitMs: number} | undefined {
  const entry = outbox[0];
  return entry && {entry, waitMs: Math.max(0, entry.notBefore - now)};
}

/** Counts an attempt before it is made, so a concurrent enqueue never folds a record in flight. */
export function markAttempt(outbox: Outbox, recordId: string): Outbox {
  return outbox.map((entry) =>
    entry.record.recordId === recordId ? {...entry, attempts: entry.attempts + 1} : entry,
  );
}

export function removeRecord(outbox: Outbox, recordId: string): Outbox {
  return outbox.filter((entry) => entry.record.recordId !== recordId);
}

/**
 * After a failed attempt: a retryable failure keeps the entry and sets when it may go again;
 * any other failure removes it (sending it again would only fail again).
 */
export function afterFailure(
  outbox: Outbox,
  recordId: string,
  failure: DeliveryFailure,
  now: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): {readonly outbox: Outbox; readonly willRetry: boolean; readonly delayMs: number} {
  const entry = outbox.find((candidate) => candidate.record.recordId === recordId);
  if (!entry || !failure.isRetryable) {
    return {outbox: removeRecord(outbox, recordId), willRetry: false, delayMs: 0};
  }
  const delayMs = retryDelay(Math.max(1, entry.attempts), random, failure.retryAfterMs, policy);
  return {
    outbox: outbox.map((candidate) =>
      candidate === entry ? {...candidate, notBefore: now + delayMs} : candidate,
    ),
    willRetry: true,
    delayMs,
  };
}

/**
 * Exponential backoff with full jitter (a random wait up to base·2^(attempt−1), capped), so
 * many browsers recovering from one outage do not return in step; never sooner than the
 * server's Retry-After.
 */
export function retryDelay(
  attempt: number,
  random: () => number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}

/** Makes every entry due now: the network came back, or the customer pressed "Try again". */
export function dueNow(outbox: Outbox, now: number): Outbox {
  return outbox.map((entry) => (entry.notBefore > now ? {...entry, notBefore: now} : entry));
}

/** Whether a subject still has records waiting for acknowledgement. */
export function hasPending(outbox: Outbox, subject: string): boolean {
  return outbox.some((entry) => entry.record.subject === subject);
}
