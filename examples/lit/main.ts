// An app that already bundles Lit: the center uses the app's copy (one Lit on the page).
import {html, LitElement} from 'lit';
import type {ConsentChangeEvent, PrivacyPreferences} from 'privacy-preferences';
import 'privacy-preferences/lit-external';
import {config} from '../shop-config.js';

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
