/**
 * The interactive half of `<privacy-preferences>`, loaded by the element only once there is
 * something to do beyond applying the stored choices: a decision, a record to deliver or to
 * restore, something to show. It runs the session (loaded on its first use), turns what the
 * session reports into events and renders, and drives the interface modules. It writes none of
 * the element's state: the element hears of changes through `change()`.
 */
import type {DisplayMode} from '../attributes.js';
import type {PageActivity} from '../core/activity.js';
import type {PrivacyConfig} from '../core/config.js';
import {
  changedIds,
  resolveChoices,
  type Ask,
  type ChangeMethod,
  type Choices,
  type ConsentStart,
  type PolicyChange,
} from '../core/consent.js';
import {intentDecision, type Intent} from '../core/intent.js';
import type {Surface} from '../core/protocol.js';
import type {AppliedRule} from '../core/jurisdiction.js';
import {IDLE_STATUS, UNSAVED_STATUS} from '../core/session-status.js';
import {consentEvent} from '../events.js';
import {MODULE_GRAPH, preloadModules} from '../browser/module-graph.js';
import {afterNextPaint, whenIdle} from '../browser/scheduling.js';
import type {PageInterface} from '../ui/interface.js';
import type {Phase, ViewPort, ViewState} from '../ui/port.js';
import type {ConsentSession, SessionListener, SessionOptions} from './consent-session.js';

/** What a load's session starts from; `signal` aborts when a newer load supersedes it. */
export type SessionSource = Omit<SessionOptions, 'listener' | 'locale'> & {
  readonly signal: AbortSignal;
};

/** The element's state as the controller reads it (the element alone writes it). */
export interface ElementState {
  readonly phase: Phase;
  readonly current: Choices;
  readonly hasGpcSignal: boolean;
  /** What the banner asks (the session's view once it runs). */
  readonly ask: Ask;
  /** The jurisdiction rule that applies on this page. */
  readonly rule: AppliedRule;
  /** From this browser's copy of the decision, until the session knows better. */
  readonly localPolicyChange?: PolicyChange | undefined;
  /** `open()` was called in a dialog mode: the dialog stays rendered from then on. */
  readonly isDialogWanted: boolean;
  /** Of these purposes, those whose scripts already ran in this page. */
  alreadyRunning(purposeIds: readonly string[]): string[];
  /** What this page did under a purpose ("On this page"). */
  activityOf(purposeId: string): PageActivity | undefined;
}

/** What the controller needs from the element. */
export interface ElementLink {
  readonly host: HTMLElement & {readonly mode: DisplayMode; open(): void};
  state(): ElementState;
  preferredLocales(): readonly string[];
  showsBanner(): boolean;
  /** "OK" in a notice: kept in this browser, so that it is not shown again; not a decision. */
  dismissNotice(): void;
  /** The deferred session's source, handed over once (`undefined` when none waits). */
  takeSource(): SessionSource | undefined;
  /** The choices in force changed: apply them in the page and tell it. */
  change(choices: Choices, changed: readonly string[], method: ChangeMethod): void;
  requestRender(): void;
  track<T>(promise: Promise<T>): Promise<T>;
  reportFailure(what: string, error: unknown): void;
}

export class CenterController {
  #session: ConsentSession | undefined;
  /** Created, still starting: disposed with the rest if the load is abandoned meanwhile. */
  #starting: ConsentSession | undefined;
  #sessionStart: Promise<ConsentSession | undefined> | undefined;
  #interface: Promise<PageInterface | undefined> | undefined;
  #mounted: PageInterface | undefined;
  #isDisposed = false;
  /** The session could not start (its module did not load): decisions apply on this page only. */
  #isSessionUnavailable = false;
  /** A decision was applied while the session could not start: this page only, not recorded. */
  #isUnsaved = false;
  /**
   * The choices the customer's decisions make while the session is still loading: shown at
   * once (the switch flips, the banner goes), recorded when the session has started.
   */
  #pending: Choices | undefined;
  /**
   * The session was started from a load that had nothing to send or restore: it starts from
   * this browser's copy, which the element already shows, so the center need not wait for it.
   */
  #startsFromThisBrowser = false;
  readonly #port: ViewPort;

  constructor(private readonly link: ElementLink) {
    this.#port = this.#viewPort();
  }

  /** The session once started (`undefined` while it opens the shared state). */
  get session(): ConsentSession | undefined {
    return this.#session;
  }

  /**
   * Starts a load's session from `source`; `undefined` when its module cannot load (offline,
   * CSP): the choices from this browser's copy stay applied, and the site hears why nothing
   * records.
   */
  startSession(source: SessionSource): Promise<ConsentStart | undefined> {
    const started = import('./consent-session.js')
      .then(async ({ConsentSession}) => {
        const session = new ConsentSession({
          ...source,
          listener: this.#listener,
          locale: () => this.link.preferredLocales()[0] ?? 'en',
        });
        this.#starting = session;
        const start = await session.start(source.signal);
        // A newer load (or the element leaving the page) stopped this one meanwhile.
        if (source.signal.aborted) return undefined;
        // Decisions and the center wait for this: a session still opening its store has
        // nowhere to record a decision.
        this.#session = session;
        this.link.requestRender();
        return start;
      })
      .catch((error: unknown) => {
        if (source.signal.aborted) return undefined;
        this.#isSessionUnavailable = true;
        this.link.reportFailure('the consent session', error);
        this.link.requestRender();
        return undefined;
      });
    this.#sessionStart = started.then(() => this.#session);
    return this.link.track(started);
  }

  /** The session, started now if the load deferred it; what it knows more is a `sync` change. */
  whenSession(): Promise<ConsentSession | undefined> {
    if (this.#sessionStart) return this.#sessionStart;
    const source = this.link.takeSource();
    if (!source) return Promise.resolve(undefined);
    this.#startsFromThisBrowser = true;
    void this.startSession(source).then((start) => {
      const {phase, current} = this.link.state();
      if (!start || source.signal.aborted || phase.kind !== 'ready') return;
      const changed = changedIds(current, start.choices);
      if (changed.length > 0) this.link.change(start.choices, changed, 'sync');
    });
    return this.#sessionStart ?? Promise.resolve(undefined);
  }

  stopSession(): void {
    (this.#session ?? this.#starting)?.dispose();
    this.#session = this.#starting = this.#sessionStart = this.#pending = undefined;
    this.#isSessionUnavailable = this.#isUnsaved = this.#startsFromThisBrowser = false;
  }

  /**
   * Records an intent: at once when the session runs, else as soon as it has started (one
   * module away). When the session cannot start, it still applies on this page. A click in the
   * interface (`isClick`) is shown first: recorded, applied in the page and told to it only
   * once the frame showing it is painted. `surface`: where it was made, for the record's evidence.
   */
  decide(intent: Intent, surface: Surface = 'api', isClick = false): void {
    const ready = this.link.state().phase;
    if (ready.kind !== 'ready') return;
    const record = (session: ConsentSession | undefined, recorded: Intent) => {
      this.#pending = undefined;
      if (this.link.state().phase !== ready) return;
      if (session) session.act(recorded, surface);
      else this.#applyUnsaved(recorded, ready.config);
      this.link.requestRender(); // a decision may change nothing but the notices
    };
    if (!isClick && (this.#session || this.#isSessionUnavailable))
      return record(this.#session, intent);
    // Shown now, recorded in order after the paint or once the session runs. A switch goes
    // the way the customer saw it flip, whatever the session then finds.
    const shown = this.#pending ?? this.link.state().current;
    const decision = intentDecision(ready.config.purposes, shown, intent);
    if (decision)
      this.#pending = resolveChoices(ready.config.purposes, {...shown, ...decision.decided});
    const recorded =
      intent.kind === 'toggle' ? {...intent, to: shown[intent.id] !== 'granted'} : intent;
    this.link.requestRender();
    void this.link.track(
      (isClick ? afterNextPaint() : Promise.resolve())
        .then(() => this.whenSession())
        .then((session) => record(session, recorded)),
    );
  }

  /** Loads the interface once something is to be shown, and renders it. */
  async render(): Promise<void> {
    const {host} = this.link;
    const {phase, isDialogWanted} = this.link.state();
    const wantsCenter = host.mode === 'inline' || isDialogWanted;
    if (wantsCenter && phase.kind === 'ready') void this.whenSession();
    if (!wantsCenter && !this.link.showsBanner() && !this.#interface) return;
    await (await this.#ready())?.render();
    // While the banner shows, what a decision needs loads when the page is idle.
    if (this.link.showsBanner()) whenIdle(() => preloadModules(MODULE_GRAPH.session));
  }

  /** Loads the interface ahead of need (the banner is about to be wanted). */
  preload(): void {
    void this.#ready();
  }

  /**
   * The dialog (loading it first); in `inline` mode, scrolls to the center and focuses it.
   * Focus goes to the switch of `purposeId` when given (once the list shows), else the
   * heading. Resolves with whether it could be shown.
   */
  async open(purposeId?: string): Promise<boolean> {
    const {host} = this.link;
    if (host.mode !== 'inline') return (await (await this.#ready())?.open(purposeId)) ?? false;
    host.scrollIntoView({block: 'nearest'});
    const focus = () => this.#mounted?.focus(purposeId) ?? false;
    if (focus()) return true;
    await this.link.track(this.render());
    return focus();
  }

  close(): void {
    this.#mounted?.close();
  }

  dispose(): void {
    this.#isDisposed = true;
    this.stopSession();
    this.#mounted?.dispose();
    this.#interface = this.#mounted = undefined;
  }

  /**
   * The session could not start (its module did not load, the site has been told): the
   * customer's decision applies on this page all the same, and they are told it is not saved.
   */
  #applyUnsaved(intent: Intent, config: PrivacyConfig): void {
    const {current} = this.link.state();
    const decision = intentDecision(config.purposes, current, intent);
    if (!decision) return;
    this.#isUnsaved = true;
    const next = resolveChoices(config.purposes, {...current, ...decision.decided});
    const changed = changedIds(current, next);
    if (changed.length > 0) this.link.change(next, changed, decision.method);
  }

  #ready(): Promise<PageInterface | undefined> {
    this.#interface ??= this.link.track(
      import('../ui/interface.js').then(
        (loaded) => (this.#isDisposed ? undefined : (this.#mounted = loaded.default(this.#port))),
        (error: unknown) => {
          // Browsers remember a module that failed for the life of the page: reported once.
          this.link.reportFailure('the interface', error);
          return undefined;
        },
      ),
    );
    return this.#interface;
  }

  /** What the session reports becomes renders and the contract's events. */
  readonly #listener: SessionListener = {
    onChange: (choices, changed, method) => this.link.change(choices, changed, method),
    onStatus: () => this.link.requestRender(),
    onSaved: ({receiptId, record}) =>
      this.link.host.dispatchEvent(consentEvent('consent-saved', {receiptId, record})),
    onError: (detail) => this.link.host.dispatchEvent(consentEvent('consent-error', detail)),
    // The banner shows while the customer has not decided under this policy (any tab, any device).
    onDecided: () => this.link.requestRender(),
  };

  #viewPort(): ViewPort {
    const {link} = this;
    return {
      host: link.host,
      get root() {
        const root = link.host.shadowRoot;
        if (!root) throw new Error('not connected');
        return root;
      },
      state: (): ViewState => {
        const state = link.state();
        const session = this.#session;
        return {
          mode: link.host.mode,
          phase: state.phase,
          choices: this.#pending ?? state.current,
          status: session?.status ?? (this.#isUnsaved ? UNSAVED_STATUS : IDLE_STATUS),
          policyChange: session ? session.policyChange : state.localPolicyChange,
          hasGpcSignal: state.hasGpcSignal,
          ask: state.ask,
          rule: state.rule,
          // A decision made in the banner hides it at once, before the session records it.
          showsBanner: !this.#pending && link.showsBanner(),
          wantsDialog: state.isDialogWanted,
          preferredLocales: link.preferredLocales(),
          isSessionSettled:
            session !== undefined || this.#isSessionUnavailable || this.#startsFromThisBrowser,
          alreadyRunning: (ids) => state.alreadyRunning(ids),
          activityOf: (id) => state.activityOf(id),
        };
      },
      acceptAll: (surface, only) => this.decide({kind: 'accept-all', only}, surface, true),
      rejectAll: (surface, only) => this.decide({kind: 'reject-all', only}, surface, true),
      toggle: (id, surface) => this.decide({kind: 'toggle', id}, surface, true),
      retry: () => this.#session?.retry(),
      receiptFacts: async () => {
        const session = this.#session;
        if (!session) return undefined;
        await session.whenStored(); // a decision made a moment ago belongs on it
        const {subject, choices, hasGpcSignal, decision} = session;
        return {subject, choices, hasGpcSignal, decision};
      },
      choose: () => link.host.open(),
      dismissNotice: () => link.dismissNotice(),
      warmCenter: () => preloadModules(MODULE_GRAPH.center),
      whenIdle,
      reportFailure: (what, error) => link.reportFailure(what, error),
    };
  }
}
