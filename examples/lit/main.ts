// An app that already bundles Lit, and @lit/localize for its own translations: the center
// uses the app's copies (one Lit on the page) and speaks English.
import {configureLocalization} from '@lit/localize';
import {html, LitElement} from 'lit';
import type {ConsentChangeEvent, PrivacyPreferences} from 'privacy-preferences';
import 'privacy-preferences/lit-external';
import {config} from '../shop-config.js';

// The app's own translations (none here): @lit/localize is now configured for the page.
configureLocalization({
  sourceLocale: 'en',
  targetLocales: [],
  loadLocale: () => Promise.reject(new Error('the example has no translations')),
});

class ShopApp extends LitElement {
  static override properties = {changes: {state: true}};
  declare changes: string[];

  constructor() {
    super();
    this.changes = [];
  }

  // Light DOM, so the page (and the test) finds the center as a site's own markup would.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    return html`
      <button
        type="button"
        @click=${() => this.querySelector<PrivacyPreferences>('privacy-preferences')?.open()}
      >
        Privacy choices
      </button>
      <privacy-preferences
        mode="modal"
        locale="en"
        .config=${config}
        @consent-change=${(event: ConsentChangeEvent) => {
          this.changes = [
            ...this.changes,
            `${event.detail.method} ${event.detail.changed.join(',')}`,
          ];
        }}
      ></privacy-preferences>
      <output id="changes">${this.changes.join('; ')}</output>
    `;
  }
}
customElements.define('shop-app', ShopApp);
