/**
 * The full center's interface module: in place (`inline`) or as the dialog (`modal`, and
 * "Choose what to allow" in a banner). Loaded only when it is to be shown.
 */
import {html, nothing, render} from 'lit/html.js';
import {html as staticHtml, unsafeStatic} from 'lit/static-html.js';
import {msg, str} from '@lit/localize';
import type {LocalizedText, PrivacyConfig} from '../core/config.js';
import {isGpcCovered} from '../core/consent.js';
import {describeProblem} from '../core/problem.js';
import {buildConsentReceipt} from '../core/receipt.js';
import {isRightToLeft, textPart, type Languages} from '../core/locale.js';
import {useLocale} from './localization.js';
import {DialogController} from './dialog-controller.js';
import {headingLevel} from './heading.js';
import {renderNotices} from './notices.js';
import {policyChangeNotice} from './policy-change.js';
import type {CenterView, MountView, ViewPort, ViewState} from './port.js';
import {renderPurposeRow} from './purpose-row.js';
import {formatDateTime, renderStatusLine} from './status-line.js';
import {baseStyles} from './styles/base.js';
import {centerStyles} from './styles/center.js';
import {adoptStyles} from './styles/sheet.js';
import {optionalSummary} from './summary.js';
import {gapIn, languagesOf, partNode, SLOT, spliced} from './text-parts.js';

const mountCenter: MountView<CenterView> = (port) => {
  const {root, host} = port;
  adoptStyles(root, baseStyles);
  adoptStyles(root, centerStyles);
  const marker = root.appendChild(document.createComment(''));
  const heading = () => root.querySelector<HTMLElement>('#heading');
  /** A purpose whose switch takes focus once it shows (a link named it, e.g. "Do Not Sell"). */
  let focusWanted: string | undefined;
  const switchOf = (id: string) =>
    root.querySelector<HTMLElement>(`[data-purpose="${CSS.escape(id)}"] [role="switch"]`);
  /** Moves focus to the wanted switch once it is there, unless the customer moved it on. */
  const focusSwitch = () => {
    const target = focusWanted === undefined ? null : switchOf(focusWanted);
    if (!target) return;
    focusWanted = undefined;
    const active = root.activeElement;
    if (!active || active === heading()) target.focus();
  };
  const dialog = new DialogController(
    host,
    () => root.querySelector('dialog'),
    () => (focusWanted !== undefined && switchOf(focusWanted)) || heading(),
  );

  /** "Try again" goes away once pressed: focus stays in the status it speaks for. */
  const retry = async () => {
    port.retry();
    await view.render();
    root.querySelector<HTMLElement>('[part="status"]')?.focus();
  };

  const view: CenterView = {
    async render() {
      const state = port.state();
      const shown = await useLocale(state.preferredLocales);
      const languages = languagesOf(state, shown);
      const center = renderCenter(port, state, languages, retry);
      render(
        state.mode === 'inline'
          ? center
          : html`<dialog
              class="dialog"
              part="dialog"
              aria-labelledby="heading"
              @close=${dialog.handleClosed}
              @keydown=${dialog.handleKeydown}
            >
              <button
                type="button"
                class="close"
                part="close"
                aria-label=${msg('Close')}
                @click=${() => view.close()}
              >
                <span aria-hidden="true">×</span>
              </button>
              ${center}
            </dialog>`,
        root,
        {renderBefore: marker, host},
      );
      dialog.rendered();
      focusSwitch();
      // "Last saved …" needs a date format, whose making takes a whole frame on a slow phone:
      // made while the page is idle, not when the first save is answered.
      port.whenIdle(() => formatDateTime(new Date().toISOString(), shown));
    },
    open(purposeId) {
      focusWanted = purposeId;
      dialog.open();
    },
    focus(purposeId) {
      if (!heading()) return false;
      focusWanted = purposeId;
      heading()!.focus();
      focusSwitch();
      return true;
    },
    close() {
      focusWanted = undefined;
      dialog.close();
    },
    dispose() {
      dialog.dispose();
      render(nothing, root, {renderBefore: marker});
      marker.remove();
    },
  };
  return view;
};

export default mountCenter;

function renderCenter(port: ViewPort, state: ViewState, languages: Languages, retry: () => void) {
  const locale = languages.shown;
  const level = headingLevel(port.host);
  const {phase} = state;
  const config = phase.kind === 'ready' ? phase.config : undefined;
  return html`<section
    class="center"
    part="base"
    lang=${locale}
    dir=${isRightToLeft(locale) ? 'rtl' : 'ltr'}
    aria-labelledby="heading"
    aria-busy=${phase.kind === 'loading' || (config !== undefined && !state.isSessionSettled)}
  >
    ${renderHeader(config, languages, level)}
    ${
      phase.kind === 'invalid'
        ? html`<div class="problem" part="error" role="alert">
            <p>
              ${msg("These privacy choices can't be shown because the site's configuration has a problem.")}
            </p>
            <code lang="en" dir="ltr"
              >${phase.problems.slice(0, 3).map(describeProblem).join('\n')}</code
            >
          </div>`
        : config && state.isSessionSettled
          ? renderChoices(port, state, config, languages, retry, level)
          : html`<p class="meta">${msg('Loading your privacy choices…')}</p>`
    }
  </section>`;
}

function renderHeader(config: PrivacyConfig | undefined, languages: Languages, level: number) {
  const heading = unsafeStatic(`h${level}`);
  const controller = config?.controller;
  const controllerName = controller && textPart(controller.name, languages);
  const gap = gapIn(languages.shown);
  const contact = controller?.contact;
  return html`<header class="header" part="header">
    ${staticHtml`<${heading} id="heading" class="center-heading" tabindex="-1">${msg('Privacy choices')}</${heading}>`}
    ${
      config
        ? html`<p class="intro">
              ${
                controllerName
                  ? spliced(
                      msg(str`Choose how ${SLOT} may use your data.`),
                      partNode(controllerName),
                    )
                  : msg('Choose how this site may use your data.')
              }${gap}${msg('Turning a choice off is as easy as turning it on, and you can change your mind at any time.')}
            </p>
            ${
              config.policyUrl || contact
                ? html`<ul class="links">
                    ${
                      config.policyUrl
                        ? html`<li><a href=${config.policyUrl}>${msg('Privacy policy')}</a></li>`
                        : nothing
                    }
                    ${contact ? html`<li>${msg('Questions:')}${gap}${renderContact(contact)}</li>` : nothing}
                  </ul>`
                : nothing
            }`
        : nothing
    }
  </header>`;
}

/** The purposes in the list's order: where the customer may opt out, every sale or sharing first. */
function listed(config: PrivacyConfig, isOptOut: boolean) {
  if (!isOptOut) return config.purposes;
  return [
    ...config.purposes.filter((purpose) => purpose.saleOrSharing),
    ...config.purposes.filter((purpose) => !purpose.saleOrSharing),
  ];
}

function renderChoices(
  port: ViewPort,
  state: ViewState,
  config: PrivacyConfig,
  languages: Languages,
  retry: () => void,
  level: number,
) {
  const {choices} = state;
  const locale = languages.shown;
  const text = (value: LocalizedText) => textPart(value, languages);
  const titleOf = (id: string) =>
    text(config.purposes.find((purpose) => purpose.id === id)?.title ?? id);
  const optional = config.purposes.filter((purpose) => !purpose.required);
  const newIds = new Set(state.policyChange?.newPurposeIds);
  const deniedIds = config.purposes
    .map((purpose) => purpose.id)
    .filter((id) => choices[id] === 'denied');
  const stillRunning = state.alreadyRunning(deniedIds);
  const isOptOut = state.rule.model === 'opt-out';
  const surface = state.mode === 'inline' ? 'inline' : 'dialog';
  return html`
    ${renderNotices({
      gpcTitles: state.hasGpcSignal
        ? config.purposes.filter(isGpcCovered).map((purpose) => text(purpose.title))
        : [],
      policyChange: policyChangeNotice(config, state.policyChange, languages),
      policyUrl: config.policyUrl,
      locale,
    })}
    <div class="actions" part="actions">
      <button type="button" class="action" part="action" @click=${() => port.acceptAll(surface)}>
        ${msg('Accept all')}
      </button>
      <button type="button" class="action" part="action" @click=${() => port.rejectAll(surface)}>
        ${msg('Reject all')}
      </button>
    </div>
    ${
      optional.length > 0
        ? html`<p class="meta" part="summary">
            ${optionalSummary(
              optional.filter((purpose) => (choices[purpose.id] ?? purpose.default) === 'granted')
                .length,
              optional.length,
              locale,
            )}
          </p>`
        : nothing
    }
    <ul class="purposes" part="purposes" aria-label=${msg('How we use your data')}>
      ${listed(config, isOptOut).map((purpose) =>
        renderPurposeRow({
          purpose,
          choice: choices[purpose.id] ?? purpose.default,
          languages,
          isNew: newIds.has(purpose.id),
          isOptOutHonored:
            isOptOut &&
            state.hasGpcSignal &&
            isGpcCovered(purpose) &&
            choices[purpose.id] === 'denied',
          activity: state.activityOf(purpose.id),
          titleLevel: Math.min(level + 1, 6),
          onToggle: () => port.toggle(purpose.id, surface),
        }),
      )}
    </ul>
    ${renderStatusLine({
      status: state.status,
      locale,
      onRetry: retry,
      onDownload: () => void download(port, config, languages.requested),
      // Switched off, but their scripts already ran here: that cannot be undone.
      stillRunningTitles: stillRunning.map(titleOf),
      // …except by leaving the page, which a purpose may offer.
      onReload: config.purposes.some(
        (purpose) => purpose.onWithdraw === 'reload' && stillRunning.includes(purpose.id),
      )
        ? () => location.reload()
        : undefined,
    })}
  `;
}

/** Saves the customer's receipt of their choices as a JSON file. */
async function download(port: ViewPort, config: PrivacyConfig, locale: string): Promise<void> {
  const facts = await port.receiptFacts();
  if (!facts) return;
  const issuedAt = new Date().toISOString();
  const receipt = buildConsentReceipt({...facts, config, locale, issuedAt});
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(receipt, null, 2)], {type: 'application/json'}),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = `privacy-choices-${issuedAt.slice(0, 10)}.json`;
  link.hidden = true;
  // Clicked inside the center, so the page (or a test) can see the download it starts.
  port.root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function renderContact(contact: string) {
  if (/^(https?:|mailto:)/i.test(contact))
    return html`<a href=${contact}>${contact.replace(/^mailto:/i, '')}</a>`;
  if (/^[^\s@]+@[^\s@]+$/.test(contact)) return html`<a href=${`mailto:${contact}`}>${contact}</a>`;
  return contact;
}
