/**
 * Delivers the shared outbox to the consent endpoint: in order, one request at a time,
 * retrying with backoff, flushing on `online`, and sending what is left with `keepalive` when
 * the page goes away. Each step that reads and changes the outbox is one atomic change of the
 * shared store; a Web Lock makes one tab at a time the sender, so no record goes out twice at
 * once. How a record settles is written to the shared state, where every tab reads it.
 */
import {
  afterFailure,
  DEFAULT_BACKOFF,
  dueNow,
  markAttempt,
  nextDue,
  type BackoffPolicy,
  type OutboxEntry,
} from '../core/outbox.js';
import type {ConsentRecord} from '../core/protocol.js';
import {settleRefused, settleSaved} from '../core/shared-state.js';
import {EndpointError, sendRecord, type EndpointOptions} from './endpoint.js';
import type {SharedStore} from './shared-store.js';
import {REAL_TIMERS, timeoutSignal, type TimerHandle, type Timers} from './timers.js';

export interface DeliveryOptions {
  readonly endpoint: EndpointOptions;
  readonly store: SharedStore;
  readonly now?: () => number;
  /** What backoff waits and request timeouts are timed by; the real timers by default. */
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly policy?: BackoffPolicy;
}

const LOCK_NAME = 'privacy-preferences:sender';
const REQUEST_TIMEOUT_MS = 20_000;
/** setTimeout fires at once for anything longer (a signed 32-bit count of milliseconds). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ConsentDelivery {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly policy: BackoffPolicy;
  private readonly timers: Timers;
  private timer: TimerHandle | undefined;
  private isPumping = false;
  /** The pump at work, so that disposing waits for the record on its way. */
  private pumping: Promise<void> = Promise.resolve();
  private shouldPumpAgain = false;
  private isDisposed = false;

  constructor(private readonly options: DeliveryOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? REAL_TIMERS;
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('pagehide', this.handlePageHide);
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
  }

  /** Sends what is due; records another tab or an earlier page left are sent too. */
  send(): void {
    void this.pump();
  }

  private pump(): Promise<void> {
    if (this.isDisposed) return Promise.resolve();
    if (this.isPumping) {
      this.shouldPumpAgain = true;
      return this.pumping;
    }
    this.isPumping = true;
    this.pumping = this.pumpUntilIdle();
    return this.pumping;
  }

  /**
   * Everything waiting goes now, records held for a later page included: a new page load,
   * "Try again", or the network came back.
   */
  async retry(): Promise<void> {
    if (this.isDisposed) return;
    await this.options.store.update((state) => ({
      state: {...state, outbox: dueNow(state.outbox, this.now())},
      result: undefined,
    }));
    void this.pump();
  }

  /**
   * Stops listening and retrying. What is due right now still goes out once — a single-page
   * app may remove the element right after a change — and the rest waits for the next page.
   */
  async dispose(): Promise<void> {
    const isIdle = !this.isPumping;
    this.isDisposed = true;
    this.timers.clearTimeout(this.timer);
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('pagehide', this.handlePageHide);
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    if (isIdle) await withLock(() => this.drain(true)).catch(() => {});
    else await this.pumping;
  }

  private readonly handleOnline = () => void this.retry().catch(() => {});

  private readonly handlePageHide = () => this.sendBeforeLeaving();

  private readonly handleVisibilityChange = () => {
    if (document.visibilityState === 'hidden') this.sendBeforeLeaving();
  };

  /**
   * The page may be gone before an answer comes: send every waiting record with `keepalive`
   * under its own key, from what this page last read (there is no time to read again). If the
   * answer is lost, the record stays and the next load sends it again — the key makes the
   * endpoint store it once.
   */
  private sendBeforeLeaving(): void {
    const leaving = this.options.store.cached.outbox.map((entry) => entry.record);
    // Count the attempts (IndexedDB runs this before any later change), so that no later
    // change folds a record the endpoint may be storing under its own key.
    this.options.store
      .update((state) => ({
        state: {
          ...state,
          outbox: leaving.reduce(
            (outbox, record) => markAttempt(outbox, record.recordId),
            state.outbox,
          ),
        },
        result: undefined,
      }))
      .catch(() => {}); // the store closed meanwhile: the next load sends them again
    for (const record of leaving) {
      sendRecord(this.options.endpoint, record, {keepalive: true})
        .then(
          (ack) =>
            this.options.store.update((state) => ({
              state: settleSaved(state, record, ack, this.now()),
              result: undefined,
            })),
          () => {}, // Stays in the outbox for the next attempt.
        )
        .catch(() => {}); // the store closed meanwhile: the next load settles it
    }
  }

  private schedule(delayMs: number): void {
    if (this.isDisposed) return;
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => void this.pump(), Math.min(delayMs, MAX_TIMER_MS));
  }

  private async pumpUntilIdle(): Promise<void> {
    try {
      do {
        this.shouldPumpAgain = false;
        await withLock(() => this.drain(false));
      } while (this.shouldPumpAgain && !this.isDisposed);
    } catch {
      // The store failed (storage cleared or revoked): the next change or load tries again.
    } finally {
      this.isPumping = false;
    }
  }

  /** Sends due records one by one; `once`: only what is due now, no timers (leaving). */
  private async drain(once: boolean): Promise<void> {
    for (;;) {
      const now = this.now();
      // Claim the next due record: the attempt is counted before it is made, so no tab folds
      // a record that may already be on its way.
      const due = await this.options.store.update((state) => {
        const next = nextDue(state.outbox, now);
        if (!next || next.waitMs > 0) return {state, result: next};
        return {
          state: {...state, outbox: markAttempt(state.outbox, next.entry.record.recordId)},
          result: next,
        };
      });
      if (!due) return;
      if (due.waitMs > 0) {
        if (!once) this.schedule(due.waitMs);
        return;
      }
      if (!(await this.attempt(due.entry))) return;
    }
  }

  /** One attempt; whether to go on with the next record now. */
  private async attempt({record}: OutboxEntry): Promise<boolean> {
    try {
      // A request that never ends would hold the lock, and every tab's delivery, forever.
      const signal = timeoutSignal(REQUEST_TIMEOUT_MS, this.timers);
      const ack = await sendRecord(this.options.endpoint, record, {signal});
      await this.options.store.update((state) => ({
        state: settleSaved(state, record, ack, this.now()),
        result: undefined,
      }));
      return true;
    } catch (error) {
      if (!(error instanceof EndpointError)) throw error;
      return this.fail(record, error);
    }
  }

  private async fail(record: ConsentRecord, error: EndpointError): Promise<boolean> {
    const failure = await this.options.store.update((state) => {
      const outcome = afterFailure(
        state.outbox,
        record.recordId,
        error,
        this.now(),
        this.random,
        this.policy,
      );
      if (!state.outbox.some((entry) => entry.record.recordId === record.recordId)) {
        // Acknowledged meanwhile (a keepalive send): not a failure any more.
        return {state, result: {willRetry: false, delayMs: 0, isGone: true}};
      }
      const next = outcome.willRetry
        ? {...state, outbox: outcome.outbox}
        : settleRefused(state, record, error.status, error.message);
      return {state: next, result: {...outcome, isGone: false}};
    });
    if (failure.isGone || error.isHeld) return true; // a held record waits; later ones may go
    if (failure.willRetry) {
      this.schedule(failure.delayMs);
      return false;
    }
    return true;
  }
}

/** One tab at a time sends; without Web Locks (insecure origins) each tab sends its own. */
async function withLock(task: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) await locks.request(LOCK_NAME, task);
  else await task();
}
