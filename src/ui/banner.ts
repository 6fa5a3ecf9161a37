import {html, nothing, type TemplateResult} from 'lit/html.js';
import {msg, str} from '@lit/localize';
import {renderNotices} from './notices.js';

export interface BannerOptions {
  /** The language of the configuration's text, and its direction. */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly controllerName: string | undefined;
  readonly policyUrl: string | undefined;
  /** The policy changed since the customer's last decision: the purposes that are new. */
  readonly policyChange: {readonly newTitles: readonly string[]} | undefined;
  readonly onAcceptAll: () => void;
  readonly onRejectAll: () => void;
  readonly onChoose: () => void;
}

/**
 * The first layer (`mode="banner"`): what is asked and why in one sentence, the policy, and
 * "Accept all", "Reject all" and "Choose what to allow" — the first two of equal weight. It sits
 * at the edge of the page and blocks nothing; it is a landmark keyboard and screen reader users
 * can reach, and never traps focus.
 */
export function renderBanner(options: BannerOptions): TemplateResult {
  const {controllerName, policyUrl, policyChange} = options;
  return html`<section
    class="banner"
    part="banner"
    lang=${options.lang}
    dir=${options.dir}
    aria-labelledby="banner-heading"
  >
    <h2 id="banner-heading" class="banner-heading">${msg('Your privacy choices')}</h2>
    <p class="intro">
      ${
        controllerName
          ? msg(
              str`${controllerName} would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.`,
            )
          : msg(
              'This site would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.',
            )
      }
      ${policyUrl ? html`<a href=${policyUrl}>${msg('Privacy policy')}</a>` : nothing}
    </p>
    ${renderNotices({gpcTitles: [], policyChange, policyUrl})}
    <div class="actions" part="actions">
      <button type="button" class="action" part="action" @click=${options.onAcceptAll}>
        ${msg('Accept all')}
      </button>
      <button type="button" class="action" part="action" @click=${options.onRejectAll}>
        ${msg('Reject all')}
      </button>
      <button type="button" class="secondary" part="choose" @click=${options.onChoose}>
        ${msg('Choose what to allow')}
      </button>
    </div>
  </section>`;
}
