/**
 * One customer's consent on this page: the choices in force, where they came from, and
 * everything that follows a change — this browser's copy, the other tabs, the endpoint.
 * The element renders what the session reports and forwards the customer's intent to it.
 */
import type {PrivacyConfig} from '../core/config.js';
import {changedIds, resolveChoices, type ChangeMethod, type Choices} from '../core/consent.js';
import type {ConsentReceipt, ConsentRecord, RecordedMethod} from '../core/record.js';
import type {ConsentErrorDetail, ReadySource} from '../events.js';
import {ConsentDelivery} from './delivery.js';
import {EndpointError, fetchLatestRecord, type EndpointOptions} from './endpoint.js';
import {
  readDecision,
  readOutbox,
  writeDecision,
  type KeyValueStore,
  type StoredDecision,
} from './storage.js';
import {linkTabs, type TabLink, type TabMessage} from './tabs.js';

/** Where the latest change stands, as the customer is told about it. */
export type SaveStatus =
  | {readonly kind: 'idle'}
  | {readonly kind: 'local-only'}
  | {readonly kind: 'saving'}
  | {readonly kind: 'saved'}
  | {readonly kind: 'failed'; readonly message: string; readonly willRetry: boolean};

export interface SessionListener {
  /** The choices in force changed (by this page, another tab, or another device). */
  onChange(choices: Choices, changed: readonly string[], method: ChangeMethod): void;
  onStatus(status: SaveStatus, lastSavedAt: string | undefined): void;
  onSaved(receipt: ConsentReceipt): void;
  onError(detail: ConsentErrorDetail): void;
}

export interface SessionOptions {
  readonly config: PrivacyConfig;
  readonly subject: string;
  readonly endpoint: EndpointOptions | undefined;
  readonly store: KeyValueStore;
  readonly listener: SessionListener;
}

export interface SessionStart {
  readonly choices: Choices;
  readonly source: ReadySource;
}

export class ConsentSession {
  private current: Choices = {};
  private status: SaveStatus;
  private lastSavedAt: string | undefined;
  /** The record to offer again when the customer presses "Try again" after a refusal. */
  private refused: ConsentRecord | undefined;
  private readonly delivery: ConsentDelivery | undefined;
  private readonly tabs: TabLink;
  /**
   * Records this page answers for: the ones it made, and the ones an earlier page left
   * behind. Any tab may deliver a record; `consent-saved` fires in the page it belongs to.
   */
  private readonly ownRecordIds = new Set<string>();

  constructor(private readonly options: SessionOptions) {
    this.status = options.endpoint ? {kind: 'idle'} : {kind: 'local-only'};
    this.delivery =
      options.endpoint &&
      new ConsentDelivery({
        endpoint: options.endpoint,
        store: options.store,
        listener: {
          onSaved: (receipt) => this.handleSaved(receipt),
          onFailed: (error, record, willRetry) => this.handleFailed(error, record, willRetry),
        },
      });
    this.tabs = linkTabs((message) => this.handleOtherTab(message));
  }

  get choices(): Choices {
    return this.current;
  }

  /**
   * This browser's copy applies before any network round trip (CONTRACT §5); a newer record
   * from another device follows as a `sync` change. Without a copy, the endpoint's record or
   * the defaults.
   */
  async start(signal: AbortSignal): Promise<SessionStart> {
    const {config, subject} = this.options;
    const stored = readDecision(this.options.store);
    const local = stored?.subject === subject ? stored : undefined;
    let start: SessionStart;
    if (local) {
      this.lastSavedAt = local.savedAt;
      start = {choices: resolveChoices(config.purposes, local.choices), source: 'local'};
      void this.fetchRemote(signal).then((remote) => remote && this.adoptRemote(local, remote));
    } else {
      const remote = await this.fetchRemote(signal);
      if (remote) {
        this.lastSavedAt = remote.recordedAt;
        start = {
          choices: resolveChoices(config.purposes, remote.record.choices),
          source: 'endpoint',
        };
        this.remember(receiptDecision(remote, start.choices));
      } else {
        start = {choices: resolveChoices(config.purposes), source: 'default'};
      }
    }
    this.current = start.choices;
    for (const {record} of readOutbox(this.options.store)) {
      if (record.subject === subject) this.ownRecordIds.add(record.recordId);
    }
    if (this.ownRecordIds.size > 0) this.status = {kind: 'saving'};
    this.reportStatus();
    this.delivery?.resume();
    return start;
  }

  /** Applies new choices at once, tells the page, then records them. */
  commit(next: Choices, method: RecordedMethod, locale: string): void {
    const changed = changedIds(this.current, next);
    if (changed.length === 0) return;
    const {config, subject} = this.options;
    const collectedAt = new Date().toISOString();
    this.current = next;
    this.remember({
      subject,
      policyVersion: config.policyVersion,
      choices: next,
      decidedAt: collectedAt,
    });
    this.options.listener.onChange(next, changed, method);
    if (!this.delivery) return;
    this.refused = undefined;
    this.setStatus({kind: 'saving'});
    const recordId = crypto.randomUUID();
    this.ownRecordIds.add(recordId);
    this.delivery.send({
      recordId,
      subject,
      policyVersion: config.policyVersion,
      choices: next,
      changed,
      method,
      locale,
      gpc: false,
      collectedAt,
    });
  }

  /** "Try again" after a failure. */
  retry(): void {
    if (!this.delivery) return;
    this.setStatus({kind: 'saving'});
    this.delivery.retry(this.refused);
    this.refused = undefined;
  }

  dispose(): void {
    this.delivery?.dispose();
    this.tabs.close();
  }

  private async fetchRemote(signal: AbortSignal): Promise<ConsentReceipt | null> {
    const {endpoint, subject} = this.options;
    if (!endpoint) return null;
    try {
      return await fetchLatestRecord(endpoint, subject, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return null; // Unreachable or broken endpoint: this browser's copy or the defaults apply.
    }
  }

  private adoptRemote(local: StoredDecision, remote: ConsentReceipt): void {
    if (remote.record.collectedAt < local.decidedAt) return;
    if (this.ownRecordIds.size > 0) return; // this browser's undelivered change is newer
    const choices = resolveChoices(this.options.config.purposes, remote.record.choices);
    this.remember(receiptDecision(remote, choices));
    this.lastSavedAt = remote.recordedAt;
    this.applyFromElsewhere(choices);
    this.reportStatus();
  }

  /** This page's delivery got an acknowledgement — perhaps for another tab's record. */
  private handleSaved(receipt: ConsentReceipt): void {
    const {record} = receipt;
    const stored = readDecision(this.options.store);
    // Only the newest decision takes the receipt; an older record must not undo a later choice.
    if (!stored || stored.subject !== record.subject || stored.decidedAt <= record.collectedAt) {
      this.remember(receiptDecision(receipt, record.choices));
    }
    this.tabs.announce({kind: 'saved', receipt});
    this.acknowledge(receipt);
  }

  private acknowledge(receipt: ConsentReceipt): void {
    const {record} = receipt;
    if (record.subject !== this.options.subject) return;
    this.lastSavedAt = receipt.recordedAt;
    if (this.ownRecordIds.delete(record.recordId)) this.options.listener.onSaved(receipt);
    if (this.ownRecordIds.size === 0 && this.status.kind !== 'local-only') {
      this.status = {kind: 'saved'};
    }
    this.reportStatus();
  }

  private handleFailed(error: EndpointError, record: ConsentRecord, willRetry: boolean): void {
    if (!this.ownRecordIds.has(record.recordId)) return; // another tab's record: it is not told
    if (!willRetry) {
      this.ownRecordIds.delete(record.recordId);
      this.refused = record;
    }
    this.setStatus({kind: 'failed', message: error.message, willRetry});
    this.options.listener.onError({
      message: error.message,
      willRetry,
      ...(error.status !== undefined && {status: error.status}),
    });
  }

  /** Another tab decided, or delivered a record: show it here, without recording it again. */
  private handleOtherTab(message: TabMessage): void {
    if (message.kind === 'saved') {
      this.acknowledge(message.receipt);
      return;
    }
    const {decision} = message;
    if (decision.subject !== this.options.subject) return;
    this.applyFromElsewhere(resolveChoices(this.options.config.purposes, decision.choices));
  }

  private applyFromElsewhere(choices: Choices): void {
    const changed = changedIds(this.current, choices);
    if (changed.length === 0) return;
    this.current = choices;
    this.options.listener.onChange(choices, changed, 'sync');
  }

  private remember(decision: StoredDecision): void {
    writeDecision(this.options.store, decision);
    this.tabs.announce({kind: 'decision', decision});
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    this.reportStatus();
  }

  private reportStatus(): void {
    this.options.listener.onStatus(this.status, this.lastSavedAt);
  }
}

function receiptDecision({record, recordedAt, receiptId}: ConsentReceipt, choices: Choices) {
  return {
    subject: record.subject,
    policyVersion: record.policyVersion,
    choices,
    decidedAt: record.collectedAt,
    savedAt: recordedAt,
    receiptId,
  };
}
