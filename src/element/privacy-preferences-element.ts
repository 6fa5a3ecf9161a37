/**
 * `<privacy-preferences>` as every page loads it: a small runtime with no interface code. It
 * reads the configuration and the stored decision (`load.ts`), applies the choices (script
 * gating, Consent Mode), answers the "Privacy choices" links, and loads the rest from its own
 * directory only when there is something to do: the session (shared state, outbox, endpoint)
 * when a record may be due, the banner while no current decision exists, the full center when
 * shown (`../center/`, `../ui/`).
 */
import {REFLECTED, type DisplayMode, type HeadingLevel, type Theme} from '../attributes.js';
import type {Choice, PrivacyConfigInput} from '../core/config.js';
import type {Activity} from '../core/activity.js';
import type {Ask, ChangeMethod, Choices} from '../core/consent.js';
import {OPT_IN} from '../core/jurisdiction.js';
import {describeProblem, type Problem} from '../core/problem.js';
import {centers, type PageCenter} from '../browser/centers.js';
import {keepDecidedCookie} from '../browser/decided-cookie.js';
import {startPageEffects, type PageEffects} from '../browser/page-effects.js';
import {MODULE_GRAPH, loadController, preloadModules} from '../browser/module-graph.js';
import {listenForReopen} from '../browser/reopen.js';
import {browserStore, NOTICE_KEY, readMirroredDecision, writeJson} from '../browser/storage.js';
import {listenForTabPings, type TabPings} from '../browser/tab-ping.js';
import type {
  CenterController,
  ElementLink,
  ElementState,
  SessionSource,
} from '../center/center-controller.js';
import type {Intent} from '../core/intent.js';
import type {Surface} from '../core/protocol.js';
import {consentEvent} from '../events.js';
import {load} from './load.js';
import {inlineJson, preferredLocales} from './page-context.js';

export type {
  DisplayMode,
  HeadingLevel,
  PrivacyPreferencesAttributes,
  Theme,
} from '../attributes.js';

/** Outside a browser (server-side rendering) there is no HTMLElement: the class is inert. */
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * A privacy preference center: every data-sharing choice of the site in one place, each with
 * the benefit to the customer, delivered to the site's consent endpoint.
 *
 * @summary Lets customers see and switch every use of their data, and records each change.
 *
 * @fires {CustomEvent<{choices: {[purposeId: string]: 'granted' | 'denied'}, source: 'endpoint' | 'local' | 'default'}>} consent-ready - The initial choices are known: from the endpoint, this browser, or the defaults.
 * @fires {CustomEvent<{choices: {[purposeId: string]: 'granted' | 'denied'}, changed: string[], revoked: string[], method: 'toggle' | 'accept-all' | 'reject-all' | 'gpc' | 'api' | 'sync'}>} consent-change - The effective choices changed (the customer, the API, Global Privacy Control, another tab); `revoked` lists the purposes that went from granted to denied.
 * @fires {CustomEvent<{receiptId: string | undefined, record: {recordId: string, subject: string, policyVersion: string, choices: {[purposeId: string]: 'granted' | 'denied'}, changed: string[], method: 'toggle' | 'accept-all' | 'reject-all' | 'gpc' | 'api', locale: string, gpc: boolean, collectedAt: string, evidence?: {surface?: 'banner' | 'banner-close' | 'dialog' | 'inline' | 'embed' | 'api' | 'gpc' | 'other-device', region?: string, rule?: 'opt-in' | 'opt-out' | 'notice', textHash?: string}}}>} consent-saved - The endpoint acknowledged a record.
 * @fires {CustomEvent<{message: string, status?: number, willRetry: boolean}>} consent-error - The configuration could not be loaded or validated, a record could not be delivered, or a module of the interface could not load.
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
 * @csspart activity - Under a purpose, "On this page": what this page ran for it, held back while it was off, and removed.
 * @csspart required - The reason a required purpose is always on.
 * @csspart details - The disclosure with data used, recipients, retention and legal basis.
 * @csspart status - The live line saying whether choices are saving, saved or failed.
 * @csspart last-saved - In the status: when the choices were last saved.
 * @csspart not-kept - In the status: this browser cannot keep unsaved choices beyond this page.
 * @csspart retry - The "Try again" button after a failed save.
 * @csspart reload - The "Reload page" button, after a purpose with `onWithdraw: "reload"` was turned off while its scripts ran.
 * @csspart download - The "Download my choices" button.
 * @csspart still-running - In the status: switching off takes full effect on the next visit.
 * @csspart summary - Above the list: how many of the optional uses are switched on.
 * @csspart notice - A notice above the list: GPC honored (`gpc-notice`) or policy changed (`policy-notice`).
 * @csspart new-badge - The "New" mark on purposes added since the last decision.
 * @csspart opt-out-honored - "Opt-Out Request Honored" beside a purpose Global Privacy Control turned off, where the rule is opt-out.
 * @csspart error - The message shown instead of the list when the configuration is invalid.
 * @csspart banner - `mode="banner"`: the first layer at the bottom of the page.
 * @csspart choose - In the banner: "Choose what to allow", which opens the dialog.
 * @csspart banner-close - In the banner, where the rule's `closeMeans` is `"reject"`: the "×" that closes it and rejects.
 * @csspart dialog - `mode="modal"` and `banner`: the dialog holding the full center.
 * @csspart close - The dialog's close button.
 *
 * @cssprop [--pp-font-family=inherit] - Font family.
 * @cssprop [--pp-font-size=inherit] - Base font size.
 * @cssprop [--pp-color-surface=light-dark(#ffffff, #1c1d21)] - Background of the center, the banner and the dialog. Colours take a light and a dark value with `light-dark()`; one plain value serves both themes.
 * @cssprop [--pp-color-text=light-dark(#1b1b1b, #ececf0)] - Text color.
 * @cssprop [--pp-color-muted=light-dark(#4d4d4d, #b4b7bd)] - Secondary text color (introduction, status, required reason) and the track of a locked switch.
 * @cssprop [--pp-color-accent=light-dark(#1a5fb4, #8ab4f8)] - Buttons, links, switches that are on, the "New" badge. One value is moved, hue kept, where a theme needs more contrast.
 * @cssprop [--pp-color-on-accent=light-dark(#ffffff, #0b1b33)] - Text and thumb on the accent color.
 * @cssprop [--pp-color-border=light-dark(#767676, #8f939a)] - Purpose borders and switches that are off.
 * @cssprop [--pp-color-focus=var(--pp-color-accent)] - The focus ring.
 * @cssprop [--pp-color-benefit-surface=light-dark(#eef5ee, #1c2b1f)] - Background of the benefit.
 * @cssprop [--pp-color-benefit-border=light-dark(#2e7d32, #81c784)] - Accent line of the benefit.
 * @cssprop [--pp-color-error=light-dark(#b3261e, #ffb4ab)] - Errors and failed saves.
 * @cssprop [--pp-color-notice-surface=light-dark(#eef3fb, #1f2a3a)] - Background of notices (GPC honored, policy changed).
 * @cssprop [--pp-radius=0.5rem] - Corner radius.
 * @cssprop [--pp-spacing=1rem] - Base spacing.
 * @cssprop [--pp-switch-width=2.75rem] - Switch width.
 * @cssprop [--pp-switch-height=1.5rem] - Switch height.
 */

export class PrivacyPreferences extends Base {
  // `theme` is not observed: the interface's styles follow the attribute by themselves.
  static readonly observedAttributes = REFLECTED.map(([, attribute]) => attribute).filter(
    (attribute) => attribute !== 'theme',
  );

  #configValue: PrivacyConfigInput | undefined;
  /** The element's state: written here alone; the controller reads it through the link. */
  #state: Omit<ElementState, 'alreadyRunning' | 'activityOf' | 'ask'> = {
    phase: {kind: 'loading'},
    current: {},
    hasGpcSignal: false,
    isDialogWanted: false,
    rule: {...OPT_IN, region: undefined},
  };
  /** What the banner asks, from this browser's copy of the decision until the session knows better. */
  #localAsk: Ask = 'everything';
  /** Keeps the cookie the site's subdomains share (`cookieDomain`), at each render. */
  #keepShared: (() => void) | undefined;
  #effects: PageEffects | undefined;
  /** What this load's session starts from, while it waits until needed. */
  #sessionSource: SessionSource | undefined;
  readonly #store = browserStore();
  /** The interactive half, loaded once there is something to do beyond applying choices. */
  #controller: Promise<CenterController | undefined> | undefined;
  #control: CenterController | undefined;
  #otherTabs: TabPings | undefined;
  #loadAbort: AbortController | undefined;
  #isLoadQueued = false;
  #hasWaited = false;
  #isRenderQueued = false;
  /**
   * What the server rendered into the shadow root (`renderBanner`), until handed over;
   * `undefined` until first connected.
   */
  #served: readonly Element[] | undefined;
  /** Everything under way (loads, renders); `updateComplete` waits for it. */
  #work: Promise<unknown> = Promise.resolve();
  /** This element in the page's registry of centers. */
  readonly #center: PageCenter = {element: this, show: (purposeId) => this.#show(purposeId)};

  /**
   * URL of the configuration JSON.
   * @attr config-url
   */
  declare configUrl: string | undefined;

  /**
   * The configuration as an object; wins over inline JSON and `config-url`. Validated like
   * the others: a malformed one shows its problems instead of the center.
   */
  get config(): PrivacyConfigInput | undefined {
    return this.#configValue;
  }
  set config(value: PrivacyConfigInput | undefined) {
    // The same object again (React's wrapper sets every property at every render) is no change.
    if (value === this.#configValue) return;
    this.#configValue = value;
    this.#scheduleLoad();
  }

  /**
   * Consent endpoint URL; without it, choices stay in this browser.
   * @attr endpoint
   */
  declare endpoint: string | undefined;

  /**
   * The signed-in customer's id; without it, an anonymous id kept in this browser.
   * @attr subject
   */
  declare subject: string | undefined;

  /**
   * The signed-in subject's token from the site's backend, sent with every endpoint request as
   * `Authorization: Bearer …` (the reference endpoint's format: docs/consent-endpoint.md).
   * @attr subject-token
   */
  declare subjectToken: string | undefined;

  /**
   * BCP 47 tag; without it, the nearest `lang`, then the browser's languages.
   * @attr locale
   */
  declare locale: string | undefined;

  /**
   * `inline` (a section of a page), `modal` or `banner`; anything else is `inline`.
   * @attr mode
   */
  declare mode: DisplayMode;

  /**
   * `light`, `dark` or `auto` (follows the customer's `prefers-color-scheme`); anything else is `auto`.
   * @attr theme
   */
  declare theme: Theme;

  /**
   * The heading's level, `2` to `6` (anything else is `2`); purpose titles are one below.
   * @attr heading-level
   */
  declare headingLevel: HeadingLevel;

  /**
   * Fetch credentials mode for the endpoint: `same-origin` (default), `include` or `omit`.
   * @attr credentials
   */
  declare credentials: 'same-origin' | 'include' | 'omit';

  /**
   * Where the customer is, as the site knows it (ISO 3166: `DE`, `US-CA`): picks the rule of
   * the configuration's `jurisdictions`. Without it, the endpoint's hint, else the strictest rule.
   * @attr region
   */
  declare region: string | undefined;

  /** Every purpose's choice: `{[purposeId]: "granted" | "denied"}`. */
  get choices(): {readonly [purposeId: string]: Choice} {
    return {...this.#state.current};
  }

  /**
   * What this page did under each purpose: `{[purposeId]: {ran, blocked, removed}}` — the hosts
   * whose scripts and embeds ran, the hosts of requests held back while it was off, the cookie
   * and storage names removed. Hosts and names only, never URLs.
   */
  get activity(): Activity {
    return this.#effects?.activity() ?? {};
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
    void this.#show();
  }

  /** Closes the dialog; an inline center stays where the page put it. */
  close(): void {
    this.#control?.close();
  }

  /** Grants every purpose, as "Accept all" does (`method: "accept-all"`). */
  acceptAll(): void {
    this.#decide({kind: 'accept-all'});
  }

  /**
   * Denies every purpose the customer may refuse, as "Reject all" does (`method: "reject-all"`);
   * recorded even when they were all off already.
   */
  rejectAll(): void {
    this.#decide({kind: 'reject-all'});
  }

  /** The choice for a purpose, or `undefined` for an unknown id or before the config loads. */
  getChoice(id: string): Choice | undefined {
    return this.#state.current[id];
  }

  /** Sets one purpose on or off, as the customer would (recorded); required purposes stay on. */
  setChoice(id: string, granted: boolean): void {
    this.#decide({kind: 'set', id, isGranted: granted});
  }

  connectedCallback(): void {
    for (const name of ['config', ...REFLECTED.map(([property]) => property)]) {
      if (!Object.hasOwn(this, name)) continue;
      const value: unknown = Reflect.get(this, name);
      Reflect.deleteProperty(this, name);
      Reflect.set(this, name, value);
    }
    if (!this.#served) {
      // A declarative shadow root is the server's banner, kept: attachShadow() would empty it.
      this.#served = this.shadowRoot ? [...this.shadowRoot.children] : [];
      if (!this.shadowRoot) this.attachShadow({mode: 'open'});
    }
    centers.add(this.#center);
    listenForReopen();
    this.#scheduleLoad();
  }

  disconnectedCallback(): void {
    this.#loadAbort?.abort();
    this.#stop();
    this.#control?.dispose();
    this.#controller = this.#control = undefined;
    this.#state = {...this.#state, isDialogWanted: false};
    centers.delete(this.#center);
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value) return;
    // These change what is shown; the others, where choices come from or go.
    if (['locale', 'mode', 'heading-level'].includes(name)) this.#requestRender();
    else this.#scheduleLoad();
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
    this.#control?.stopSession();
    this.#sessionSource = undefined;
    this.#effects?.stop();
    this.#effects = undefined;
    this.#listenForOthers(false);
  }

  async #load(): Promise<void> {
    // A newer load, or leaving the page, aborts this one: its answers are then ignored.
    this.#loadAbort?.abort();
    this.#stop();
    const abort = (this.#loadAbort = new AbortController());
    this.#keepShared = undefined;
    this.#state = {...this.#state, phase: {kind: 'loading'}};
    this.#requestRender();
    // A banner page in a browser that has decided nothing yet will show the banner: its
    // modules load while the configuration does, not after it.
    if (this.mode === 'banner' && !readMirroredDecision(this.#store))
      void this.#controllerReady(MODULE_GRAPH.banner).then((controller) => controller?.preload());
    try {
      const sources = {
        config: this.#configValue,
        inlineJson: inlineJson(this),
        configUrl: this.configUrl,
        signal: abort.signal,
      };
      // None yet: a framework may set `config` a moment after the element upgrades (React,
      // hydrating server-rendered markup, does so later). Missing only if still none in 1 s.
      if (!(sources.config ?? sources.inlineJson ?? sources.configUrl) && !this.#hasWaited) {
        this.#hasWaited = true;
        setTimeout(() => abort.signal.aborted || this.#scheduleLoad(), 1000);
        return;
      }
      const loaded = await load({
        sources,
        subject: this.subject,
        subjectToken: this.subjectToken,
        endpoint: this.endpoint,
        credentials: this.credentials,
        isInline: this.mode === 'inline',
        store: this.#store,
        region: this.region,
      });
      if (abort.signal.aborted) return;
      for (const warning of loaded.warnings)
        console.warn(`<privacy-preferences>: ${describeProblem(warning)}`);
      if (!loaded.ok) return this.#showInvalidConfig(loaded.problems);
      const {config, hasGpcSignal, localPolicyChange, rule} = loaded;
      this.#localAsk = loaded.ask;
      this.#keepShared = loaded.keepShared;
      this.#state = {...this.#state, hasGpcSignal, localPolicyChange, rule};
      let start = loaded.start;
      if (loaded.isSessionDue) {
        const started = await (
          await this.#controllerReady(MODULE_GRAPH.session)
        )?.startSession(loaded.session);
        if (abort.signal.aborted) return; // superseded by a newer load, or left the page
        if (started) start = started;
      } else {
        this.#sessionSource = loaded.session;
        this.#listenForOthers(true);
      }
      this.#state = {...this.#state, current: start.choices, phase: {kind: 'ready', config}};
      this.#effects = startPageEffects(config, {
        store: this.#store,
        ownUrls: [this.endpoint, this.configUrl],
        onActivity: () => this.#requestRender(),
        allow: (ids) => this.#decide({kind: 'allow', ids}, 'embed'),
        preferredLocales: () => preferredLocales(this, this.locale),
        theme: () => this.theme,
      });
      this.#effects.apply(start.choices);
      this.dispatchEvent(
        consentEvent('consent-ready', {choices: this.choices, source: start.source}),
      );
      this.#control?.session?.recordGpc();
      this.#requestRender();
    } catch (error) {
      if (abort.signal.aborted) return;
      // Never leave the customer looking at "Loading…" forever.
      this.#showInvalidConfig([{path: '', message: `could not start: ${String(error)}`}]);
    }
  }

  /** Resolves with whether the center could be shown. */
  #show(purposeId?: string): Promise<boolean> {
    if (this.mode !== 'inline') this.#state = {...this.#state, isDialogWanted: true};
    // Synchronously when loaded: an inline center takes focus at once.
    const shown = this.#control
      ? this.#control.open(purposeId)
      : this.#controllerReady(MODULE_GRAPH.center).then(
          (controller) => controller?.open(purposeId) ?? false,
        );
    this.#requestRender();
    return this.#track(shown);
  }

  /**
   * The interactive half, loaded on first need with the rest of `path` (requested together);
   * `undefined` when it cannot load.
   */
  #controllerReady(path: readonly string[]): Promise<CenterController | undefined> {
    preloadModules(path);
    this.#controller ??= this.#track(
      loadController().then(
        ({CenterController}) => {
          // Left the page while it loaded: the next connection starts afresh.
          if (!this.isConnected) return (this.#controller = undefined);
          return (this.#control = new CenterController(this.#link));
        },
        (error: unknown) => {
          // Browsers remember a module that failed for the life of the page: reported once.
          this.#reportLoadFailure('the consent center', error);
          return undefined;
        },
      ),
    );
    return this.#controller;
  }

  /** Starts the deferred session (another tab or center changed the state; a decision). */
  #wake(): Promise<CenterController | undefined> {
    this.#listenForOthers(false);
    return this.#track(
      this.#controllerReady(MODULE_GRAPH.session).then(async (controller) => {
        await controller?.whenSession();
        return controller;
      }),
    );
  }

  /**
   * While the session waits, a change of the shared state by another tab or another center of
   * this page starts it, so this page follows. The ping itself is not trusted: the session
   * reads the state.
   */
  #listenForOthers(isListening: boolean): void {
    this.#otherTabs?.close();
    this.#otherTabs = isListening ? listenForTabPings(() => void this.#wake()) : undefined;
  }

  readonly #link: ElementLink = {
    host: this,
    state: () => ({
      ...this.#state,
      ask: this.#ask,
      alreadyRunning: (ids) => this.#effects?.alreadyRunning(ids) ?? [],
      activityOf: (id) => this.#effects?.activityOf(id),
    }),
    preferredLocales: () => preferredLocales(this, this.locale),
    showsBanner: () => this.#showsBanner,
    dismissNotice: () => {
      const {phase} = this.#state;
      if (phase.kind !== 'ready') return;
      writeJson(this.#store, NOTICE_KEY, phase.config.policyVersion);
      this.#localAsk = 'nothing';
      this.#requestRender();
    },
    takeSource: () => {
      const source = this.#sessionSource;
      this.#sessionSource = undefined;
      return source;
    },
    change: (choices, changed, method) => this.#change(choices, changed, method),
    requestRender: () => this.#requestRender(),
    track: (promise) => this.#track(promise),
    reportFailure: (what, error) => this.#reportLoadFailure(what, error),
  };

  #change(choices: Choices, changed: readonly string[], method: ChangeMethod): void {
    this.#state = {...this.#state, current: choices};
    this.#effects?.apply(choices);
    const revoked = changed.filter((id) => choices[id] === 'denied');
    this.dispatchEvent(
      consentEvent('consent-change', {choices: this.choices, changed, revoked, method}),
    );
    this.#requestRender();
  }

  #showInvalidConfig(problems: readonly Problem[]): void {
    this.#state = {...this.#state, phase: {kind: 'invalid', problems}, current: {}};
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
    const message = `<privacy-preferences>: ${what} could not be loaded (${String(error)}); the choices in force stay applied.`;
    console.error(message);
    this.dispatchEvent(consentEvent('consent-error', {message, willRetry: false}));
  }

  /** Forwards a decision to the session, loading what it needs first. */
  #decide(intent: Intent, surface: Surface = 'api'): void {
    if (this.#state.phase.kind !== 'ready') return;
    if (this.#control) this.#control.decide(intent, surface);
    else void this.#track(this.#wake().then((controller) => controller?.decide(intent, surface)));
  }

  /** What a render needs loaded: the full center, the banner, or nothing more. */
  get #wantedPath(): readonly string[] {
    if (this.mode === 'inline' || this.#state.isDialogWanted) return MODULE_GRAPH.center;
    return this.#showsBanner ? MODULE_GRAPH.banner : [];
  }

  get #showsBanner(): boolean {
    if (this.mode !== 'banner' || this.#state.phase.kind !== 'ready' || this.#ask === 'nothing')
      return false;
    // One banner per page, however many banner-mode centers it has.
    return [...centers].find((center) => center.element.mode === 'banner') === this.#center;
  }

  /** What the banner asks: as the session knows it, else as this browser's copy says. */
  get #ask(): Ask {
    return this.#control?.session?.ask ?? this.#localAsk;
  }

  #requestRender(): void {
    if (this.#isRenderQueued) return;
    this.#isRenderQueued = true;
    void this.#track(
      Promise.resolve().then(async () => {
        this.#isRenderQueued = false;
        if (!this.isConnected) return;
        const {phase} = this.#state;
        if (phase.kind === 'ready') {
          keepDecidedCookie(this.#ask === 'nothing' ? phase.config.policyVersion : undefined);
          this.#keepShared?.();
        }
        if (phase.kind !== 'loading' && this.#served?.length) {
          // The server's banner goes at once if not to be shown; else the banner view takes it.
          if (!this.#showsBanner) for (const node of this.#served) node.remove();
          this.#served = [];
        }
        // Nothing to show and nothing loaded yet: nothing is loaded.
        const isWanted = this.mode === 'inline' || this.#state.isDialogWanted || this.#showsBanner;
        if (!isWanted && !this.#control) return;
        await (await this.#controllerReady(this.#wantedPath))?.render();
      }),
    );
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

declare global {
  interface HTMLElementTagNameMap {
    'privacy-preferences': PrivacyPreferences;
  }
}

for (const [property, attribute, values] of REFLECTED)
  Object.defineProperty(PrivacyPreferences.prototype, property, {
    get(this: HTMLElement) {
      const value = this.getAttribute(attribute);
      return values ? (values.find((known) => known === value) ?? values[0]) : (value ?? undefined);
    },
    set(this: HTMLElement, value: string | null | undefined) {
      if (value == null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, value);
    },
  });
