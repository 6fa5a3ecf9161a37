import {LitElement, html, nothing, type PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {localized, msg, str} from '@lit/localize';
import {
  describeProblem,
  type Choice,
  type ConfigProblem,
  type LocalizedText,
  type PrivacyConfig,
  type PurposeConfig,
} from '../core/config.js';
import type {Choices} from '../core/consent.js';
import {isRightToLeft, localizedText, negotiateLocale} from '../core/locale.js';
import type {RecordedMethod} from '../core/protocol.js';
import {buildConsentReceipt} from '../core/receipt.js';
import {loadConfig} from '../browser/config-source.js';
import {
  ConsentSession,
  type SessionListener,
  type SessionStatus,
} from '../browser/consent-session.js';
import {startPageEffects, type PageEffects} from '../browser/page-effects.js';
import {browserStore} from '../browser/storage.js';
import {resolveSubject} from '../browser/subject.js';
import {consentEvent} from '../events.js';
import {setLocale, supportedLocales} from '../localization.js';
import {listenForReopen} from '../browser/reopen.js';
import {renderBanner} from './banner.js';
import {DialogController} from './dialog-controller.js';
import {renderPurposeRow} from './purpose-row.js';
import {renderNotices} from './notices.js';
import {renderStatusLine} from './status-line.js';
import {styles} from './styles.js';

export type DisplayMode = 'inline' | 'modal' | 'banner';

type Phase =
  | {readonly kind: 'loading'}
  | {readonly kind: 'invalid'; readonly problems: readonly ConfigProblem[]}
  | {readonly kind: 'ready'; readonly config: PrivacyConfig; readonly session: ConsentSession};

/**
 * A privacy preference center: every data-sharing choice of the site in one place, each with
 * the benefit to the customer, delivered to the site's consent endpoint.
 *
 * @summary Lets customers see and switch every use of their data, and records each change.
 *
 * @fires consent-ready - The initial choices are known. `detail: {choices, source}`.
 * @fires consent-change - The effective choices changed. `detail: {choices, changed, method}`.
 * @fires consent-saved - The endpoint acknowledged a record. `detail: {receiptId, record}`.
 * @fires consent-error - Configuration or delivery failed. `detail: {message, status?, willRetry}`.
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
@localized()
export class PrivacyPreferences extends LitElement {
  static override styles = styles;

  /** URL of the configuration JSON. */
  @property({attribute: 'config-url'}) configUrl?: string;

  /** The configuration as an object; wins over inline JSON and `config-url`. */
  @property({attribute: false}) config?: unknown;

  /** Consent endpoint URL; without it, choices stay in this browser. */
  @property() endpoint?: string;

  /** The signed-in customer's id; without it, an anonymous id kept in this browser. */
  @property() subject?: string;

  /** BCP 47 tag; without it, the nearest `lang`, then the browser's languages. */
  @property() locale?: string;

  /** `inline` (a section of a page), `modal` or `banner`. */
  @property({reflect: true}) mode: DisplayMode = 'inline';

  /** Fetch credentials mode for the endpoint. */
  @property() credentials: RequestCredentials = 'same-origin';

  @state() private phase: Phase = {kind: 'loading'};
  @state() private currentChoices: Choices = {};
  @state() private status: SessionStatus = {save: 'idle', lastSavedAt: undefined, isKept: true};

  private readonly store = browserStore();
  private readonly dialog = new DialogController(
    this,
    () => this.renderRoot?.querySelector('dialog') ?? null,
    () => this.renderRoot.querySelector('#heading'),
  );
  private stopReopen: (() => void) | undefined;
  /** Ignores the answer of a load that a newer one superseded. */
  private loadGeneration = 0;
  private loadAbort: AbortController | undefined;
  private session: ConsentSession | undefined;
  private effects: PageEffects | undefined;

  /** Every purpose's choice: `{[purposeId]: "granted" | "denied"}`. */
  get choices(): Choices {
    return {...this.currentChoices};
  }

  /**
   * Shows the center: as a modal dialog in `modal` and `banner` mode (as soon as it can, if
   * the configuration is still loading); in `inline` mode, scrolls it into view and focuses it.
   */
  open(): void {
    if (this.isDialogMode) {
      this.dialog.open();
      return;
    }
    this.scrollIntoView({block: 'nearest'});
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  /** Closes the dialog; an inline center stays where the page put it. */
  close(): void {
    this.dialog.close();
  }

  /** Grants every purpose, as "Accept all" does (`method: "accept-all"`). */
  acceptAll(): void {
    this.decideAll('granted', 'accept-all');
  }

  /**
   * Denies every purpose the customer may refuse, as "Reject all" does (`method: "reject-all"`);
   * recorded even when they were all off already.
   */
  rejectAll(): void {
    this.decideAll('denied', 'reject-all');
  }

  /** The choice for a purpose, or `undefined` for an unknown id or before the config loads. */
  getChoice(id: string): Choice | undefined {
    return this.currentChoices[id];
  }

  /** Sets one purpose on or off, as the customer would (recorded); required purposes stay on. */
  setChoice(id: string, granted: boolean): void {
    this.decideOne(id, granted, 'api');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopReopen = listenForReopen({
      isInline: () => !this.isDialogMode,
      open: () => this.open(),
    });
    // Moved within the page: start again where a disconnect stopped.
    if (this.hasUpdated && !this.session) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopReopen?.();
    this.loadAbort?.abort();
    this.stopSession();
  }

  private stopSession(): void {
    this.session?.dispose();
    this.session = undefined;
    this.effects?.stop();
    this.effects = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('locale')) void setLocale(this.uiLocale);
    const sourceChanged = (
      ['config', 'configUrl', 'endpoint', 'subject', 'credentials'] as const
    ).some((key) => changed.has(key));
    if (!this.hasUpdated || sourceChanged) void this.load();
  }

  protected override render() {
    if (!this.isDialogMode) return this.renderCenter();
    const ready = this.ready;
    const showsBanner = this.mode === 'banner' && ready !== undefined && !ready.session.isDecided;
    // Present from the first render, so the banner's arrival is announced, once.
    return html`<p class="visually-hidden" aria-live="polite">
        ${showsBanner ? msg('Your privacy choices') : nothing}
      </p>
      ${showsBanner ? this.renderBanner() : nothing}
      <dialog
        class="dialog"
        part="dialog"
        aria-labelledby="heading"
        @close=${this.dialog.handleClosed}
        @keydown=${this.dialog.handleKeydown}
      >
        <button
          type="button"
          class="close"
          part="close"
          aria-label=${msg('Close')}
          @click=${() => this.close()}
        >
          <span aria-hidden="true">×</span>
        </button>
        ${this.renderCenter()}
      </dialog>`;
  }

  private get isDialogMode(): boolean {
    return this.mode === 'modal' || this.mode === 'banner';
  }

  private renderBanner() {
    const config = this.ready?.config;
    const controller = config?.controller;
    return renderBanner({
      lang: this.textLocale,
      dir: isRightToLeft(this.textLocale) ? 'rtl' : 'ltr',
      controllerName: controller && localizedText(controller.name, this.textLocale),
      policyUrl: config?.policyUrl,
      policyChange: this.policyChangeNotice(),
      onAcceptAll: () => this.acceptAll(),
      onRejectAll: () => this.rejectAll(),
      onChoose: () => this.open(),
    });
  }

  private renderCenter() {
    const textLocale = this.textLocale;
    return html`<section
      class="center"
      part="base"
      lang=${textLocale}
      dir=${isRightToLeft(textLocale) ? 'rtl' : 'ltr'}
      aria-labelledby="heading"
      aria-busy=${this.phase.kind === 'loading' ? 'true' : 'false'}
    >
      ${this.renderHeader()} ${this.renderBody()}
    </section>`;
  }

  private renderHeader() {
    const config = this.ready?.config;
    const controller = config?.controller;
    const controllerName = controller && localizedText(controller.name, this.textLocale);
    return html`<header class="header" part="header">
      <h2 id="heading" tabindex="-1">${msg('Privacy choices')}</h2>
      ${
        config
          ? html`<p class="intro">
                ${
                  controllerName
                    ? msg(str`Choose how ${controllerName} may use your data.`)
                    : msg('Choose how this site may use your data.')
                }
                ${msg('Turning a choice off is as easy as turning it on, and you can change your mind at any time.')}
              </p>
              ${this.renderLinks(config)}`
          : nothing
      }
    </header>`;
  }

  private renderLinks(config: PrivacyConfig) {
    const contact = config.controller?.contact;
    if (!config.policyUrl && !contact) return nothing;
    return html`<ul class="links">
      ${
        config.policyUrl
          ? html`<li><a href=${config.policyUrl}>${msg('Privacy policy')}</a></li>`
          : nothing
      }
      ${contact ? html`<li>${msg('Questions:')} ${renderContact(contact)}</li>` : nothing}
    </ul>`;
  }

  private renderBody() {
    switch (this.phase.kind) {
      case 'loading':
        return html`<p class="meta">${msg('Loading your privacy choices…')}</p>`;
      case 'invalid':
        return html`<div class="problem" part="error" role="alert">
          <p>
            ${msg("These privacy choices can't be shown because the site's configuration has a problem.")}
          </p>
          <code>${this.phase.problems.slice(0, 3).map(describeProblem).join('\n')}</code>
        </div>`;
      case 'ready': {
        const {config, session} = this.phase;
        const text = (value: LocalizedText) => localizedText(value, this.textLocale);
        const titleOf = (id: string) =>
          text(config.purposes.find((purpose) => purpose.id === id)?.title ?? id);
        const newIds = new Set(session.policyChange?.newPurposeIds);
        const deniedIds = config.purposes
          .map((purpose) => purpose.id)
          .filter((id) => this.currentChoices[id] === 'denied');
        return html`
          ${renderNotices({
            gpcTitles: session.hasGpcSignal
              ? config.purposes
                  .filter((purpose) => purpose.gpc)
                  .map((purpose) => text(purpose.title))
              : [],
            policyChange: this.policyChangeNotice(),
            policyUrl: config.policyUrl,
          })}
          <div class="actions" part="actions">
            <button type="button" class="action" part="action" @click=${() => this.acceptAll()}>
              ${msg('Accept all')}
            </button>
            <button type="button" class="action" part="action" @click=${() => this.rejectAll()}>
              ${msg('Reject all')}
            </button>
          </div>
          <ul class="purposes" part="purposes" aria-label=${msg('Data uses')}>
            ${config.purposes.map((purpose) =>
              renderPurposeRow({
                purpose,
                choice: this.currentChoices[purpose.id] ?? purpose.default,
                locale: this.textLocale,
                isNew: newIds.has(purpose.id),
                onToggle: this.handleToggle,
              }),
            )}
          </ul>
          ${renderStatusLine({
            status: this.status,
            locale: this.textLocale,
            onRetry: this.handleRetry,
            onDownload: this.handleDownload,
            // Switched off, but their scripts already ran here: that cannot be undone.
            stillRunningTitles: (this.effects?.alreadyRunning(deniedIds) ?? []).map(titleOf),
          })}
        `;
      }
    }
  }

  private readonly handleToggle = (purpose: PurposeConfig) => {
    this.decideOne(purpose.id, this.currentChoices[purpose.id] !== 'granted', 'toggle');
  };

  /** "Try again" goes away once pressed: focus stays in the status it speaks for. */
  private readonly handleRetry = async () => {
    this.ready?.session.retry();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="status"]')?.focus();
  };

  /** Saves the customer's receipt of their choices as a JSON file. */
  private readonly handleDownload = async () => {
    const ready = this.ready;
    if (!ready) return;
    await ready.session.whenStored(); // a decision made a moment ago belongs on it
    const issuedAt = new Date().toISOString();
    const receipt = buildConsentReceipt({
      config: ready.config,
      subject: ready.session.subject,
      choices: this.currentChoices,
      locale: this.textLocale,
      hasGpcSignal: ready.session.hasGpcSignal,
      issuedAt,
      decision: ready.session.decision,
    });
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(receipt, null, 2)], {type: 'application/json'}),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `privacy-choices-${issuedAt.slice(0, 10)}.json`;
    link.hidden = true;
    // Clicked inside the center, so the page (or a test) can see the download it starts.
    this.renderRoot.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  /** The policy changed since the customer's last decision: the titles of the new purposes. */
  private policyChangeNotice(): {readonly newTitles: readonly string[]} | undefined {
    const ready = this.ready;
    const change = ready?.session.policyChange;
    if (!ready || !change) return undefined;
    const newIds = new Set(change.newPurposeIds);
    return {
      newTitles: ready.config.purposes
        .filter((purpose) => newIds.has(purpose.id))
        .map((purpose) => localizedText(purpose.title, this.textLocale)),
    };
  }

  private get ready() {
    return this.phase.kind === 'ready' ? this.phase : undefined;
  }

  /** The customer's languages in order of preference. */
  private get preferredLocales(): readonly string[] {
    if (this.locale) return [this.locale];
    const lang = this.closest('[lang]')?.getAttribute('lang');
    if (lang) return [lang];
    return navigator.languages.length > 0 ? navigator.languages : [navigator.language || 'en'];
  }

  /** Configuration text may exist in more languages than the interface; use the exact wish. */
  private get textLocale(): string {
    return this.preferredLocales[0] ?? 'en';
  }

  private get uiLocale(): string {
    return negotiateLocale(this.preferredLocales, supportedLocales);
  }

  private async load(): Promise<void> {
    const generation = ++this.loadGeneration;
    this.loadAbort?.abort();
    this.stopSession();
    const abort = (this.loadAbort = new AbortController());
    this.phase = {kind: 'loading'};
    try {
      const result = await loadConfig({
        config: this.config,
        inlineJson: this.inlineJson(),
        configUrl: this.configUrl,
        signal: abort.signal,
      });
      if (generation !== this.loadGeneration) return;
      if (!result.ok) {
        this.showInvalidConfig(result.problems);
        return;
      }
      const subject = resolveSubject(this.subject, this.store);
      const session = new ConsentSession({
        config: result.config,
        subject: subject.id,
        isNewSubject: subject.isNew,
        endpoint: this.endpoint ? {url: this.endpoint, credentials: this.credentials} : undefined,
        mirror: this.store,
        listener: this.sessionListener,
        hasGpcSignal: hasGpcSignal(),
      });
      this.session = session;
      const {choices, source} = await session.start(abort.signal);
      if (generation !== this.loadGeneration) return;
      this.currentChoices = choices;
      this.phase = {kind: 'ready', config: result.config, session};
      this.effects = startPageEffects(result.config, this.store);
      this.effects.apply(choices);
      this.dispatchEvent(consentEvent('consent-ready', {choices: this.choices, source}));
      session.recordGpc(this.textLocale);
    } catch (error) {
      if (abort.signal.aborted) return;
      // Never leave the customer looking at "Loading…" forever.
      this.showInvalidConfig([{path: '', message: `could not start: ${String(error)}`}]);
    }
  }

  /** What the session reports becomes state to render and the contract's events. */
  private readonly sessionListener: SessionListener = {
    onChange: (choices, changed, method) => {
      this.currentChoices = choices;
      this.effects?.apply(choices);
      this.dispatchEvent(consentEvent('consent-change', {choices: this.choices, changed, method}));
    },
    onStatus: (status) => {
      this.status = status;
    },
    onSaved: ({receiptId, record}) =>
      this.dispatchEvent(consentEvent('consent-saved', {receiptId, record})),
    onError: (detail) => this.dispatchEvent(consentEvent('consent-error', detail)),
    // The banner shows while the customer has not decided under this policy (any tab, any device).
    onDecided: () => this.requestUpdate(),
  };

  private showInvalidConfig(problems: readonly ConfigProblem[]): void {
    this.phase = {kind: 'invalid', problems};
    this.currentChoices = {};
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
  }

  private inlineJson(): string | undefined {
    const script = this.querySelector(':scope > script[type="application/json"]');
    return script ? (script.textContent ?? '') : undefined;
  }

  private decideAll(choice: Choice, method: RecordedMethod): void {
    const ready = this.ready;
    if (!ready) return;
    const decided = ready.config.purposes
      .filter((purpose) => !purpose.required)
      .map((purpose) => [purpose.id, choice] as const);
    ready.session.decide(method, Object.fromEntries(decided), this.textLocale);
  }

  /** An unknown or required purpose is no decision the customer can make. */
  private decideOne(id: string, isGranted: boolean, method: RecordedMethod): void {
    const ready = this.ready;
    const purpose = ready?.config.purposes.find((candidate) => candidate.id === id);
    if (!ready || !purpose || purpose.required) return;
    ready.session.decide(method, {[id]: isGranted ? 'granted' : 'denied'}, this.textLocale);
  }
}

/** Global Privacy Control (https://globalprivacycontrol.org): the browser's do-not-sell signal. */
function hasGpcSignal(): boolean {
  return (navigator as Navigator & {globalPrivacyControl?: boolean}).globalPrivacyControl === true;
}

function renderContact(contact: string) {
  if (/^(https?:|mailto:)/i.test(contact))
    return html`<a href=${contact}>${contact.replace(/^mailto:/i, '')}</a>`;
  if (/^[^\s@]+@[^\s@]+$/.test(contact)) return html`<a href=${`mailto:${contact}`}>${contact}</a>`;
  return contact;
}

declare global {
  interface HTMLElementTagNameMap {
    'privacy-preferences': PrivacyPreferences;
  }
}
