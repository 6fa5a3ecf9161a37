/**
 * Delivers the outbox to the consent endpoint: in order, one request at a time, retrying
 * with backoff, flushing on `online`, and sending what is left with `keepalive` when the page
 * goes away. The outbox lives in storage so a reload or a closed tab loses nothing; a Web
 * Lock makes one tab at a time the sender, so tabs do not race each other.
 */
import {
  afterFailure,
  DEFAULT_BACKOFF,
  dueNow,
  enqueue,
  hasPending,
  markAttempt,
  nextDue,
  removeRecord,
  type BackoffPolicy,
  type Outbox,
} from '../core/delivery.js';
import type {ConsentReceipt, ConsentRecord} from '../core/record.js';
import {EndpointError, sendRecord, type EndpointOptions} from './endpoint.js';
import {readOutbox, writeOutbox, type KeyValueStore} from './storage.js';

export interface DeliveryListener {
  /** The endpoint acknowledged a record (once per record). */
  onSaved(receipt: ConsentReceipt): void;
  /** An attempt failed; `willRetry` says whether the record is still in the outbox. */
  onFailed(error: EndpointError, record: ConsentRecord, willRetry: boolean): void;
}

export interface DeliveryOptions {
  readonly endpoint: EndpointOptions;
  readonly store: KeyValueStore;
  readonly listener: DeliveryListener;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly policy?: BackoffPolicy;
}

const LOCK_NAME = 'privacy-preferences:outbox';
const REQUEST_TIMEOUT_MS = 20_000;

export class ConsentDelivery {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly policy: BackoffPolicy;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private isPumping = false;
  private shouldPumpAgain = false;
  private isDisposed = false;
  /** The outbox for this page only, once storage refused it (full or blocked). */
  private unstoredOutbox: Outbox | undefined;

  constructor(private readonly options: DeliveryOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.policy = options.policy ?? DEFAULT_BACKOFF;
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('pagehide', this.handlePageHide);
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
  }

  /** Queues a record (folding in unsent older ones) and starts sending. */
  send(record: ConsentRecord): void {
    if (this.isDisposed) return;
    this.update((outbox) => enqueue(outbox, record, this.now()));
    void this.pump();
  }

  /** Sends what an earlier page or tab left behind. */
  resume(): void {
    void this.pump();
  }

  /** "Try again": waiting records go now; a record the endpoint refused is offered once more. */
  retry(refused: ConsentRecord | undefined): void {
    if (this.isDisposed) return;
    this.update((outbox) => {
      if (refused && !hasPending(outbox, refused.subject)) {
        return [...outbox, {record: refused, attempts: 1, notBefore: this.now()}];
      }
      return dueNow(outbox, this.now());
    });
    void this.pump();
  }

  /** Whether the subject still has records waiting for acknowledgement. */
  hasPending(subject: string): boolean {
    return hasPending(this.read(), subject);
  }

  /**
   * Stops listening and retrying. What is due right now still goes out once — a single-page
   * app may remove the element right after a change — and the rest waits for the next page.
   */
  dispose(): void {
    const isIdle = !this.isPumping;
    this.isDisposed = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('pagehide', this.handlePageHide);
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    if (isIdle) void withLock(() => this.drain());
  }

  private readonly handleOnline = () => this.retry(undefined);

  private readonly handlePageHide = () => this.sendBeforeLeaving();

  private readonly handleVisibilityChange = () => {
    if (document.visibilityState === 'hidden') this.sendBeforeLeaving();
  };

  /**
   * The page may be gone before an answer comes: send every waiting record with `keepalive`
   * under its own key. If the answer is lost, the record stays and the next load sends it
   * again — the key makes the endpoint store it once.
   */
  private sendBeforeLeaving(): void {
    // All of them, even those waiting out a backoff: this may be the last chance before the
    // next visit (CONTRACT §6).
    for (const {record} of this.read()) {
      this.update((outbox) => markAttempt(outbox, record.recordId));
      sendRecord(this.options.endpoint, record, {keepalive: true}).then(
        (receipt) => {
          this.settle(receipt, record);
          void this.pump(); // the next record need not wait for an old backoff
        },
        () => {}, // Stays in the outbox for the next attempt.
      );
    }
  }

  private read(): Outbox {
    return this.unstoredOutbox ?? readOutbox(this.options.store);
  }

  private write(outbox: Outbox): void {
    if (this.unstoredOutbox || !writeOutbox(this.options.store, outbox)) {
      this.unstoredOutbox = outbox;
    }
  }

  private update(change: (outbox: Outbox) => Outbox): Outbox {
    const next = change(this.read());
    this.write(next);
    return next;
  }

  private schedule(delayMs: number): void {
    if (this.isDisposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), delayMs);
  }

  private async pump(): Promise<void> {
    if (this.isDisposed) return;
    if (this.isPumping) {
      this.shouldPumpAgain = true;
      return;
    }
    this.isPumping = true;
    try {
      do {
        this.shouldPumpAgain = false;
        await withLock(() => this.drain());
      } while (this.shouldPumpAgain && !this.isDisposed);
    } finally {
      this.isPumping = false;
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = nextDue(this.read(), this.now());
      if (!due) return;
      if (due.waitMs > 0) {
        this.schedule(due.waitMs);
        return;
      }
      const {record} = due.entry;
      this.update((outbox) => markAttempt(outbox, record.recordId));
      try {
        // A request that never ends would hold the lock, and every tab's delivery, forever.
        const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
        this.settle(await sendRecord(this.options.endpoint, record, {signal}), record);
      } catch (error) {
        if (!(error instanceof EndpointError)) throw error;
        const outbox = this.read();
        // Acknowledged meanwhile (a keepalive send, another tab): not a failure any more.
        if (!outbox.some((entry) => entry.record.recordId === record.recordId)) continue;
        const failure = afterFailure(
          outbox,
          record.recordId,
          error,
          this.now(),
          this.random,
          this.policy,
        );
        this.write(failure.outbox);
        this.options.listener.onFailed(error, record, failure.willRetry);
        if (failure.willRetry) {
          this.schedule(failure.delayMs);
          return;
        }
      }
    }
  }

  /** Removes an acknowledged record; tells the listener only the first time. */
  private settle(receipt: ConsentReceipt, record: ConsentRecord): void {
    const before = this.read();
    const after = removeRecord(before, record.recordId);
    if (after.length === before.length) return;
    this.write(after);
    this.options.listener.onSaved({...receipt, record});
  }
}

/** One tab at a time sends; without Web Locks (insecure origins) each tab sends its own. */
async function withLock(task: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) await locks.request(LOCK_NAME, task);
  else await task();
}
