/**
 * One customer's consent on this page: the choices in force, where they came from, and
 * everything that follows a change — this browser's copy, the other tabs, the endpoint.
 * The element renders what the session reports and forwards the customer's intent to it.
 */
import type {PrivacyConfig} from '../core/config.js';
import {
  changedIds,
  resolveChoices,
  startingChoices,
  type ChangeMethod,
  type Choices,
  type PriorDecision,
} from '../core/consent.js';
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
  | {
      readonly kind: 'failed';
      readonly willRetry: boolean;
      /** The endpoint's own words, when it gave any. */
      readonly reason: string | undefined;
      readonly httpStatus: number | undefined;
    };

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
  /** `navigator.globalPrivacyControl === true`. */
  readonly hasGpcSignal: boolean;
}

export interface SessionStart {
  readonly choices: Choices;
  readonly source: ReadySource;
}

/** The policy changed since the customer's last decision. */
export interface PolicyChange {
  readonly newPurposeIds: readonly string[];
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
  private policyChangeSinceDecision: PolicyChange | undefined;
  /** Purposes Global Privacy Control switched off on this load, recorded once ready. */
  private deniedByGpc: readonly string[] = [];

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

  get subject(): string {
    return this.options.subject;
  }

  /** Whether the browser sends Global Privacy Control on this page. */
  get hasGpcSignal(): boolean {
    return this.options.hasGpcSignal;
  }

  /**
   * This browser's copy applies before any network round trip (CONTRACT §5); a newer record
   * from another device follows as a `sync` change. Without a copy, the endpoint's record or
   * the defaults.
   */
  async start(signal: AbortSignal): Promise<SessionStart> {
    const {config, subject, hasGpcSignal} = this.options;
    const stored = readDecision(this.options.store);
    const local = stored?.subject === subject ? stored : undefined;
    let prior: PriorDecision | undefined = local;
    let source: ReadySource = 'local';
    if (local) {
      this.lastSavedAt = local.savedAt;
      this.fetchRemote(signal).then(
        (remote) => remote && !signal.aborted && this.adoptRemote(local, remote),
        () => {}, // aborted: the element left the page or reloaded its configuration
      );
    } else {
      const remote = await this.fetchRemote(signal);
      if (remote) {
        this.lastSavedAt = remote.recordedAt;
        this.remember(receiptDecision(remote, remote.record.choices));
      }
      prior = remote?.record;
      source = remote ? 'endpoint' : 'default';
    }
    const start = startingChoices(config.purposes, config.policyVersion, prior, hasGpcSignal);
    this.current = start.choices;
    this.deniedByGpc = start.deniedByGpc;
    if (start.isPolicyChanged)
      this.policyChangeSinceDecision = {newPurposeIds: start.newPurposeIds};
    for (const {record} of readOutbox(this.options.store)) {
      if (record.subject === subject) this.ownRecordIds.add(record.recordId);
    }
    if (this.ownRecordIds.size > 0) this.status = {kind: 'saving'};
    this.reportStatus();
    this.delivery?.resume();
    return {choices: start.choices, source};
  }

  /**
   * Records what Global Privacy Control switched off at start (method `gpc`), once the page
   * has been told the initial choices.
   */
  recordGpc(locale: string): void {
    if (this.deniedByGpc.length === 0) return;
    const changed = this.deniedByGpc;
    this.deniedByGpc = [];
    this.options.listener.onChange(this.current, changed, 'gpc');
    this.record(this.current, changed, 'gpc', locale);
  }

  /** Set while the last decision was made under another policy version. */
  get policyChange(): PolicyChange | undefined {
    return this.policyChangeSinceDecision;
  }

  /** This browser's copy of the customer's current decision, if any. */
  get decision(): StoredDecision | undefined {
    const stored = readDecision(this.options.store);
    return stored?.subject === this.options.subject ? stored : undefined;
  }

  /** Applies new choices at once, tells the page, then records them. */
  commit(next: Choices, method: RecordedMethod, locale: string): void {
    const changed = changedIds(this.current, next);
    if (changed.length === 0) return;
    this.current = next;
    this.policyChangeSinceDecision = undefined; // decided under the current policy now
    this.options.listener.onChange(next, changed, method);
    this.record(next, changed, method, locale);
  }

  private record(
    choices: Choices,
    changed: readonly string[],
    method: RecordedMethod,
    locale: string,
  ): void {
    const {config, subject, hasGpcSignal} = this.options;
    const collectedAt = new Date().toISOString();
    const previous = this.decision;
    this.remember({
      subject,
      policyVersion: config.policyVersion,
      choices,
      decidedAt: collectedAt,
      gpc: hasGpcSignal,
      changedAt: stampChanges(previous?.changedAt, changed, collectedAt),
    });
    if (!this.delivery) return;
    this.refused = undefined;
    this.setStatus({kind: 'saving'});
    const recordId = crypto.randomUUID();
    this.ownRecordIds.add(recordId);
    this.delivery.send({
      recordId,
      subject,
      policyVersion: config.policyVersion,
      choices,
      changed,
      method,
      locale,
      gpc: hasGpcSignal,
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
    this.remember(receiptDecision(remote, choices, local));
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
      this.remember(receiptDecision(receipt, record.choices, stored));
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
    this.setStatus({
      kind: 'failed',
      willRetry,
      reason: error.serverReason,
      httpStatus: error.status,
    });
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

function receiptDecision(
  {record, recordedAt, receiptId}: ConsentReceipt,
  choices: Choices,
  previous?: StoredDecision,
): StoredDecision {
  return {
    subject: record.subject,
    policyVersion: record.policyVersion,
    choices,
    decidedAt: record.collectedAt,
    savedAt: recordedAt,
    receiptId,
    gpc: record.gpc,
    changedAt: stampChanges(previous?.changedAt, record.changed, record.collectedAt),
  };
}

/** When each purpose last changed: the earlier times, with `changed` now at `at`. */
function stampChanges(
  earlier: Readonly<Record<string, string>> | undefined,
  changed: readonly string[],
  at: string,
): Record<string, string> {
  return {...earlier, ...Object.fromEntries(changed.map((id) => [id, at]))};
}
