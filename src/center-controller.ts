/**
 * The interactive half of `<privacy-preferences>`, loaded by the element only once there is
 * something to do beyond applying the stored choices: a decision, a record to deliver or to
 * restore, something to show. It runs the session (loaded on its first use), turns what the
 * session reports into the element's state and events, and drives the interface modules.
 */
import type {ChangeMethod, Choices} from './core/consent.js';
import {changedIds} from './core/consent.js';
import type {
  ConsentSession,
  PolicyChange,
  SessionListener,
  SessionOptions,
  SessionStart,
  SessionStatus,
} from './browser/consent-session.js';
import type {PageEffects} from './browser/page-effects.js';
import {consentEvent} from './events.js';
import type {PageInterface} from './ui/interface.js';
import type {DisplayMode, Phase, ViewPort, ViewState} from './ui/port.js';

/** The element's state, shared by reference between the element and its controller. */
export interface ElementState {
  phase: Phase;
  current: Choices;
  status: SessionStatus;
  /** From this browser's copy of the decision, until the session knows better. */
  isLocallyDecided: boolean;
  localPolicyChange: PolicyChange | undefined;
  hasGpcSignal: boolean;
  /** `open()` was called in a dialog mode: the dialog stays rendered from then on. */
  isDialogWanted: boolean;
  effects: PageEffects | undefined;
  /** What this load's session starts from; taken when it starts. */
  sessionSource: (Omit<SessionOptions, 'listener'> & {readonly signal: AbortSignal}) | undefined;
}

/** What the controller needs from the element. */
export interface ElementLink {
  readonly host: HTMLElement & {readonly mode: DisplayMode; open(): void};
  readonly state: ElementState;
  preferredLocales(): readonly string[];
  showsBanner(): boolean;
  /** The choices in force changed: apply them in the page and tell it. */
  change(choices: Choices, changed: readonly string[], method: ChangeMethod): void;
  requestRender(): void;
  track<T>(promise: Promise<T>): Promise<T>;
  reportLoadFailure(what: string, error: unknown): void;
}

export class CenterController {
  #session: ConsentSession | undefined;
  /** Created, still starting: disposed with the rest if the load is abandoned meanwhile. */
  #starting: ConsentSession | undefined;
  #sessionStart: Promise<ConsentSession | undefined> | undefined;
  #interface: Promise<PageInterface | undefined> | undefined;
  #mounted: PageInterface | undefined;
  #isDisposed = false;

  constructor(private readonly link: ElementLink) {
    this.#port = this.#viewPort();
  }

  /** The session once started (`undefined` while it opens the shared state). */
  get session(): ConsentSession | undefined {
    return this.#session;
  }

  /**
   * Starts this load's session, once; `undefined` when its module cannot load (offline, CSP):
   * the choices from this browser's copy stay applied, and the site hears why nothing records.
   */
  startSession(): Promise<SessionStart | undefined> {
    const {state} = this.link;
    const source = state.sessionSource;
    if (!source) return Promise.resolve(undefined);
    state.sessionSource = undefined;
    const started = import('./browser/consent-session.js')
      .then(async ({ConsentSession}) => {
        const session = new ConsentSession({...source, listener: this.#listener});
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
        if (!source.signal.aborted) this.link.reportLoadFailure('the consent session', error);
        return undefined;
      });
    this.#sessionStart = started.then(() => this.#session);
    return this.link.track(started);
  }

  /** The session, started now if the load deferred it; what it knows more is a `sync` change. */
  whenSession(): Promise<ConsentSession | undefined> {
    if (this.#sessionStart) return this.#sessionStart;
    const {state} = this.link;
    const signal = state.sessionSource?.signal;
    void this.startSession().then((start) => {
      if (!start || signal?.aborted || state.phase.kind !== 'ready') return;
      const changed = changedIds(state.current, start.choices);
      if (changed.length > 0) this.link.change(start.choices, changed, 'sync');
    });
    return this.#sessionStart ?? Promise.resolve(undefined);
  }

  stopSession(): void {
    (this.#session ?? this.#starting)?.dispose();
    this.#session = this.#starting = this.#sessionStart = undefined;
  }

  /** At once when the session runs; else as soon as it has started (one module away). */
  decide(act: (session: ConsentSession, locale: string) => void): void {
    const ready = this.link.state.phase;
    if (ready.kind !== 'ready') return;
    const record = (session: ConsentSession | undefined) => {
      if (!session || this.link.state.phase !== ready) return;
      act(session, this.#textLocale);
      this.link.requestRender(); // a decision may change nothing but the notices
    };
    if (this.#session) record(this.#session);
    else void this.link.track(this.whenSession().then(record));
  }

  /** Loads the interface once something is to be shown, and renders it. */
  async render(): Promise<void> {
    const {host, state} = this.link;
    const wantsCenter = host.mode === 'inline' || state.isDialogWanted;
    if (wantsCenter && state.phase.kind === 'ready') void this.whenSession();
    if (!wantsCenter && !this.link.showsBanner() && !this.#interface) return;
    await (await this.#ready())?.render();
  }

  /** Loads the interface ahead of need (the banner is about to be wanted). */
  preload(): void {
    void this.#ready();
  }

  /**
   * The dialog (loading it first); in `inline` mode, scrolls to the center and focuses it.
   * Resolves with whether it could be shown.
   */
  async open(): Promise<boolean> {
    const {host} = this.link;
    if (host.mode !== 'inline') return (await (await this.#ready())?.open()) ?? false;
    host.scrollIntoView({block: 'nearest'});
    const heading = () => host.shadowRoot?.querySelector<HTMLElement>('#heading');
    if (!heading()) await this.link.track(this.render());
    heading()?.focus();
    return heading() !== null;
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

  get #textLocale(): string {
    return this.link.preferredLocales()[0] ?? 'en';
  }

  #ready(): Promise<PageInterface | undefined> {
    this.#interface ??= this.link.track(
      import('./ui/interface.js').then(
        (loaded) => (this.#isDisposed ? undefined : (this.#mounted = loaded.default(this.#port))),
        (error: unknown) => {
          // Browsers remember a module that failed for the life of the page: reported once.
          this.link.reportLoadFailure('the interface', error);
          return undefined;
        },
      ),
    );
    return this.#interface;
  }

  /** What the session reports becomes state to render and the contract's events. */
  readonly #listener: SessionListener = {
    onChange: (choices, changed, method) => this.link.change(choices, changed, method),
    onStatus: (status) => {
      this.link.state.status = status;
      this.link.requestRender();
    },
    onSaved: ({receiptId, record}) =>
      this.link.host.dispatchEvent(consentEvent('consent-saved', {receiptId, record})),
    onError: (detail) => this.link.host.dispatchEvent(consentEvent('consent-error', detail)),
    // The banner shows while the customer has not decided under this policy (any tab, any device).
    onDecided: () => this.link.requestRender(),
  };

  readonly #port: ViewPort;

  #viewPort(): ViewPort {
    return {
      host: this.link.host,
      get root() {
        const root = this.host.shadowRoot;
        if (!root) throw new Error('not connected');
        return root;
      },
      state: (): ViewState => {
        const {state, host} = this.link;
        const session = this.#session;
        return {
          mode: host.mode,
          phase: state.phase,
          choices: state.current,
          status: state.status,
          policyChange: session ? session.policyChange : state.localPolicyChange,
          hasGpcSignal: state.hasGpcSignal,
          showsBanner: this.link.showsBanner(),
          wantsDialog: state.isDialogWanted,
          preferredLocales: this.link.preferredLocales(),
          session,
          alreadyRunning: (ids) => state.effects?.alreadyRunning(ids) ?? [],
        };
      },
      acceptAll: () =>
        this.decide((session, locale) => session.decideAll('granted', 'accept-all', locale)),
      rejectAll: () =>
        this.decide((session, locale) => session.decideAll('denied', 'reject-all', locale)),
      toggle: (id) =>
        this.decide((session, locale) =>
          session.decideOne(id, this.link.state.current[id] !== 'granted', 'toggle', locale),
        ),
      retry: () => this.#session?.retry(),
      choose: () => this.link.host.open(),
      reportFailure: (what, error) => this.link.reportLoadFailure(what, error),
    };
  }
}
