/**
 * The outbox of consent records waiting for the endpoint's acknowledgement, as pure
 * functions over an immutable list. Time and randomness are passed in, so the rules —
 * order, coalescing, backoff with full jitter, Retry-After — are tested without waiting.
 */
import type {ConsentRecord} from './protocol.js';

export interface OutboxEntry {
  readonly record: ConsentRecord;
  /** Attempts made so far; an entry with attempts may already be stored by the endpoint. */
  readonly attempts: number;
  /** Epoch milliseconds before which the entry must not be sent again. */
  readonly notBefore: number;
  /** Ids of earlier records folded into this one: delivering it delivers them. */
  readonly covers?: readonly string[];
  /** How the last attempt failed, so every tab can say where the record stands. */
  readonly failure?: EntryFailure;
}

/**
 * `retrying`: a network failure, 408, 429 or 5xx; it goes again after a backoff.
 * `held`: no acknowledgement (401/403, a redirect, an answer that is not JSON); it waits for
 * a later page load, "Try again", or the network coming back.
 */
export interface EntryFailure {
  readonly kind: 'retrying' | 'held';
  readonly status?: number | undefined;
  /** What went wrong, for the site's `consent-error` (never shown to the customer). */
  readonly message?: string | undefined;
  /** Which attempt failed so, so that each failure is reported once. */
  readonly attempt: number;
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
  /** Not an acknowledgement, but nothing a retry in this page would mend: keep it for later. */
  readonly isHeld?: boolean;
  readonly status?: number | undefined;
  readonly message?: string | undefined;
  readonly retryAfterMs?: number | undefined;
}

/**
 * Adds a record at the end. Records of the same subject and method not yet attempted are
 * folded into it — the newest record carries the final choices, its `changed` covers theirs
 * and `covers` names them — so rapid toggles cost one request, while a refusal followed by a
 * toggle stays two decisions. Attempted records stay: they keep their key until acknowledged.
 */
export function enqueue(outbox: Outbox, record: ConsentRecord, now: number): Outbox {
  const folded = outbox.filter(
    (entry) =>
      entry.attempts === 0 &&
      entry.record.subject === record.subject &&
      entry.record.method === record.method,
  );
  const changed = new Set([...folded.flatMap((entry) => entry.record.changed), ...record.changed]);
  const merged: ConsentRecord = {
    ...record,
    changed: Object.keys(record.choices).filter((id) => changed.has(id)),
  };
  const covers = folded.flatMap((entry) => [entry.record.recordId, ...(entry.covers ?? [])]);
  return [
    ...outbox.filter((entry) => !folded.includes(entry)),
    {record: merged, attempts: 0, notBefore: now, ...(covers.length > 0 && {covers})},
  ];
}

/**
 * The entry to send next (records go in order; held ones wait for a later page) and how long
 * until it may go.
 */
export function nextDue(
  outbox: Outbox,
  now: number,
): {readonly entry: OutboxEntry; readonly waitMs: number} | undefined {
  const entry = outbox.find((candidate) => candidate.failure?.kind !== 'held');
  return entry && {entry, waitMs: Math.max(0, entry.notBefore - now)};
}

/** The entry that carries a record, itself or folded into a later one. */
export function entryCarrying(outbox: Outbox, recordId: string): OutboxEntry | undefined {
  return outbox.find(
    (entry) => entry.record.recordId === recordId || entry.covers?.includes(recordId),
  );
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
 * a held one keeps it for a later page; any other failure removes it (sending it again would
 * only fail again).
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
  if (entry && failure.isHeld) {
    return {
      outbox: outbox.map((candidate) =>
        candidate === entry
          ? {
              ...candidate,
              failure: {
                kind: 'held',
                status: failure.status,
                message: failure.message,
                attempt: entry.attempts,
              },
            }
          : candidate,
      ),
      willRetry: true,
      delayMs: 0,
    };
  }
  if (!entry || !failure.isRetryable) {
    return {outbox: removeRecord(outbox, recordId), willRetry: false, delayMs: 0};
  }
  const delayMs = retryDelay(Math.max(1, entry.attempts), random, failure.retryAfterMs, policy);
  return {
    outbox: outbox.map((candidate) =>
      candidate === entry
        ? {
            ...candidate,
            notBefore: now + delayMs,
            failure: {
              kind: 'retrying',
              status: failure.status,
              message: failure.message,
              attempt: entry.attempts,
            },
          }
        : candidate,
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

/**
 * Makes every entry due now, held ones included: a new page load, the network came back, or
 * the customer pressed "Try again".
 */
export function dueNow(outbox: Outbox, now: number): Outbox {
  return outbox.map((entry) => {
    if (entry.notBefore <= now && entry.failure?.kind !== 'held') return entry;
    const {record, attempts, covers} = entry;
    return {record, attempts, notBefore: Math.min(entry.notBefore, now), ...(covers && {covers})};
  });
}
