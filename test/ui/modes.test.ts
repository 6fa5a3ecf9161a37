/**
 * The center everywhere on a site: `mode="modal"` (a dialog behind a link or `open()`),
 * `mode="banner"` (the first-visit layer) and the "Privacy choices" links that reopen it — as a
 * keyboard and screen reader user meets them.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {PrivacyPreferences} from '../../src/index.js';
import {DECISION_KEY} from '../../src/browser/storage.js';
import {SUBJECT_KEY} from '../../src/browser/subject.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  buttonNamed,
  captureErrors,
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  shadow,
  switchNamed,
  switches,
} from '../support/center.js';

function dialogOf(el: PrivacyPreferences): HTMLDialogElement {
  const dialog = shadow(el).querySelector('dialog');
  if (!dialog) throw new Error('no dialog');
  return dialog;
}

function bannerOf(el: PrivacyPreferences): HTMLElement | null {
  return shadow(el).querySelector('[part="banner"]');
}

/** The name a screen reader gives the dialog (from aria-labelledby). */
function dialogName(el: PrivacyPreferences): string {
  const id = dialogOf(el).getAttribute('aria-labelledby')!;
  return shadow(el).getElementById(id)!.textContent!.trim();
}

/** The interface modules this page (this test file) has loaded so far. */
function loadedInterfaceModules(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => /\/ui\/(banner-view|center-view)\./.exec(entry.name)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** The focused element, through shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<privacy-preferences> as a dialog, a banner, and behind "Privacy choices" links', () => {
  failOnWarnings();
  const errors = captureErrors();
  beforeEach(() => forgetEverything());
  afterEach(() => {
    document.documentElement.style.overflow = '';
  });

  describe('mode="modal"', () => {
    async function modal() {
      return renderCenter(
        html`<div>
          <button id="opener">Privacy choices</button>
          <privacy-preferences mode="modal" .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
    }

    it('shows nothing until open(), and loads no interface; then a named modal dialog with a close button, focus inside', async () => {
      const {el} = await modal();
      expect(shadow(el).querySelector('*'), 'nothing rendered').to.equal(null);
      expect(loadedInterfaceModules()).to.deep.equal([]);

      document.querySelector<HTMLButtonElement>('#opener')!.focus();
      el.open();
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(true);
      expect(dialogOf(el).matches(':modal')).to.equal(true);
      expect(dialogName(el)).to.equal('Privacy choices');
      expect(shadow(el).querySelector('[part="close"]')!.getAttribute('aria-label')).to.equal(
        'Close',
      );
      expect(focused()?.id).to.equal('heading');
      expect(document.documentElement.style.overflow, 'the page behind does not scroll').to.equal(
        'hidden',
      );
      await expect(el).to.be.accessible();
    });

    it('opened before its configuration has arrived: the dialog grows as the list comes in, its top edge stays put (no layout shift)', async () => {
      const el = await fixture<PrivacyPreferences>(
        html`<privacy-preferences mode="modal"></privacy-preferences>`,
      );
      el.open();
      await waitUntil(() => shadow(el).querySelector('dialog')?.open === true, 'no dialog');
      const loading = dialogOf(el).getBoundingClientRect();
      const ready = nextEvent('consent-ready');
      el.config = shopConfig;
      await ready;
      await waitUntil(() => switches(el).length > 0, 'the list never came');
      await el.updateComplete;
      const full = dialogOf(el).getBoundingClientRect();
      expect(full.height).to.be.greaterThan(loading.height + 100);
      expect(full.top).to.equal(loading.top);
      await expect(el).to.be.accessible();
    });

    it('keeps Tab and Shift+Tab inside, closes on Escape and gives focus back', async function () {
      this.timeout(30_000);
      const {el} = await modal();
      const opener = document.querySelector<HTMLButtonElement>('#opener')!;
      opener.focus();
      el.open();
      await el.updateComplete;
      for (let press = 1; press <= 25; press++) {
        await sendKeys({press: 'Tab'});
        expect(dialogOf(el).contains(focused()), `after Tab ×${press}`).to.equal(true);
      }
      await sendKeys({down: 'Shift'});
      for (let press = 1; press <= 25; press++) {
        await sendKeys({press: 'Tab'});
        expect(dialogOf(el).contains(focused()), `after Shift+Tab ×${press}`).to.equal(true);
      }
      await sendKeys({up: 'Shift'});
      await sendKeys({press: 'Escape'});
      await waitUntil(() => !dialogOf(el).open, 'Escape did not close the dialog');
      expect(focused()).to.equal(opener);
      expect(document.documentElement.style.overflow).to.equal('');
    });

    it('closes with its close button and with close(), focus back each time', async () => {
      const {el} = await modal();
      const opener = document.querySelector<HTMLButtonElement>('#opener')!;
      opener.focus();
      el.open();
      await el.updateComplete;
      shadow(el).querySelector<HTMLButtonElement>('[part="close"]')!.click();
      expect(dialogOf(el).open).to.equal(false);
      expect(focused()).to.equal(opener);

      opener.focus();
      el.open();
      await el.updateComplete;
      el.close();
      expect(dialogOf(el).open).to.equal(false);
      expect(focused()).to.equal(opener);
    });

    it('open() before the configuration has loaded opens as soon as it can', async () => {
      const el = document.createElement('privacy-preferences');
      el.mode = 'modal';
      el.config = shopConfig;
      el.open();
      const ready = nextEvent('consent-ready');
      document.body.append(el);
      try {
        await ready;
        await el.updateComplete;
        expect(dialogOf(el).open).to.equal(true);
        expect(switchNamed(el, 'Usage analytics')).to.exist;
      } finally {
        el.remove();
      }
    });

    it('a decision in the dialog is recorded like one in the page', async () => {
      const {el} = await modal();
      el.open();
      await el.updateComplete;
      const change = nextEvent('consent-change');
      switchNamed(el, 'Usage analytics').click();
      expect((await change).detail).to.deep.include({changed: ['analytics'], method: 'toggle'});
    });
  });

  describe('"Privacy choices" links (data-privacy-preferences-open)', () => {
    it('a link added after the center opens the dialog, by click and by Enter, instead of navigating', async () => {
      const {el} = await renderCenter(
        html`<div>
          <privacy-preferences mode="modal" .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      const link = document.createElement('a');
      link.href = '#privacy-page';
      link.textContent = 'Privacy choices';
      link.setAttribute('data-privacy-preferences-open', '');
      el.parentElement!.append(link);

      link.click();
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(true);
      expect(location.hash).to.equal('');
      el.close();

      link.focus();
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(true);
      el.close();
      expect(focused()).to.equal(link);
    });

    it('scrolls to an inline center and focuses it, rather than opening a dialog too', async () => {
      const {el} = await renderCenter(
        html`<div>
          <privacy-preferences mode="modal" .config=${shopConfig}></privacy-preferences>
          <privacy-preferences .config=${shopConfig}></privacy-preferences>
          <button data-privacy-preferences-open>Privacy choices</button>
        </div>`,
      );
      const [dialogCenter, inline] = [
        ...el.parentElement!.querySelectorAll('privacy-preferences'),
      ] as PrivacyPreferences[];
      await inline.updateComplete;
      el.parentElement!.querySelector<HTMLButtonElement>('button')!.click();
      expect(shadow(dialogCenter).querySelector('dialog')).to.equal(null);
      expect(shadow(inline).activeElement?.id).to.equal('heading');
    });

    it('does nothing once the center has left the page', async () => {
      const {el} = await renderCenter(
        html`<div>
          <privacy-preferences mode="modal" .config=${shopConfig}></privacy-preferences>
          <a href="#elsewhere" data-privacy-preferences-open>Privacy choices</a>
        </div>`,
      );
      const link = el.parentElement!.querySelector('a')!;
      el.remove();
      const clicked = new MouseEvent('click', {bubbles: true, cancelable: true});
      link.dispatchEvent(clicked);
      expect(clicked.defaultPrevented, 'the link works as a plain link again').to.equal(false);
    });
  });

  describe('mode="banner"', () => {
    const banner = () =>
      renderCenter(
        html`<privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>`,
      );

    it('on a first visit: one sentence, the policy, and Accept all, Reject all, Choose what to allow', async () => {
      const {el} = await banner();
      const region = bannerOf(el)!;
      expect(region).to.exist;
      expect(
        shadow(el).getElementById(region.getAttribute('aria-labelledby')!)!.textContent!.trim(),
      ).to.equal('Your privacy choices');
      expect(region.querySelector('.intro')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'Example Shop would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes. Privacy policy',
      );
      expect(region.querySelector('a')!.getAttribute('href')).to.equal(
        'https://shop.example/privacy',
      );
      const names = [...region.querySelectorAll('button')].map((b) => b.textContent!.trim());
      expect(names).to.deep.equal(['Accept all', 'Reject all', 'Choose what to allow']);
      const [accept, reject] = region.querySelectorAll('button');
      expect(getComputedStyle(accept).cssText).to.equal(getComputedStyle(reject).cssText);
      expect(shadow(el).querySelector('dialog'), 'no wall: the page stays usable').to.equal(null);
      expect(
        shadow(el).querySelector('[aria-live="polite"]')!.textContent!.trim(),
        'announced once',
      ).to.equal('Your privacy choices');
      await expect(el).to.be.accessible();
    });

    it('in Arabic: translated and mirrored', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences
          mode="banner"
          locale="ar"
          .config=${shopConfig}
        ></privacy-preferences>`,
      );
      await waitUntil(
        () => bannerOf(el)?.querySelector('h2')?.textContent?.trim() !== 'Your privacy choices',
        'not translated',
      );
      const region = bannerOf(el)!;
      expect(region.getAttribute('dir')).to.equal('rtl');
      expect(region.getAttribute('lang')).to.equal('ar');
      expect(region.querySelector('h2')!.textContent!.trim()).to.equal('خيارات الخصوصية الخاصة بك');
      await expect(el).to.be.accessible();
    });

    it('the announcer is there in banner mode only, and says the arrival once, then lets it go', async function () {
      this.timeout(15_000);
      for (const mode of ['inline', 'modal'] as const) {
        const {el} = await renderCenter(
          html`<privacy-preferences mode=${mode} .config=${shopConfig}></privacy-preferences>`,
        );
        if (mode === 'modal') el.open();
        await el.updateComplete;
        const announcers = shadow(el).querySelectorAll('[aria-live]').length;
        expect(announcers, `no announcer in ${mode} mode`).to.equal(0);
        el.remove();
        await forgetEverything();
      }
      const {el} = await banner();
      const live = shadow(el).querySelector('[aria-live="polite"]')!;
      expect(live.textContent).to.equal('Your privacy choices');
      // Then empty again: reading on, a screen reader user meets the heading once, in the banner.
      await waitUntil(() => live.textContent === '', 'the announcement stayed', {timeout: 9000});
      expect(bannerOf(el)).to.exist;
    });

    for (const name of ['Accept all', 'Reject all'] as const) {
      it(`"${name}" is recorded and hides the banner, also on the next load`, async () => {
        const {el} = await banner();
        const change = nextEvent('consent-change');
        buttonNamed(el, name).click();
        if (name === 'Accept all') await change;
        await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
        // Recorded once the frame without the banner is painted.
        await waitUntil(() => localStorage.getItem(DECISION_KEY) !== null, 'never recorded');
        expect(JSON.parse(localStorage.getItem(DECISION_KEY)!).choices.analytics).to.equal(
          name === 'Accept all' ? 'granted' : 'denied',
        );
        // Confirmed to screen reader users, once the banner has gone.
        await waitUntil(
          () => shadow(el).querySelector('[aria-live="polite"]')!.textContent !== '',
          'the decision was not confirmed',
        );
        expect(shadow(el).querySelector('[aria-live="polite"]')!.textContent).to.equal(
          name === 'Accept all'
            ? 'All accepted. You can change your choices at any time.'
            : 'All rejected. You can change your choices at any time.',
        );
        el.remove();
        const next = await banner();
        expect(bannerOf(next.el)).to.equal(null);
      });
    }

    it('"Choose what to allow" opens the full center as a dialog, from the keyboard; a choice there hides the banner', async () => {
      const {el} = await banner();
      buttonNamed(el, 'Choose what to allow').focus();
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(true);
      expect(dialogName(el)).to.equal('Privacy choices');
      await expect(el).to.be.accessible();
      await sendKeys({press: 'Tab'});
      switchNamed(el, 'Usage analytics').focus();
      await sendKeys({press: ' '});
      await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
      // Applied once the frame showing it is painted.
      await waitUntil(() => el.getChoice('analytics') === 'granted', 'never applied');
      await sendKeys({press: 'Escape'});
      await waitUntil(() => !dialogOf(el).open, 'the dialog stayed open');
    });

    it('closing the dialog after the banner went gives focus to the next control after the element, here the "Privacy choices" link', async () => {
      const {el} = await renderCenter(
        html`<div>
          <privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>
          <a href="#account" id="footer-link" data-privacy-preferences-open>Privacy choices</a>
        </div>`,
      );
      await waitUntil(() => bannerOf(el) !== null, 'no banner');
      buttonNamed(el, 'Choose what to allow').focus();
      await sendKeys({press: 'Enter'});
      await waitUntil(() => shadow(el).querySelector('dialog')?.open === true, 'no dialog');
      const rejectAll = () =>
        [...dialogOf(el).querySelectorAll('button')].find(
          (button) => button.textContent?.trim() === 'Reject all',
        );
      await waitUntil(rejectAll, 'the center in the dialog never became ready');
      rejectAll()!.focus();
      await sendKeys({press: 'Enter'});
      await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
      await sendKeys({press: 'Escape'});
      await waitUntil(() => !dialogOf(el).open, 'the dialog stayed open');
      expect(focused()?.id, 'not lost to the start of the page').to.equal('footer-link');
    });

    it('shows again when the policy changed, saying which purposes are new', async () => {
      localStorage.setItem(SUBJECT_KEY, 'returning');
      localStorage.setItem(
        DECISION_KEY,
        JSON.stringify({
          subject: 'returning',
          policyVersion: '2026-01-01',
          choices: {essential: 'granted', analytics: 'granted'},
          decidedAt: '2026-01-02T10:00:00.000Z',
        }),
      );
      const {el} = await banner();
      const notice = bannerOf(el)!.querySelector('[part~="policy-notice"]')!;
      expect(notice.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'Our privacy policy has changed since you last made your choices. New since your last choice: Personal recommendations and Ads on other websites. New choices stay off until you turn them on. Read the updated policy',
      );
      await expect(el).to.be.accessible();
    });

    it('a decision in another center of the page (the account page) hides the banner', async () => {
      const {el} = await renderCenter(
        html`<div>
          <privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>
          <privacy-preferences .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      const inline = el.parentElement!.querySelectorAll('privacy-preferences')[1];
      await waitUntil(() => shadow(inline).querySelector('[part="actions"]'), 'not ready');
      expect(bannerOf(el)).to.exist;
      buttonNamed(inline, 'Reject all').click();
      await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
    });

    it('leaves the page its room while shown, and after a decision by keyboard gives focus back', async () => {
      const {el} = await renderCenter(
        html`<div>
          <button id="before">Before</button>
          <privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      await waitUntil(() => bannerOf(el) !== null, 'no banner');
      const height = Math.ceil(bannerOf(el)!.getBoundingClientRect().height);
      await waitUntil(
        () => document.documentElement.style.scrollPaddingBlockEnd === `${height}px`,
        'focused controls may hide under the banner',
      );
      expect(document.body.style.paddingBlockEnd, 'the end of the page can scroll clear').to.equal(
        `${height}px`,
      );

      document.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({press: 'Tab'}); // into the banner: its policy link
      await sendKeys({press: 'Tab'}); // "Accept all"
      await sendKeys({press: 'Tab'}); // "Reject all"
      expect(focused()?.textContent?.trim()).to.equal('Reject all');
      await sendKeys({press: 'Enter'});
      await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
      expect(focused()?.id, 'focus is back where it was').to.equal('before');
      expect(document.body.style.paddingBlockEnd).to.equal('');
      expect(document.documentElement.style.scrollPaddingBlockEnd).to.equal('');
    });

    it('two banner-mode centers on one page show one banner, and one decision hides it', async () => {
      const {el} = await renderCenter(
        html`<div>
          <privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>
          <privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      const [first, second] = el.parentElement!.querySelectorAll('privacy-preferences');
      await waitUntil(() => bannerOf(first) !== null, 'no banner');
      await second.updateComplete;
      expect(bannerOf(second) === null, 'the banner is shown once').to.equal(true);
      buttonNamed(first, 'Reject all').click();
      await waitUntil(() => bannerOf(first) === null, 'the banner stayed');
      await second.updateComplete;
      expect(bannerOf(second) === null).to.equal(true);
      expect(second.getChoice('analytics')).to.equal('denied');
    });

    it('with an invalid configuration shows the customer nothing, but tells the site', async () => {
      const error = nextEvent('consent-error');
      const {el} = await renderCenter(
        html`<privacy-preferences
          mode="banner"
          .config=${{...shopConfig, purposes: 'none'}}
        ></privacy-preferences>`,
        'consent-error',
      );
      expect((await error).detail.message).to.contain('purposes');
      expect(bannerOf(el)).to.equal(null);
      expect(shadow(el).querySelector('dialog')).to.equal(null);
      expect(el.getBoundingClientRect().height).to.equal(0);
      expect(errors.messages.join('\n')).to.contain('purposes');
    });
  });
});
