/**
 * Restoring the customer's choices from the endpoint (docs/consent-endpoint.md): the subject's
 * current record, asked once per load — and again, a few times, when the endpoint says to come
 * back later. It never holds the center hostage: the session waits at most `RESTORE_WAIT_MS`
 * for it, then goes on with this browser's copy or the defaults.
 */
import type {RestoredReceipt} from '../core/protocol.js';
import {EndpointError, fetchLatestRecord, type EndpointOptions} from './endpoint.js';
import {REAL_TIMERS, timeoutSignal, type Timers} from './timers.js';

export const RESTORE_WAIT_MS = 5000;
/** After this long the request itself is abandoned (a record that comes later is not taken). */
export const RESTORE_TIMEOUT_MS = 20_000;
/** How many times a restore asks again after "come back later". */
export const MAX_RESTORE_RETRIES = 3;
/** The wait before asking again when the endpoint gave no `Retry-After`: doubled each time. */
export const RESTORE_BACKOFF_MS = 1000;

/**
 * How long to wait before asking for the record again, or `undefined` to give up. Only "come
 * back later" is asked again — 429 and 503, after their `Retry-After` or a short backoff — a
 * bounded number of times, and only when the wait ends before the request is abandoned
 * (`remainingMs` from now). Anything else (no record, a broken answer, a network failure)
 * starts from this browser's copy or the defaults, as before.
 */
export function restoreRetryDelay(
  failure: Pick<EndpointError, 'status' | 'retryAfterMs'>,
  retries: number,
  remainingMs: number,
): number | undefined {
  if (failure.status !== 429 && failure.status !== 503) return undefined;
  if (retries >= MAX_RESTORE_RETRIES) return undefined;
  const wait = failure.retryAfterMs ?? RESTORE_BACKOFF_MS * 2 ** retries;
  return wait < remainingMs ? wait : undefined;
}

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
  now: () => number = Date.now,
): Promise<RestoredReceipt | null> | undefined {
  if (!endpoint || isNewSubject) return undefined;
  const request = AbortSignal.any([signal, timeoutSignal(RESTORE_TIMEOUT_MS, timers)]);
  const deadline = now() + RESTORE_TIMEOUT_MS;
  const ask = async (retries: number): Promise<RestoredReceipt | null> => {
    try {
      return await fetchLatestRecord(endpoint, subject, request);
    } catch (error) {
      const wait =
        error instanceof EndpointError
          ? restoreRetryDelay(error, retries, deadline - now())
          : undefined;
      if (wait === undefined) return null;
      await delay(wait, request, timers);
      return request.aborted ? null : ask(retries + 1);
    }
  };
  return ask(0);
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
    if (signal.aborted) return resolve(undefined);
    const timer = timers.setTimeout(() => resolve(undefined), ms);
    signal.addEventListener(
      'abort',
      () => {
        timers.clearTimeout(timer);
        resolve(undefined);
      },
      {once: true},
    );
  });
}
