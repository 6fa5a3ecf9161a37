/**
 * Off means off, in the page: what a purpose's tags left in the browser (its `cookies` and
 * `storage` in the configuration) is removed on every load while it is off, and when the
 * customer turns it off.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import type {PrivacyConfig} from '../../src/core/config.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  buttonNamed,
  failOnWarnings,
  forgetEverything,
  renderCenter,
  shadow,
  switchNamed,
} from '../support/center.js';

const config: PrivacyConfig = {
  ...shopConfig,
  purposes: shopConfig.purposes.map((purpose) =>
    purpose.id === 'analytics'
      ? {...purpose, cookies: ['_ga', '_ga_*'], storage: ['amplitude_*']}
      : purpose,
  ),
};

const hasCookie = (name: string) =>
  document.cookie.split(';').some((cookie) => cookie.trim().startsWith(`${name}=`));

/** What the analytics tag writes when it runs. */
function analyticsTagRan(): void {
  document.cookie = '_ga=GA1.1.1; path=/';
  document.cookie = '_ga_X1=GS1.1; path=/';
  localStorage.setItem('amplitude_id', '1');
}

describe('<privacy-preferences>: turning a purpose off removes what its tags left', () => {
  failOnWarnings();
  beforeEach(() => forgetEverything());
  afterEach(() => {
    for (const name of ['_ga', '_ga_X1', 'theme']) document.cookie = `${name}=; max-age=0; path=/`;
  });

  it('on a load while it is off: its cookies and keys go, the rest stays', async () => {
    analyticsTagRan();
    document.cookie = 'theme=dark; path=/';
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${config}></privacy-preferences>`,
    );
    expect(el.getChoice('analytics')).to.equal('denied');
    await waitUntil(() => !hasCookie('_ga') && !hasCookie('_ga_X1'), 'its cookies stayed');
    expect(localStorage.getItem('amplitude_id')).to.equal(null);
    expect(hasCookie('theme')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('when the customer turns it off; not while it is on', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${config}></privacy-preferences>`,
    );
    switchNamed(el, 'Usage analytics').click();
    await el.updateComplete;
    expect(el.getChoice('analytics')).to.equal('granted');
    analyticsTagRan();
    switchNamed(el, 'Personal recommendations').click(); // another change: analytics stays on
    await el.updateComplete;
    expect([hasCookie('_ga'), localStorage.getItem('amplitude_id')]).to.deep.equal([true, '1']);

    switchNamed(el, 'Usage analytics').click();
    await waitUntil(() => !hasCookie('_ga') && !hasCookie('_ga_X1'), 'its cookies stayed');
    expect(localStorage.getItem('amplitude_id')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  describe('what cannot be stopped is said, and can be finished', () => {
    /** A page whose analytics tag runs once granted; `onWithdraw` as given. */
    async function pageWithTag(onWithdraw: 'reload' | undefined) {
      const withTag: PrivacyConfig = {
        ...config,
        purposes: config.purposes.map((purpose) =>
          purpose.id === 'analytics' ? {...purpose, ...(onWithdraw && {onWithdraw})} : purpose,
        ),
      };
      const {el} = await renderCenter(
        html`<div>
          <script type="text/plain" data-purpose="analytics">
            window.analyticsRuns = (window.analyticsRuns ?? 0) + 1;
          </script>
          <privacy-preferences .config=${withTag}></privacy-preferences>
        </div>`,
      );
      switchNamed(el, 'Usage analytics').click();
      await waitUntil(
        () => (window as {analyticsRuns?: number}).analyticsRuns === 1,
        'the tag never ran',
      );
      switchNamed(el, 'Usage analytics').click();
      await el.updateComplete;
      return el;
    }
    afterEach(() => delete (window as {analyticsRuns?: number}).analyticsRuns);

    it('"onWithdraw": "reload" offers to reload the page once its tag ran and it is off', async () => {
      const el = await pageWithTag('reload');
      expect(
        shadow(el)
          .querySelector('[part="still-running"]')
          ?.textContent?.replace(/\s+/g, ' ')
          .trim(),
      ).to.equal(
        'Turned off: Usage analytics. Anything already running on this page stops when you leave or reload it.',
      );
      const reload = buttonNamed(el, 'Reload page');
      expect(reload.getAttribute('part')).to.equal('reload');
      await expect(el).to.be.accessible();
      // Turned on again: nothing to finish, no button.
      switchNamed(el, 'Usage analytics').click();
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="reload"]')).to.equal(null);
    });

    it('without it, the status says what keeps running, and offers no reload', async () => {
      const el = await pageWithTag(undefined);
      expect(shadow(el).querySelector('[part="still-running"]')).to.not.equal(null);
      expect(shadow(el).querySelector('[part="reload"]')).to.equal(null);
    });
  });

  describe('vendors are told, both ways', () => {
    const vendorConfig: PrivacyConfig = {
      ...shopConfig,
      purposes: shopConfig.purposes.map((purpose) =>
        purpose.id === 'ads' ? {...purpose, integrations: ['meta-pixel', 'tiktok-pixel']} : purpose,
      ),
    };
    type Vendors = Pick<Window, 'uetq' | 'clarity' | 'fbq' | 'ttq'>;
    let heard: unknown[][] = [];
    beforeEach(() => {
      heard = [];
      const page = window as Vendors;
      page.uetq = {push: (...args: unknown[]) => void heard.push(['uetq', ...args])};
      page.clarity = (...args: unknown[]) => void heard.push(['clarity', ...args]);
      page.fbq = (...args: unknown[]) => void heard.push(['fbq', ...args]);
      page.ttq = {
        grantConsent: () => void heard.push(['ttq', 'grant']),
        revokeConsent: () => void heard.push(['ttq', 'revoke']),
      };
    });
    afterEach(() => {
      for (const name of ['uetq', 'clarity', 'fbq', 'ttq'] as const)
        delete (window as Vendors)[name];
    });

    it('UET and Clarity follow the Consent Mode keys; the pixels follow the purpose naming them', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${vendorConfig}></privacy-preferences>`,
      );
      const denied = [
        ['uetq', 'consent', 'update', {ad_storage: 'denied'}],
        ['clarity', 'consentv2', {ad_Storage: 'denied', analytics_Storage: 'denied'}],
        ['fbq', 'consent', 'revoke'],
        ['ttq', 'revoke'],
      ];
      expect(heard, 'on ready').to.deep.equal(denied);

      heard = [];
      el.acceptAll();
      await el.updateComplete;
      expect(heard).to.deep.equal([
        ['uetq', 'consent', 'update', {ad_storage: 'granted'}],
        ['clarity', 'consentv2', {ad_Storage: 'granted', analytics_Storage: 'granted'}],
        ['fbq', 'consent', 'grant'],
        ['ttq', 'grant'],
      ]);

      heard = [];
      el.rejectAll();
      await el.updateComplete;
      expect(heard).to.deep.equal(denied);
    });
  });
});
