/**
 * One customer's consent on this page: the choices in force, where they came from, and
 * everything that follows a decision — the state shared with the other tabs, the endpoint,
 * and what the customer is told. The element renders what the session reports and forwards
 * the customer's intent to it.
 */
import type {PrivacyConfig} from '../core/config.js';
import {
  changedIds,
  decisionStanding,
  resolveChoices,
  startingChoices,
  type Ask,
  type ChangeMethod,
  type Choices,
  type ConsentStart,
  type PolicyChange,
  type ReadySource,
} from '../core/consent.js';
import {gpcDenials} from '../core/gpc.js';
import {intentDecision, type Intent} from '../core/intent.js';
import {OPT_IN, type AppliedRule} from '../core/jurisdiction.js';
import {
  canonicalLocale,
  undeliverable,
  type RecordedMethod,
  type RestoredReceipt,
  type Surface,
} from '../core/protocol.js';
import {IDLE_STATUS, type SessionStatus} from '../core/session-status.js';
import type {DecisionCore} from '../core/stored-decision.js';
import {
  adoptRemote,
  decide,
  offerAgain,
  type SharedState,
  type StoredDecision,
} from '../core/shared-state.js';
import {ConsentDelivery} from './delivery.js';
import type {EndpointOptions} from './endpoint.js';
import {restoreAtStart, restoreRecord, RESTORE_WAIT_MS} from './restore.js';
import {SaveTracking, type SaveListener} from './save-tracking.js';
import {openSharedStore, type SharedStore} from './shared-store.js';
import type {Timers} from './timers.js';
import {NOTICE_KEY, readJson, type KeyValueStore} from '../browser/storage.js';
import {randomUuid} from '../browser/random-id.js';

export interface SessionListener extends SaveListener {
  /** The choices in force changed (by this page, another tab, or another device). */
  onChange(choices: Choices, changed: readonly string[], method: ChangeMethod): void;
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
  /** The jurisdiction rule that applies on this page; opt-in by default. */
  readonly rule?: AppliedRule | undefined;
  /**
   * A later decision of this subject made on another of the site's subdomains (the cookie they
   * share): taken into this browser's shared state if it is still the latest there.
   */
  readonly shared?: DecisionCore | undefined;
  /** The language the customer reads the center in, recorded with each decision. */
  readonly locale: () => string;
  /** The shared state; IndexedDB by default. */
  readonly openStore?: (mirror: KeyValueStore) => Promise<SharedStore>;
  readonly now?: () => number;
  /** What the restore wait, backoff and request timeouts are timed by; the real timers by default. */
  readonly timers?: Timers;
}

export {RESTORE_WAIT_MS};

export class ConsentSession {
  private current: Choices = {};
  private store: SharedStore | undefined;
  private delivery: ConsentDelivery | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly saves: SaveTracking;
  /** Decisions of this page still being written: the shared state does not show them yet. */
  private decisionsInFlight = 0;
  /** Of those, the customer's own (not the signal's): the banner has its answer. */
  private answersInFlight = 0;
  private lastWrite: Promise<unknown> = Promise.resolve();
  private policyChangeSinceDecision: PolicyChange | undefined;
  private gpcDecision: Record<string, 'denied'> | undefined;
  /** Purposes Global Privacy Control switched off on this load, reported once ready. */
  private deniedByGpc: readonly string[] = [];
  private wasDecided: boolean | undefined;
  private isDisposed = false;
  private readonly now: () => number;

  /** The endpoint records go to: none when it would refuse every one of them. */
  private readonly endpoint: EndpointOptions | undefined;
  /** Why records of this subject and policy cannot be sent (reported once the session starts). */
  private readonly undeliverable: string | undefined;

  private readonly rule: AppliedRule;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
    this.rule = options.rule ?? {...OPT_IN, region: undefined};
    const {endpoint, subject, config} = options;
    this.undeliverable = endpoint
      ? undeliverable(
          subject,
          config.policyVersion,
          config.purposes.map((purpose) => purpose.id),
        )
      : undefined;
    this.endpoint = this.undeliverable ? undefined : endpoint;
    this.saves = new SaveTracking(options.listener, this.endpoint !== undefined);
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

  /** What the customer is told about saving this page's decisions. */
  get status(): SessionStatus {
    return this.saves.status ?? IDLE_STATUS;
  }

  /**
   * What the banner asks now: nothing while a decision (on any device, in any tab) stands
   * under the rule that applies here.
   */
  get ask(): Ask {
    // A decision of this page counts from the moment it is made, before it is written.
    if (this.answersInFlight > 0) return 'nothing';
    const {config} = this.options;
    return decisionStanding(
      config.purposes,
      config.policyVersion,
      this.decision,
      this.rule,
      this.now(),
      readJson(this.options.mirror, NOTICE_KEY),
    ).ask;
  }

  /** Nothing is to be asked: a decision stands, or the rule asks nothing before one. */
  get isDecided(): boolean {
    return this.ask === 'nothing';
  }

  /** This browser's copy of the customer's current decision, if any. */
  get decision(): StoredDecision | undefined {
    const decision = this.store?.cached.decision;
    return decision?.subject === this.options.subject ? decision : undefined;
  }

  /**
   * This browser's copy applies before any network round trip; a newer record from another
   * device follows as a `sync` change. Without a copy, the endpoint's record if it answers
   * within 5 s, else the defaults (and its record when it comes).
   */
  async start(signal: AbortSignal): Promise<ConsentStart> {
    const {config, subject, isNewSubject, hasGpcSignal, mirror, timers} = this.options;
    const store = await (this.options.openStore ?? defaultStore)(mirror);
    if (signal.aborted || this.isDisposed) {
      store.close();
      throw signal.reason;
    }
    this.store = store;
    const {shared} = this.options;
    if (shared) {
      await this.adopt(
        {
          receiptId: undefined,
          recordedAt: undefined,
          record: {
            subject: shared.subject,
            policyVersion: shared.policyVersion,
            choices: shared.choices,
            collectedAt: shared.decidedAt,
            gpc: shared.gpc,
            // Made by the signal alone there: still the signal's here.
            ...(shared.bySignal && {method: 'gpc' as const}),
          },
        },
        false,
      );
    }
    let state = await store.read();
    let source: ReadySource = state.decision?.subject === subject ? 'local' : 'default';
    const restored = await restoreAtStart({
      remote: restoreRecord(this.endpoint, subject, isNewSubject, signal, timers, this.now),
      canWait: source === 'default',
      signal,
      timers,
      adopt: (receipt, isStarted) => this.adopt(receipt, isStarted),
    });
    if (restored) {
      state = store.cached;
      source = 'endpoint';
    }
    const prior = state.decision?.subject === subject ? state.decision : undefined;
    const start = startingChoices(
      config.purposes,
      config.policyVersion,
      prior,
      hasGpcSignal,
      this.rule,
      this.now(),
      readJson(mirror, NOTICE_KEY),
    );
    this.current = start.choices;
    this.deniedByGpc = start.deniedByGpc;
    if (start.isPolicyChanged)
      this.policyChangeSinceDecision = {newPurposeIds: start.newPurposeIds};
    // The first time the signal is seen for this subject under this policy, it is recorded,
    // even when the purposes it concerns were already off (docs/element.md).
    if (hasGpcSignal && !(prior?.gpc && prior.policyVersion === config.policyVersion)) {
      this.gpcDecision = gpcDenials(config.purposes, start.choices);
    }
    // Records an earlier page left behind are this page's to report.
    for (const entry of state.outbox) {
      if (entry.record.subject === subject)
        this.saves.follow(entry.record.recordId, entry.attempts);
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
      this.delivery = new ConsentDelivery({endpoint: this.endpoint, store, timers});
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
  recordGpc(): void {
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
    if (decided) this.decide('gpc', decided, before, 'gpc');
  }

  /**
   * Records what the customer (or the site's script) asks for; it applies at once. "Accept
   * all" and "Reject all" are recorded even when they change nothing: a refusal is a decision too.
   */
  act(intent: Intent, surface: Surface = 'api'): void {
    const decision = intentDecision(this.options.config.purposes, this.current, intent);
    if (decision) this.decide(decision.method, decision.decided, this.current, surface);
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
    const refused = this.saves.takeRefused();
    this.reportStatus();
    void store
      .update((state) => ({
        state: refused ? offerAgain(state, refused, this.now()) : state,
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

  /**
   * The customer decided on these purposes. It applies at once and is recorded — even when
   * nothing changes, for a refusal is a decision too.
   */
  private decide(
    method: RecordedMethod,
    decided: Readonly<Record<string, 'granted' | 'denied'>>,
    shown: Choices,
    surface: Surface,
  ): void {
    const store = this.store;
    if (!store || this.isDisposed) return;
    const {config, subject, hasGpcSignal} = this.options;
    const {endpoint} = this;
    const next = resolveChoices(config.purposes, {...shown, ...decided}, this.rule.model);
    this.apply(next, method);
    this.policyChangeSinceDecision = undefined; // decided under the current policy now
    const recordId = randomUuid();
    const at = this.now();
    if (endpoint) this.saves.follow(recordId);
    this.reportStatus();
    this.decisionsInFlight++;
    const answer = method === 'gpc' ? 0 : 1;
    this.answersInFlight += answer;
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
          locale: canonicalLocale(this.options.locale()) ?? 'en',
          gpc: hasGpcSignal,
          at,
          isDelivered: endpoint !== undefined,
          evidence: {
            surface,
            ...(this.rule.region !== undefined && {region: this.rule.region}),
            rule: this.rule.model,
          },
        });
        return {state: outcome.state, result: undefined};
      })
      .then(
        () => {
          this.decisionsInFlight--;
          this.answersInFlight -= answer;
          this.handleState(store.cached);
          if (endpoint && !store.isPersistent) this.saves.reportUnkept();
          this.delivery?.send();
        },
        (error: unknown) => {
          this.decisionsInFlight--;
          this.answersInFlight -= answer;
          this.saves.forget(recordId);
          this.options.listener.onError({
            message: `Your choice could not be stored in this browser: ${String(error)}`,
            willRetry: false,
          });
          this.reportStatus();
        },
      );
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
      const choices = resolveChoices(config.purposes, decision.choices, this.rule.model);
      if (changedIds(this.current, choices).length > 0) {
        this.policyChangeSinceDecision = undefined;
        this.apply(choices, 'sync');
      }
    }
    this.saves.update(state);
    this.reportStatus();
  }

  private apply(choices: Choices, method: ChangeMethod): void {
    const changed = changedIds(this.current, choices);
    if (changed.length === 0) return;
    this.current = choices;
    this.options.listener.onChange(choices, changed, method);
  }

  private reportStatus(): void {
    const isDecided = this.isDecided;
    if (isDecided !== this.wasDecided) {
      this.wasDecided = isDecided;
      this.options.listener.onDecided(isDecided);
    }
    const store = this.store;
    this.saves.report(store?.cached, this.decision?.savedAt, store?.isPersistent ?? true);
  }
}

function defaultStore(mirror: KeyValueStore): Promise<SharedStore> {
  return openSharedStore({mirror});
}
