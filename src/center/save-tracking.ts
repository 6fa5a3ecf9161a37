/**
 * What this page is told about its own records: each record it made is followed through the
 * shared state until it is saved or refused — whichever tab delivered it — and the page hears
 * `consent-saved` or `consent-error` once per step, and one save status derived from them.
 */
import type {ConsentReceipt, ConsentRecord} from '../core/protocol.js';
import {saveStatus} from '../core/save-status.js';
import type {SessionStatus} from '../core/session-status.js';
import {standingOf, type SharedState} from '../core/shared-state.js';
import type {ConsentErrorDetail} from '../events.js';

export interface SaveListener {
  onStatus(status: SessionStatus): void;
  onSaved(receipt: ConsentReceipt): void;
  onError(detail: ConsentErrorDetail): void;
}

export class SaveTracking {
  /** This page's records not yet heard of as saved, with the last failed attempt reported. */
  readonly #awaiting = new Map<string, number>();
  /** The record the endpoint refused, offered again by "Try again". */
  #refused: ConsentRecord | undefined;
  /**
   * Offered again by "Try again", not yet back in the outbox: until it is, the state still
   * holds its old refusal, which is not news (a second refusal is a new one, after a new try).
   */
  readonly #offeredAgain = new Set<string>();
  #hasSavedHere = false;
  #hasReportedUnkept = false;
  #last: SessionStatus | undefined;

  constructor(
    private readonly listener: SaveListener,
    private readonly hasEndpoint: boolean,
  ) {}

  /** The status last reported (`undefined` before the first report). */
  get status(): SessionStatus | undefined {
    return this.#last;
  }

  /** Follows a record of this page (or one an earlier page of this subject left waiting). */
  follow(recordId: string, reportedAttempt = 0): void {
    this.#awaiting.set(recordId, reportedAttempt);
  }

  /** A record that never reached the shared state: nothing to follow. */
  forget(recordId: string): void {
    this.#awaiting.delete(recordId);
  }

  /** For "Try again": the refused record, followed again from now on. */
  takeRefused(): ConsentRecord | undefined {
    const refused = this.#refused;
    this.#refused = undefined;
    if (refused) {
      this.follow(refused.recordId);
      this.#offeredAgain.add(refused.recordId);
    }
    return refused;
  }

  /** Where this page's records stand now; tells the page once per step. */
  update(state: SharedState): void {
    for (const [recordId, reported] of this.#awaiting) this.#step(state, recordId, reported);
  }

  /** Once: this browser cannot keep records waiting beyond this page. */
  reportUnkept(): void {
    if (this.#awaiting.size === 0 || this.#hasReportedUnkept) return;
    this.#hasReportedUnkept = true;
    this.listener.onError({
      message:
        'This browser does not keep records waiting for the consent endpoint (storage is unavailable): one not delivered before the page closes is lost.',
      willRetry: true,
    });
  }

  /** Reports the status when it changed. */
  report(state: SharedState | undefined, lastSavedAt: string | undefined, isKept: boolean): void {
    const status: SessionStatus = {
      save: saveStatus({
        hasEndpoint: this.hasEndpoint,
        awaiting: state ? [...this.#awaiting.keys()].map((id) => standingOf(state, id)) : [],
        hasRefusal: this.#refused !== undefined,
        hasSavedHere: this.#hasSavedHere,
      }),
      lastSavedAt,
      isKept,
    };
    const last = this.#last;
    if (
      last &&
      last.save === status.save &&
      last.lastSavedAt === status.lastSavedAt &&
      last.isKept === status.isKept
    )
      return;
    this.#last = status;
    this.listener.onStatus(status);
  }

  #step(state: SharedState, recordId: string, reported: number): void {
    const standing = standingOf(state, recordId);
    const {listener} = this;
    if (standing.kind === 'pending') {
      this.#offeredAgain.delete(recordId);
      const {failure} = standing.entry;
      if (failure && failure.attempt > reported) {
        this.#awaiting.set(recordId, failure.attempt);
        listener.onError({
          message: failure.message ?? 'The consent endpoint did not acknowledge the record.',
          willRetry: true,
          ...(failure.status !== undefined && {status: failure.status}),
        });
      }
      return;
    }
    if (standing.kind === 'unknown') return; // written a moment ago, not visible yet
    const {settlement} = standing;
    if (settlement.outcome !== 'saved' && this.#offeredAgain.has(recordId)) return;
    this.#awaiting.delete(recordId);
    this.#offeredAgain.delete(recordId);
    if (settlement.outcome === 'saved') {
      this.#hasSavedHere = true;
      listener.onSaved({
        receiptId: settlement.receiptId,
        recordedAt: settlement.recordedAt,
        record: settlement.record,
      });
    } else {
      this.#refused = settlement.record;
      listener.onError({
        message: settlement.message,
        willRetry: false,
        ...(settlement.status !== undefined && {status: settlement.status}),
      });
    }
  }
}
