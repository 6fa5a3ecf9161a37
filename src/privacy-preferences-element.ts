/**
 * `<privacy-preferences>` as every page loads it: a small runtime with no interface code. It
 * reads the configuration and the stored decision, applies the choices (script gating, Consent
 * Mode), answers the "Privacy choices" links, and loads the rest from its own directory only
 * when there is something to do: the session (shared state, outbox, endpoint) when a record
 * may be due, the banner while no current decision exists, the full center when shown.
 */
import {describeProblem, type Choice, type ConfigProblem} from './core/config.js';
import {changedIds, startingChoices, type Choices} from './core/consent.js';
import {loadConfig} from './browser/config-source.js';
import type {
  ConsentSession,
  PolicyChange,
  SessionListener,
  SessionStart,
  SessionStatus,
} from './browser/consent-session.js';
import {startPageEffects, type PageEffects} from './browser/page-effects.js';
import {listenForReopen} from './browser/reopen.js';
import {
  browserStore,
  CHANNEL_NAME,
  readJson,
  readMirroredDecision,
  STORAGE_PREFIX,
  WAITING_KEY,
} from './browser/storage.js';
import {resolveSubject} from './browser/subject.js';
import {consentEvent} from './events.js';
import type {PageInterface} from './ui/interface.js';
import type {DisplayMode, Phase, ViewPort, ViewState} from './ui/port.js';

export type {DisplayMode};

const MODES: readonly DisplayMode[] = ['inline', 'modal', 'banner'];
const CREDENTIALS: readonly RequestCredentials[] = ['same-origin', 'include', 'omit'];
/** Attributes that change where the choices come from or go: a change starts again. */
const SOURCE_ATTRIBUTES = ['config-url', 'endpoint', 'subject', 'credentials'];
const PROPERTIES = ['config', 'configUrl', 'endpoint', 'subject', 'locale', 'mode', 'credentials'];

/** Outside a browser (server-side rendering) there is no HTMLElement: the class is inert. */
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/** The centers on the page, in the order they arrived: the first in banner mode shows the banner. */
const centers = new Set<PrivacyPreferences>();

/**
 * A privacy preference center: every data-sharing choice of the site in one place, each with
 * the benefit to the customer, delivered to the site's consent endpoint.
 *
 * @summary Lets customers see and switch every use of their data, and records each change.
 *
 * @fires consent-ready - The initial choices are known. `detail: {choices, source}`.
 * @fires consent-change - The effective choices changed. `detail: {choices, changed, method}`.
 * @fires consent-saved - The endpoint acknowledged a record. `detail: {receiptId, record}`.
 * @fires consent-error - Configuration, delivery or loading the interface failed. `detail: {message, status?, willRetry}`.
 *
 * @csspart base - The whole center.
 * @csspart header - The heading, introduction and policy links.
 * @csspart actions - The row holding "Accept all" and "Reject all".
 * @csspart action - Each of "Accept all" and "Reject all".
 * @csspart purposes - The list of purposes.
 * @csspart purpose - One purpose.
 * @csspart purpose-title - A purpose's title.
 * @csspart switch - A purpose's on/off switch.
 * @csspart description - A purpose's description.
 * @csspart benefit - What the customer gets from a purpose.
 * @csspart required - The reason a required purpose is always on.
 * @csspart details - The disclosure with data used, recipients, retention and legal basis.
 * @csspart status - The live line saying whether choices are saving, saved or failed.
 * @csspart retry - The "Try again" button after a failed save.
 * @csspart download - The "Download my choices" button.
 * @csspart still-running - In the status: switching off takes full effect on the next visit.
 * @csspart notice - A notice above the list: GPC honored (`gpc-notice`) or policy changed (`policy-notice`).
 * @csspart new-badge - The "New" mark on purposes added since the last decision.
 * @csspart error - The message shown instead of the list when the configuration is invalid.
 * @csspart banner - `mode="banner"`: the first layer at the bottom of the page.
 * @csspart choose - In the banner: "Choose what to allow", which opens the dialog.
 * @csspart dialog - `mode="modal"` and `banner`: the dialog holding the full center.
 * @csspart close - The dialog's close button.
 *
 * @cssprop [--pp-font-family=inherit] - Font family.
 * @cssprop [--pp-font-size=inherit] - Base font size.
 * @cssprop [--pp-color-text=inherit] - Text color.
 * @cssprop [--pp-color-muted=#4d4d4d] - Secondary text color.
 * @cssprop [--pp-color-surface=transparent] - Background of the center and the switch track.
 * @cssprop [--pp-color-accent=#1a5fb4] - Buttons, links, switches that are on, focus rings.
 * @cssprop [--pp-color-on-accent=#ffffff] - Text and thumb on the accent color.
 * @cssprop [--pp-color-border=#767676] - Purpose borders and switches that are off.
 * @cssprop [--pp-color-benefit-surface=#eef5ee] - Background of the benefit.
 * @cssprop [--pp-color-benefit-border=#2e7d32] - Accent line of the benefit.
 * @cssprop [--pp-color-error=#b3261e] - Errors.
 * @cssprop [--pp-color-notice-surface=#eef3fb] - Background of notices (GPC honored, policy changed).
 * @cssprop [--pp-radius=0.5rem] - Corner radius.
 * @cssprop [--pp-spacing=1rem] - Base spacing.
 * @cssprop [--pp-switch-width=2.75rem] - Switch width.
 * @cssprop [--pp-switch-height=1.5rem] - Switch height.
 */
export class PrivacyPreferences extends Base {
  static readonly observedAttributes = [...SOURCE_ATTRIBUTES, 'locale', 'mode'];

  #configValue: unknown;
  #phase: Phase = {kind: 'loading'};
  #current: Choices = {};
  #status: SessionStatus = {save: 'idle', lastSavedAt: undefined, isKept: true};
  /** From this browser's copy, until the session knows better. */
  #localPolicyChange: PolicyChange | undefined;
  #isLocallyDecided = false;
  #hasGpc = false;
  #session: ConsentSession | undefined;
  #sessionStart: Promise<ConsentSession | undefined> | undefined;
  #startSessionNow: (() => Promise<SessionStart>) | undefined;
  #effects: PageEffects | undefined;
  readonly #store = browserStore();
  #stopReopen: (() => void) | undefined;
  #channel: BroadcastChannel | undefined;
  /** Ignores the answer of a load that a newer one superseded. */
  #loadGeneration = 0;
  #loadAbort: AbortController | undefined;
  #isLoadQueued = false;
  #isRenderQueued = false;
  #isDialogWanted = false;
  #ui: Promise<PageInterface | undefined> | undefined;
  #mounted: PageInterface | undefined;
  /** Everything under way (loads, renders); `updateComplete` waits for it. */
  #work: Promise<unknown> = Promise.resolve();

  /** URL of the configuration JSON. */
  get configUrl(): string | undefined {
    return this.getAttribute('config-url') ?? undefined;
  }
  set configUrl(value: string | undefined) {
    this.#reflect('config-url', value);
  }

  /** The configuration as an object; wins over inline JSON and `config-url`. */
  get config(): unknown {
    return this.#configValue;
  }
  set config(value: unknown) {
    this.#configValue = value;
    this.#scheduleLoad();
  }

  /** Consent endpoint URL; without it, choices stay in this browser. */
  get endpoint(): string | undefined {
    return this.getAttribute('endpoint') ?? undefined;
  }
  set endpoint(value: string | undefined) {
    this.#reflect('endpoint', value);
  }

  /** The signed-in customer's id; without it, an anonymous id kept in this browser. */
  get subject(): string | undefined {
    return this.getAttribute('subject') ?? undefined;
  }
  set subject(value: string | undefined) {
    this.#reflect('subject', value);
  }

  /** BCP 47 tag; without it, the nearest `lang`, then the browser's languages. */
  get locale(): string | undefined {
    return this.getAttribute('locale') ?? undefined;
  }
  set locale(value: string | undefined) {
    this.#reflect('locale', value);
  }

  /** `inline` (a section of a page), `modal` or `banner`; anything else is `inline`. */
  get mode(): DisplayMode {
    const mode = this.getAttribute('mode');
    return MODES.find((known) => known === mode) ?? 'inline';
  }
  set mode(value: DisplayMode) {
    this.#reflect('mode', value);
  }

  /** Fetch credentials mode for the endpoint: `same-origin` (default), `include` or `omit`. */
  get credentials(): RequestCredentials {
    const value = this.getAttribute('credentials');
    return CREDENTIALS.find((known) => known === value) ?? 'same-origin';
  }
  set credentials(value: RequestCredentials) {
    this.#reflect('credentials', value);
  }

  /** Every purpose's choice: `{[purposeId]: "granted" | "denied"}`. */
  get choices(): Choices {
    return {...this.#current};
  }

  /** Resolves once what the element is doing now (loading, rendering) has settled. */
  get updateComplete(): Promise<boolean> {
    return this.#settle();
  }

  /**
   * Shows the center: as a modal dialog in `modal` and `banner` mode (as soon as it can, if
   * the configuration or the interface is still loading); in `inline` mode, scrolls it into
   * view and focuses it.
   */
  open(): void {
    if (this.mode === 'inline') {
      this.scrollIntoView({block: 'nearest'});
      const focus = () => this.shadowRoot?.querySelector<HTMLElement>('#heading')?.focus();
      if (this.shadowRoot?.querySelector('#heading')) focus();
      else void this.updateComplete.then(focus);
      return;
    }
    this.#isDialogWanted = true;
    void this.#track(this.#interface().then((ui) => ui?.open()));
    this.#requestRender();
  }

  /** Closes the dialog; an inline center stays where the page put it. */
  close(): void {
    this.#mounted?.close();
  }

  /** Grants every purpose, as "Accept all" does (`method: "accept-all"`). */
  acceptAll(): void {
    this.#decide((session, locale) => session.decideAll('granted', 'accept-all', locale));
  }

  /**
   * Denies every purpose the customer may refuse, as "Reject all" does (`method: "reject-all"`);
   * recorded even when they were all off already.
   */
  rejectAll(): void {
    this.#decide((session, locale) => session.decideAll('denied', 'reject-all', locale));
  }

  /** The choice for a purpose, or `undefined` for an unknown id or before the config loads. */
  getChoice(id: string): Choice | undefined {
    return this.#current[id];
  }

  /** Sets one purpose on or off, as the customer would (recorded); required purposes stay on. */
  setChoice(id: string, granted: boolean): void {
    this.#decide((session, locale) => session.decideOne(id, granted, 'api', locale));
  }

  connectedCallback(): void {
    // Properties a framework set before this script defined the element.
    for (const name of PROPERTIES) {
      if (!Object.hasOwn(this, name)) continue;
      const value: unknown = Reflect.get(this, name);
      Reflect.deleteProperty(this, name);
      Reflect.set(this, name, value);
    }
    if (!this.shadowRoot) this.attachShadow({mode: 'open'});
    centers.add(this);
    this.#stopReopen = listenForReopen({
      isInline: () => this.mode === 'inline',
      open: () => this.open(),
    });
    this.#scheduleLoad();
  }

  disconnectedCallback(): void {
    this.#stopReopen?.();
    this.#loadAbort?.abort();
    this.#stop();
    this.#mounted?.dispose();
    this.#ui = this.#mounted = undefined;
    this.#isDialogWanted = false;
    centers.delete(this);
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value) return;
    if (SOURCE_ATTRIBUTES.includes(name)) this.#scheduleLoad();
    else this.#requestRender();
  }

  #reflect(name: string, value: string | undefined): void {
    if (value === undefined || value === null) this.removeAttribute(name);
    else this.setAttribute(name, value);
  }

  #scheduleLoad(): void {
    if (!this.isConnected || this.#isLoadQueued) return;
    this.#isLoadQueued = true;
    // After the current task: attributes and properties set right after insertion count.
    void this.#track(
      Promise.resolve().then(() => {
        this.#isLoadQueued = false;
        return this.isConnected ? this.#load() : undefined;
      }),
    );
  }

  #stop(): void {
    this.#session?.dispose();
    this.#session = this.#sessionStart = this.#startSessionNow = undefined;
    this.#effects?.stop();
    this.#effects = undefined;
    this.#listenForOthers(false);
  }

  async #load(): Promise<void> {
    const generation = ++this.#loadGeneration;
    this.#loadAbort?.abort();
    this.#stop();
    const abort = (this.#loadAbort = new AbortController());
    this.#phase = {kind: 'loading'};
    this.#status = {save: 'idle', lastSavedAt: undefined, isKept: true};
    this.#requestRender();
    try {
      const result = await loadConfig({
        config: this.#configValue,
        inlineJson: this.#inlineJson(),
        configUrl: this.configUrl,
        signal: abort.signal,
      });
      if (generation !== this.#loadGeneration) return;
      if (!result.ok) {
        this.#showInvalidConfig(result.problems);
        return;
      }
      const {config} = result;
      const subject = resolveSubject(this.subject, this.#store);
      const hasGpc = (this.#hasGpc = hasGpcSignal());
      const endpoint = this.endpoint;
      const stored = readMirroredDecision(this.#store);
      const prior = stored?.subject === subject.id ? stored : undefined;
      const isCurrent = prior?.policyVersion === config.policyVersion;
      // This browser's copy, as the session would start from it.
      const local = startingChoices(config.purposes, config.policyVersion, prior, hasGpc);
      this.#startSessionNow = async () => {
        const {ConsentSession} = await import('./browser/consent-session.js');
        const session = new ConsentSession({
          config,
          subject: subject.id,
          isNewSubject: subject.isNew,
          endpoint: endpoint ? {url: endpoint, credentials: this.credentials} : undefined,
          mirror: this.#store,
          listener: this.#sessionListener,
          hasGpcSignal: hasGpc,
        });
        this.#session = session;
        return session.start(abort.signal);
      };
      // The session waits until needed unless this load has work for it: a record to send or
      // to restore (an anonymous id's record can only come from this browser), a signal to
      // record, the center to show.
      const isSessionDue =
        this.mode === 'inline' ||
        hasGpc ||
        (endpoint !== undefined &&
          (readJson(this.#store, WAITING_KEY) !== undefined ||
            (!subject.isNew && (!isCurrent || this.subject?.trim()))));
      let start: SessionStart = {choices: local.choices, source: prior ? 'local' : 'default'};
      this.#isLocallyDecided = isCurrent;
      this.#localPolicyChange = local.isPolicyChanged
        ? {newPurposeIds: local.newPurposeIds}
        : undefined;
      if (isSessionDue) {
        const started = await this.#startSession();
        if (generation !== this.#loadGeneration) return;
        if (started) start = started;
      } else {
        this.#listenForOthers(true);
      }
      this.#current = start.choices;
      this.#phase = {kind: 'ready', config};
      this.#effects = startPageEffects(config, this.#store);
      this.#effects.apply(start.choices);
      this.dispatchEvent(
        consentEvent('consent-ready', {choices: this.choices, source: start.source}),
      );
      this.#session?.recordGpc(this.#textLocale);
      this.#requestRender();
    } catch (error) {
      if (abort.signal.aborted) return;
      // Never leave the customer looking at "Loading…" forever.
      this.#showInvalidConfig([{path: '', message: `could not start: ${String(error)}`}]);
    }
  }

  /**
   * Starts the session once per load; `undefined` when its module cannot load (offline, CSP):
   * the choices from this browser's copy stay applied, and the site hears why nothing records.
   */
  #startSession(): Promise<SessionStart | undefined> {
    const startNow = this.#startSessionNow;
    if (!startNow) return Promise.resolve(undefined);
    this.#startSessionNow = undefined;
    this.#listenForOthers(false);
    const started = startNow().catch((error: unknown) => {
      if (this.#loadAbort?.signal.aborted) throw error;
      this.#session = undefined;
      this.#reportLoadFailure('the consent session', error);
      return undefined;
    });
    this.#sessionStart = started.then(() => this.#session);
    return this.#track(started);
  }

  /** The session for a decision or the center, started now if the load deferred it. */
  #whenSession(): Promise<ConsentSession | undefined> {
    if (this.#sessionStart) return this.#sessionStart;
    const generation = this.#loadGeneration;
    void this.#startSession().then((start) => {
      if (!start || generation !== this.#loadGeneration || this.#phase.kind !== 'ready') return;
      // The shared state may know more than this browser's copy did (another tab decided).
      const changed = changedIds(this.#current, start.choices);
      if (changed.length === 0) return;
      this.#sessionListener.onChange(start.choices, changed, 'sync');
    });
    return this.#sessionStart ?? Promise.resolve(undefined);
  }

  /**
   * While the session waits, a change of the shared state by another tab or another center of
   * this page (their ping, or their storage where BroadcastChannel is missing) starts it, so
   * this page follows. The ping itself is not trusted: the session reads the state.
   */
  #listenForOthers(isListening: boolean): void {
    this.#channel?.close();
    this.#channel = undefined;
    window.removeEventListener('storage', this.#handleStorage);
    if (!isListening) return;
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(CHANNEL_NAME);
      this.#channel.onmessage = () => void this.#whenSession();
    } else {
      window.addEventListener('storage', this.#handleStorage);
    }
  }

  readonly #handleStorage = (event: StorageEvent): void => {
    if (event.key?.startsWith(STORAGE_PREFIX)) void this.#whenSession();
  };

  /** What the session reports becomes state to render and the contract's events. */
  readonly #sessionListener: SessionListener = {
    onChange: (choices, changed, method) => {
      this.#current = choices;
      this.#effects?.apply(choices);
      this.dispatchEvent(consentEvent('consent-change', {choices: this.choices, changed, method}));
      this.#requestRender();
    },
    onStatus: (status) => {
      this.#status = status;
      this.#requestRender();
    },
    onSaved: ({receiptId, record}) =>
      this.dispatchEvent(consentEvent('consent-saved', {receiptId, record})),
    onError: (detail) => this.dispatchEvent(consentEvent('consent-error', detail)),
    // The banner shows while the customer has not decided under this policy (any tab, any device).
    onDecided: () => this.#requestRender(),
  };

  #showInvalidConfig(problems: readonly ConfigProblem[]): void {
    this.#phase = {kind: 'invalid', problems};
    this.#current = {};
    for (const problem of problems) {
      console.error(`<privacy-preferences>: ${describeProblem(problem)}`);
    }
    const first = problems[0];
    this.dispatchEvent(
      consentEvent('consent-error', {
        message: first ? describeProblem(first) : 'invalid configuration',
        willRetry: false,
      }),
    );
    this.#requestRender();
  }

  #reportLoadFailure(what: string, error: unknown): void {
    const message = `<privacy-preferences>: ${what} could not be loaded (${String(error)}); the choices stored in this browser stay applied.`;
    console.error(message);
    this.dispatchEvent(consentEvent('consent-error', {message, willRetry: false}));
  }

  #inlineJson(): string | undefined {
    const script = this.querySelector(':scope > script[type="application/json"]');
    return script ? (script.textContent ?? '') : undefined;
  }

  /** At once when the session runs; else as soon as it has started (one module away). */
  #decide(act: (session: ConsentSession, locale: string) => void): void {
    const ready = this.#phase;
    if (ready.kind !== 'ready') return;
    const record = (session: ConsentSession | undefined) => {
      if (!session || this.#phase !== ready) return;
      act(session, this.#textLocale);
      this.#requestRender(); // a decision may change nothing but the notices
    };
    if (this.#session) record(this.#session);
    else void this.#track(this.#whenSession().then(record));
  }

  get #showsBanner(): boolean {
    if (this.mode !== 'banner' || this.#phase.kind !== 'ready') return false;
    if (this.#session ? this.#session.isDecided : this.#isLocallyDecided) return false;
    // One banner per page, however many banner-mode centers it has.
    return [...centers].find((center) => center.mode === 'banner') === this;
  }

  /** The customer's languages in order of preference. */
  get #preferredLocales(): readonly string[] {
    if (this.locale) return [this.locale];
    const lang = this.closest('[lang]')?.getAttribute('lang');
    if (lang) return [lang];
    return navigator.languages.length > 0 ? navigator.languages : [navigator.language || 'en'];
  }

  get #textLocale(): string {
    return this.#preferredLocales[0] ?? 'en';
  }

  readonly #port: ViewPort = {
    host: this,
    get root() {
      const root = this.host.shadowRoot;
      if (!root) throw new Error('not connected');
      return root;
    },
    state: (): ViewState => ({
      mode: this.mode,
      phase: this.#phase,
      choices: this.#current,
      status: this.#status,
      policyChange: this.#session ? this.#session.policyChange : this.#localPolicyChange,
      hasGpcSignal: this.#hasGpc,
      showsBanner: this.#showsBanner,
      wantsDialog: this.#isDialogWanted,
      preferredLocales: this.#preferredLocales,
      session: this.#session,
      alreadyRunning: (ids) => this.#effects?.alreadyRunning(ids) ?? [],
    }),
    acceptAll: () => this.acceptAll(),
    rejectAll: () => this.rejectAll(),
    toggle: (id) =>
      this.#decide((session, locale) =>
        session.decideOne(id, this.#current[id] !== 'granted', 'toggle', locale),
      ),
    retry: () => this.#session?.retry(),
    choose: () => this.open(),
    reportFailure: (what, error) => this.#reportLoadFailure(what, error),
  };

  #requestRender(): void {
    if (this.#isRenderQueued) return;
    this.#isRenderQueued = true;
    void this.#track(
      Promise.resolve().then(() => {
        this.#isRenderQueued = false;
        return this.#renderViews();
      }),
    );
  }

  /** Loads the interface only once something is to be shown, and renders it. */
  async #renderViews(): Promise<void> {
    if (!this.isConnected) return;
    const wantsCenter = this.mode === 'inline' || this.#isDialogWanted;
    if (wantsCenter && this.#phase.kind === 'ready') void this.#whenSession();
    if (!wantsCenter && !this.#showsBanner && !this.#ui) return;
    await (await this.#interface())?.render();
  }

  #interface(): Promise<PageInterface | undefined> {
    this.#ui ??= this.#track(
      import('./ui/interface.js').then(
        (loaded) => (this.#mounted = this.isConnected ? loaded.default(this.#port) : undefined),
        (error: unknown) => {
          this.#ui = undefined; // the next open() tries again
          this.#reportLoadFailure('the interface', error);
          return undefined;
        },
      ),
    );
    return this.#ui;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#work = Promise.all([this.#work, promise]).catch(() => {});
    return promise;
  }

  async #settle(): Promise<boolean> {
    let work: Promise<unknown>;
    do {
      work = this.#work;
      await work;
    } while (work !== this.#work);
    return true;
  }
}

/** Global Privacy Control (https://globalprivacycontrol.org): the browser's do-not-sell signal. */
function hasGpcSignal(): boolean {
  return (navigator as Navigator & {globalPrivacyControl?: boolean}).globalPrivacyControl === true;
}

declare global {
  interface HTMLElementTagNameMap {
    'privacy-preferences': PrivacyPreferences;
  }
}
