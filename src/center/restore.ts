/**
 * Restoring the customer's choices from the endpoint (docs/consent-endpoint.md): the subject's
 * current record, asked once per load. It never holds the center hostage: the session waits at
 * most `RESTORE_WAIT_MS` for it, then goes on with this browser's copy or the defaults.
 */
import type {RestoredReceipt} from '../core/protocol.js';
import {fetchLatestRecord, type EndpointOptions} from './endpoint.js';
import {REAL_TIMERS, timeoutSignal, type Timers} from './timers.js';

export const RESTORE_WAIT_MS = 5000;
/** After this long the request itself is abandoned (a record that comes later is not taken). */
const RESTORE_TIMEOUT_MS = 20_000;

/**
 * The endpoint's current record of the subject (`null`: none, or unreachable, broken or
 * malformed); `undefined` when there is nothing to ask — no endpoint, or a subject made on
 * this load, which cannot have a record.
 */
export function restoreRecord(
  endpoint: EndpointOptions | undefined,
  subject: string,
  isNewSubject: boolean,
  signal: AbortSignal,
  timers: Timers = REAL_TIMERS,
): Promise<RestoredReceipt | null> | undefined {
  if (!endpoint || isNewSubject) return undefined;
  const request = AbortSignal.any([signal, timeoutSignal(RESTORE_TIMEOUT_MS, timers)]);
  return fetchLatestRecord(endpoint, subject, request).catch(() => null);
}

export interface RestoreAtStart {
  /** The endpoint's answer to come (see `restoreRecord`). */
  readonly remote: Promise<RestoredReceipt | null> | undefined;
  /** Nothing in this browser to start from: worth waiting up to `RESTORE_WAIT_MS` for. */
  readonly canWait: boolean;
  readonly signal: AbortSignal;
  /** What the wait is timed by; the real timers by default. */
  readonly timers?: Timers;
  /** Takes the record when it is newer; whether it was taken. */
  adopt(receipt: RestoredReceipt, isStarted: boolean): Promise<boolean>;
}

/**
 * Whether the endpoint's record was taken in time to start from. One too slow for the first
 * paint — or answered while this browser's copy applies — is taken when it comes.
 */
export async function restoreAtStart({
  remote,
  canWait,
  signal,
  timers = REAL_TIMERS,
  adopt,
}: RestoreAtStart): Promise<boolean> {
  if (!remote) return false;
  const adoptLater = (receipt: RestoredReceipt | null) =>
    receipt && !signal.aborted && void adopt(receipt, true).catch(() => {});
  if (!canWait) {
    void remote.then(adoptLater);
    return false;
  }
  const answer = await Promise.race([remote, delay(RESTORE_WAIT_MS, signal, timers)]);
  if (answer) return adopt(answer, false);
  if (answer === undefined) void remote.then(adoptLater);
  return false;
}

/** Resolves with `undefined` after `ms`, or when `signal` aborts. */
function delay(ms: number, signal: AbortSignal, timers: Timers): Promise<undefined> {
  return new Promise((resolve) => {
    const timer = timers.setTimeout(() => resolve(undefined), ms);
    signal.addEventListener('abort', () => {
      timers.clearTimeout(timer);
      resolve(undefined);
    });
  });
}
