/**
 * One customer's consent on this page: the choices in force, where they came from, and
 * everything that follows a decision — the state shared with the other tabs, the endpoint,
 * and what the customer is told. The element renders what the session reports and forwards
 * the customer's intent to it.
 */
import type {PrivacyConfig} from '../core/config.js';
import {
  changedIds,
  resolveChoices,
  startingChoices,
  type ChangeMethod,
  type Choices,
} from '../core/consent.js';
import type {Choice} from '../core/patterns.js';
import {
  canonicalLocale,
  undeliverable,
  type ConsentReceipt,
  type ConsentRecord,
  type RecordedMethod,
  type RestoredReceipt,
} from '../core/protocol.js';
import {saveStatus, type SaveStatus} from '../core/save-status.js';
import {
  adoptRemote,
  decide,
  standingOf,
  type SharedState,
  type StoredDecision,
} from '../core/shared-state.js';
import type {ConsentErrorDetail, ReadySource} from '../events.js';
import {ConsentDelivery} from './delivery.js';
import {fetchLatestRecord, type EndpointOptions} from './endpoint.js';
import {openSharedStore, type SharedStore} from './shared-store.js';
import type {KeyValueStore} from './storage.js';

export type {SaveStatus};

/** What the customer is told about saving, and since when their choices are saved. */
export interface SessionStatus {
  readonly save: SaveStatus;
  /** When the latest decision was acknowledged (ISO 8601). */
  readonly lastSavedAt: string | undefined;
  /** False when this browser cannot keep records waiting for the endpoint beyond this page. */
  readonly isKept: boolean;
}

export interface SessionListener {
  /** The choices in force changed (by this page, another tab, or another device). */
  onChange(choices: Choices, changed: readonly string[], method: ChangeMethod): void;
  onStatus(status: SessionStatus): void;
  onSaved(receipt: ConsentReceipt): void;
  onError(detail: ConsentErrorDetail): void;
  /** Whether the customer has decided under the current policy changed (a banner hides). */
  onDecided(isDecided: boolean): void;
}

export interface SessionOptions {
  readonly config: PrivacyConfig;
  readonly subject: string;
  /** An anonymous id made on this load: there is no record to restore. */
  readonly isNewSubject: boolean;
  readonly endpoint: EndpointOptions | undefined;
  /** `localStorage` or a stand-in: the decision's synchronous mirror. */
  readonly mirror: KeyValueStore;
  readonly listener: SessionListener;
  /** `navigator.globalPrivacyControl === true`. */
  readonly hasGpcSignal: boolean;
  /** The shared state; IndexedDB by default. */
  readonly openStore?: (mirror: KeyValueStore) => Promise<SharedStore>;
  readonly now?: () => number;
}

export interface SessionStart {
  readonly choices: Choices;
  readonly source: ReadySource;
}

/** The policy changed since the customer's last decision. */
export interface PolicyChange {
  readonly newPurposeIds: readonly string[];
}

/** Restoring never holds the center hostage (CONTRACT §6). */
export const RESTORE_WAIT_MS = 5000;
const RESTORE_TIMEOUT_MS = 20_000;

export class ConsentSession {
  private current: Choices = {};
  private store: SharedStore | undefined;
  private delivery: ConsentDelivery | undefined;
  private unsubscribe: (() => void) | undefined;
  /** This page's records not yet heard of as saved, with the last failed attempt reported. */
  private readonly awaiting = new Map<string, number>();
  /** The record the endpoint refused, offered again by "Try again". */
  private refused: ConsentRecord | undefined;
  private hasSavedHere = false;
  private hasReportedUnkept = false;
  /** Decisions of this page still being written: the shared state does not show them yet. */
  private decisionsInFlight = 0;
  private lastWrite: Promise<unknown> = Promise.resolve();
  private policyChangeSinceDecision: PolicyChange | undefined;
  private gpcDecision: Record<string, 'denied'> | undefined;
  /** Purposes Global Privacy Control switched off on this load, reported once ready. */
  private deniedByGpc: readonly string[] = [];
  private lastStatus: SessionStatus | undefined;
  private wasDecided: boolean | undefined;
  private isDisposed = false;
  private readonly now: () => number;

  /** The endpoint records go to: none when it would refuse every one of them. */
  private readonly endpoint: EndpointOptions | undefined;
  /** Why records of this subject and policy cannot be sent (reported once the session starts). */
  private readonly undeliverable: string | undefined;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
    const {endpoint, subject, config} = options;
    this.undeliverable = endpoint
      ? undeliverable(
          subject,
          config.policyVersion,
          config.purposes.map((purpose) => purpose.id),
        )
      : undefined;
    this.endpoint = this.undeliverable ? undefined : endpoint;
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

  /** Set while the last decision was made under another policy version. */
  get policyChange(): PolicyChange | undefined {
    return this.policyChangeSinceDecision;
  }

  /** The customer decided (on any device, in any tab) under the current policy version. */
  get isDecided(): boolean {
    return this.decision?.policyVersion === this.options.config.policyVersion;
  }

  /** This browser's copy of the customer's current decision, if any. */
  get decision(): StoredDecision | undefined {
    const decision = this.store?.cached.decision;
    return decision?.subject === this.options.subject ? decision : undefined;
  }

  /**
   * This browser's copy applies before any network round trip (CONTRACT §5); a newer record
   * from another device follows as a `sync` change. Without a copy, the endpoint's record if
   * it answers within 5 s, else the defaults (and its record when it comes).
   */
  async start(signal: AbortSignal): Promise<SessionStart> {
    const {config, subject, hasGpcSignal, mirror} = this.options;
    const store = await (this.options.openStore ?? defaultStore)(mirror);
    if (signal.aborted || this.isDisposed) {
      store.close();
      throw signal.reason;
    }
    this.store = store;
    let state = await store.read();
    let source: ReadySource = state.decision?.subject === subject ? 'local' : 'default';
    const remote = this.restore(signal);
    if (remote) {
      const adoptLater = (receipt: RestoredReceipt | null) =>
        receipt && !signal.aborted && void this.adopt(receipt).catch(() => {});
      if (source === 'default') {
        const answer = await Promise.race([remote, delay(RESTORE_WAIT_MS, signal)]);
        if (answer && (await this.adopt(answer, false))) {
          state = store.cached;
          source = 'endpoint';
        } else if (answer === undefined) {
          void remote.then(adoptLater); // too slow for the first paint: taken when it comes
        }
      } else {
        void remote.then(adoptLater);
      }
    }
    const prior = state.decision?.subject === subject ? state.decision : undefined;
    const start = startingChoices(config.purposes, config.policyVersion, prior, hasGpcSignal);
    this.current = start.choices;
    this.deniedByGpc = start.deniedByGpc;
    if (start.isPolicyChanged)
      this.policyChangeSinceDecision = {newPurposeIds: start.newPurposeIds};
    // The first time the signal is seen for this subject under this policy, it is recorded,
    // even when the purposes it concerns were already off (CONTRACT §3).
    if (hasGpcSignal && !(prior?.gpc && prior.policyVersion === config.policyVersion)) {
      this.gpcDecision = Object.fromEntries(
        config.purposes
          .filter(
            (purpose) => purpose.gpc && !purpose.required && start.choices[purpose.id] === 'denied',
          )
          .map((purpose) => [purpose.id, 'denied' as const]),
      );
    }
    // Records an earlier page left behind are this page's to report.
    for (const entry of state.outbox) {
      if (entry.record.subject === subject)
        this.awaiting.set(entry.record.recordId, entry.attempts);
    }
    this.unsubscribe = store.subscribe((next) => this.handleState(next));
    if (this.undeliverable) {
      // Said once, to the site owner (consent-error) and the customer (kept in this browser).
      this.options.listener.onError({
        message: `Choices stay in this browser and are not sent to the consent endpoint, which would refuse them: ${this.undeliverable}.`,
        willRetry: false,
      });
    }
    if (this.endpoint) {
      this.delivery = new ConsentDelivery({endpoint: this.endpoint, store});
      // A new page load: what waits goes now, including what a refusal to acknowledge held.
      if (state.outbox.length > 0) void this.delivery.retry().catch(() => {});
    }
    this.reportStatus();
    return {choices: start.choices, source};
  }

  /**
   * Records what Global Privacy Control asks for (`method: "gpc"`), once the page has been
   * told the initial choices: the purposes it switched off say so in `changed`.
   */
  recordGpc(locale: string): void {
    const decided = this.gpcDecision;
    this.gpcDecision = undefined;
    const deniedByGpc = this.deniedByGpc;
    this.deniedByGpc = [];
    if (deniedByGpc.length > 0) this.options.listener.onChange(this.current, deniedByGpc, 'gpc');
    // What the choices were before the signal, so the record says what it switched off.
    const before = {
      ...this.current,
      ...Object.fromEntries(deniedByGpc.map((id) => [id, 'granted' as const])),
    };
    if (decided) this.decide('gpc', decided, locale, before);
  }

  /**
   * The customer decided: on these purposes (a toggle: one; "Accept all"/"Reject all": every
   * one). It applies at once and is recorded — even when nothing changes, for a refusal is a
   * decision too.
   */
  decide(
    method: RecordedMethod,
    decided: Readonly<Record<string, 'granted' | 'denied'>>,
    locale: string,
    shown: Choices = this.current,
  ): void {
    const store = this.store;
    if (!store || this.isDisposed) return;
    const {config, subject, hasGpcSignal} = this.options;
    const {endpoint} = this;
    const next = resolveChoices(config.purposes, {...shown, ...decided});
    this.apply(next, method);
    this.policyChangeSinceDecision = undefined; // decided under the current policy now
    const recordId = crypto.randomUUID();
    const at = this.now();
    if (endpoint) this.awaiting.set(recordId, 0);
    this.reportStatus();
    this.decisionsInFlight++;
    this.lastWrite = store
      .update((state) => {
        const outcome = decide(state, {
          recordId,
          subject,
          policyVersion: config.policyVersion,
          purposes: config.purposes,
          shown,
          decided,
          method,
          locale: canonicalLocale(locale) ?? 'en',
          gpc: hasGpcSignal,
          at,
          isDelivered: endpoint !== undefined,
        });
        return {state: outcome.state, result: undefined};
      })
      .then(
        () => {
          this.decisionsInFlight--;
          this.handleState(store.cached);
          if (endpoint && !store.isPersistent) this.reportUnkept();
          this.delivery?.send();
        },
        (error: unknown) => {
          this.decisionsInFlight--;
          this.awaiting.delete(recordId);
          this.options.listener.onError({
            message: `Your choice could not be stored in this browser: ${String(error)}`,
            willRetry: false,
          });
          this.reportStatus();
        },
      );
  }

  /** "Accept all" or "Reject all": every purpose the customer may refuse, recorded even unchanged. */
  decideAll(choice: Choice, method: RecordedMethod, locale: string): void {
    const decided = this.options.config.purposes
      .filter((purpose) => !purpose.required)
      .map((purpose) => [purpose.id, choice] as const);
    this.decide(method, Object.fromEntries(decided), locale);
  }

  /** One purpose on or off; an unknown or required purpose is no decision the customer can make. */
  decideOne(id: string, isGranted: boolean, method: RecordedMethod, locale: string): void {
    const purpose = this.options.config.purposes.find((candidate) => candidate.id === id);
    if (!purpose || purpose.required) return;
    this.decide(method, {[id]: isGranted ? 'granted' : 'denied'}, locale);
  }

  /** Resolves once this page's decisions so far are in the shared state (never rejects). */
  whenStored(): Promise<void> {
    return this.lastWrite.then(
      () => {},
      () => {},
    );
  }

  /** "Try again" after a failure: what waits goes now; a refused record is offered once more. */
  retry(): void {
    const store = this.store;
    const delivery = this.delivery;
    if (!store || !delivery) return;
    const refused = this.refused;
    this.refused = undefined;
    if (refused) this.awaiting.set(refused.recordId, 0);
    this.reportStatus();
    void store
      .update((state) => ({
        state:
          refused && !state.outbox.some((entry) => entry.record.recordId === refused.recordId)
            ? {
                ...state,
                outbox: [...state.outbox, {record: refused, attempts: 1, notBefore: this.now()}],
                // Its refusal is history now: no tab may take it for the outcome of this try.
                settled: state.settled.filter(
                  (settlement) => !settlement.recordIds.includes(refused.recordId),
                ),
              }
            : state,
        result: undefined,
      }))
      .then(() => delivery.retry())
      .catch(() => {});
  }

  /**
   * Stops. A decision made a moment ago is still written and what is due still goes out once
   * (a single-page app may remove the element right after a change); the rest waits for the
   * next page.
   */
  dispose(): void {
    this.isDisposed = true;
    this.unsubscribe?.();
    const {delivery, store} = this;
    void this.whenStored()
      .then(() => delivery?.dispose())
      .finally(() => store?.close());
  }

  /** The endpoint's current record of the subject, unless the subject was made just now. */
  private restore(signal: AbortSignal): Promise<RestoredReceipt | null> | undefined {
    const {subject, isNewSubject} = this.options;
    const {endpoint} = this;
    if (!endpoint || isNewSubject) return undefined;
    const request = AbortSignal.any([signal, AbortSignal.timeout(RESTORE_TIMEOUT_MS)]);
    // Unreachable, broken or malformed: this browser's copy or the defaults apply.
    return fetchLatestRecord(endpoint, subject, request).catch(() => null);
  }

  /** Takes the endpoint's record when it is newer; whether it was taken. */
  private async adopt(receipt: RestoredReceipt, isStarted = true): Promise<boolean> {
    const store = this.store;
    if (!store || this.isDisposed) return false;
    const {purposes} = this.options.config;
    const isTaken = await store.update((state) => {
      const next = adoptRemote(state, receipt, purposes, this.now());
      return {state: next, result: next !== state};
    });
    if (isTaken && isStarted) this.handleState(store.cached);
    return isTaken;
  }

  /** The shared state changed — here or in another tab: show it, and report this page's records. */
  private handleState(state: SharedState): void {
    if (this.isDisposed) return;
    const {subject, config} = this.options;
    const decision = state.decision;
    if (
      this.decisionsInFlight === 0 &&
      decision?.subject === subject &&
      decision.policyVersion === config.policyVersion
    ) {
      const choices = resolveChoices(config.purposes, decision.choices);
      if (changedIds(this.current, choices).length > 0) {
        this.policyChangeSinceDecision = undefined;
        this.apply(choices, 'sync');
      }
    }
    for (const [recordId, reported] of this.awaiting) this.follow(state, recordId, reported);
    this.reportStatus();
  }

  /** Where one of this page's records stands now; tells the page once per step. */
  private follow(state: SharedState, recordId: string, reported: number): void {
    const standing = standingOf(state, recordId);
    const {listener} = this.options;
    if (standing.kind === 'pending') {
      const {failure} = standing.entry;
      if (failure && failure.attempt > reported) {
        this.awaiting.set(recordId, failure.attempt);
        listener.onError({
          message: failure.message ?? 'The consent endpoint did not acknowledge the record.',
          willRetry: true,
          ...(failure.status !== undefined && {status: failure.status}),
        });
      }
      return;
    }
    if (standing.kind === 'unknown') return; // written a moment ago, not visible yet
    this.awaiting.delete(recordId);
    const {settlement} = standing;
    if (settlement.outcome === 'saved') {
      this.hasSavedHere = true;
      listener.onSaved({
        receiptId: settlement.receiptId,
        recordedAt: settlement.recordedAt,
        record: settlement.record,
      });
    } else {
      this.refused = settlement.record;
      listener.onError({
        message: settlement.message,
        willRetry: false,
        ...(settlement.status !== undefined && {status: settlement.status}),
      });
    }
  }

  private apply(choices: Choices, method: ChangeMethod): void {
    const changed = changedIds(this.current, choices);
    if (changed.length === 0) return;
    this.current = choices;
    this.options.listener.onChange(choices, changed, method);
  }

  private reportUnkept(): void {
    if (this.awaiting.size === 0 || this.hasReportedUnkept) return;
    this.hasReportedUnkept = true;
    this.options.listener.onError({
      message:
        'This browser does not keep records waiting for the consent endpoint (storage is unavailable): one not delivered before the page closes is lost.',
      willRetry: true,
    });
  }

  private reportStatus(): void {
    const isDecided = this.isDecided;
    if (isDecided !== this.wasDecided) {
      this.wasDecided = isDecided;
      this.options.listener.onDecided(isDecided);
    }
    const store = this.store;
    const state = store?.cached;
    const status: SessionStatus = {
      save: saveStatus({
        hasEndpoint: this.endpoint !== undefined,
        awaiting: state ? [...this.awaiting.keys()].map((id) => standingOf(state, id)) : [],
        hasRefusal: this.refused !== undefined,
        hasSavedHere: this.hasSavedHere,
      }),
      lastSavedAt: this.decision?.savedAt,
      isKept: store?.isPersistent ?? true,
    };
    const last = this.lastStatus;
    if (
      last &&
      last.save === status.save &&
      last.lastSavedAt === status.lastSavedAt &&
      last.isKept === status.isKept
    )
      return;
    this.lastStatus = status;
    this.options.listener.onStatus(status);
  }
}

function defaultStore(mirror: KeyValueStore): Promise<SharedStore> {
  return openSharedStore({mirror});
}

/** Resolves with `undefined` after `ms`, or when `signal` aborts. */
function delay(ms: number, signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}
