/**
 * The banner the server wrote into the page (`renderBanner`, CONTRACT §9): the element takes it
 * over as it is — the same nodes, where they were, not announced a second time — and its buttons
 * then work. It goes at once for a customer who has decided, and a banner that says something
 * else than the element would (another language) is replaced in place, without an announcement.
 * The markup comes from `renderBanner` itself, run in Node by the test server.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import type {PrivacyPreferences} from '../../src/index.js';
import {DECISION_KEY} from '../../src/browser/storage.js';
import {DECIDED_COOKIE} from '../../src/core/decided-cookie.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  buttonNamed,
  failOnWarnings,
  forgetEverything,
  nextEvent,
  sendGpcSignal,
  shadow,
} from '../support/center.js';

interface RenderOptions {
  readonly locale?: string;
  readonly cookie?: string;
  readonly headingLevel?: number;
  readonly gpc?: boolean;
}

const renderBanner = (options: RenderOptions = {}) =>
  executeServerCommand<string, {config: unknown; options: RenderOptions}>('render-banner', {
    config: shopConfig,
    options,
  }) as Promise<string>;

const containers: HTMLElement[] = [];

/**
 * The page as the server sent it: the element with the server's markup inside, parsed as HTML
 * (declarative shadow root) and upgraded as it is inserted.
 */
function servePage(
  served: string,
  attributes = 'mode="banner" locale="en"',
  hasConfig = true,
): PrivacyPreferences {
  const container = document.createElement('div');
  containers.push(container);
  document.body.append(container);
  const config = JSON.stringify(shopConfig).replace(/</g, '\\u003c');
  const inline = hasConfig ? `<script type="application/json">${config}</script>` : '';
  container.setHTMLUnsafe(
    `<privacy-preferences ${attributes}>${inline}${served}</privacy-preferences>`,
  );
  // Firefox upgrades elements made this way a moment later; the HTML parser of a page, at once.
  customElements.upgrade(container);
  return container.querySelector('privacy-preferences')!;
}

const bannerOf = (el: PrivacyPreferences) =>
  shadow(el).querySelector<HTMLElement>('section.banner');
const liveOf = (el: PrivacyPreferences) => shadow(el).querySelector<HTMLElement>('[aria-live]');
const twoFrames = async () => {
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
};

describe('a banner rendered on the server', () => {
  failOnWarnings();
  beforeEach(forgetEverything);
  afterEach(() => {
    for (const container of containers.splice(0)) container.remove();
  });

  it('is painted before the element runs, then taken over: the same nodes, in place, not announced again; its buttons work', async () => {
    const served = await renderBanner({locale: 'en'});
    const el = servePage(served);
    // Before any of the element's work: the server's banner is in the page, with its styles.
    const banner = bannerOf(el)!;
    const live = liveOf(el)!;
    expect(banner !== null, 'the server’s banner is there').to.equal(true);
    expect(shadow(el).querySelectorAll('style').length).to.equal(1);
    const before = banner.getBoundingClientRect().toJSON() as DOMRect;
    expect(before.height).to.be.greaterThan(0);
    expect(before.bottom).to.equal(window.innerHeight);

    await el.updateComplete;
    await twoFrames();
    expect(bannerOf(el) === banner, 'the same banner').to.equal(true);
    expect(liveOf(el) === live, 'the same live region').to.equal(true);
    expect(live.textContent).to.equal('');
    expect(banner.getBoundingClientRect().toJSON()).to.deep.equal(before);
    // Its styles are the element's own now, once.
    expect(shadow(el).querySelectorAll('style').length).to.equal(0);
    expect(shadow(el).adoptedStyleSheets.length).to.equal(2);
    expect(shadow(el).querySelectorAll('section.banner').length).to.equal(1);
    await expect(el).to.be.accessible();

    const changed = nextEvent('consent-change');
    buttonNamed(el, 'Accept all').click();
    expect((await changed).detail.method).to.equal('accept-all');
    await el.updateComplete;
    expect(bannerOf(el) === null, 'no banner').to.equal(true);
    await waitUntil(() => live.textContent !== '', 'the decision was never announced');
    expect(live.textContent).to.equal('All accepted. You can change your choices at any time.');
    // The server now knows: the next page gets no banner.
    expect(document.cookie).to.include(`${DECIDED_COOKIE}=2026-11-01`);
    expect(await renderBanner({locale: 'en', cookie: document.cookie})).to.equal('');
  });

  it('with Global Privacy Control (Sec-GPC: 1): says what the signal turned off, as the element does, and is taken over', async () => {
    const stop = sendGpcSignal();
    try {
      const served = await renderBanner({locale: 'en', gpc: true});
      const el = servePage(served);
      const banner = bannerOf(el)!;
      expect(
        banner.querySelector('[part~="gpc-notice"]')!.textContent!.replace(/\s+/g, ' ').trim(),
      ).to.equal(
        'Your browser sent a Global Privacy Control signal, so we switched these off: Ads on other websites. You can switch them back on at any time.',
      );
      await el.updateComplete;
      await twoFrames();
      expect(bannerOf(el) === banner, 'the same banner').to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      stop();
    }
  });

  it('is not painted while the browser has parsed only part of it (no shift when the rest arrives)', async () => {
    const served = await renderBanner({locale: 'en'});
    const visibility = (markup: string) => {
      const el = servePage(markup);
      const shown = getComputedStyle(bannerOf(el)!).visibility;
      el.parentElement!.remove();
      return shown;
    };
    // Cut where a slow parser may yield: before the buttons, and before the last of them.
    expect(visibility(served.slice(0, served.indexOf('<div class="actions"')))).to.equal('hidden');
    expect(
      visibility(served.slice(0, served.indexOf('<button type="button" class="secondary"'))),
    ).to.equal('hidden');
    expect(visibility(served)).to.equal('visible');
  });

  it('stays while the configuration is still on its way, whatever renders meanwhile', async () => {
    // No configuration yet (an app sets it a moment later): the interface loads meanwhile.
    const el = servePage(await renderBanner({locale: 'en'}), 'mode="banner" locale="en"', false);
    const banner = bannerOf(el);
    await el.updateComplete;
    el.locale = 'en-GB';
    await el.updateComplete;
    expect(bannerOf(el) === banner, 'the same banner').to.equal(true);
    el.config = shopConfig;
    await nextEvent('consent-ready');
    await el.updateComplete;
    expect(bannerOf(el) === banner, 'the same banner').to.equal(true);
    expect(liveOf(el)!.textContent).to.equal('');
  });

  it('"Choose what to allow" opens the full center from the server\'s banner', async () => {
    const el = servePage(await renderBanner({locale: 'en'}));
    await el.updateComplete;
    buttonNamed(el, 'Choose what to allow').click();
    await el.updateComplete;
    await waitUntil(() => shadow(el).querySelector('dialog[open]'), 'the dialog never opened');
    await expect(el).to.be.accessible();
  });

  it('goes at once for a customer who decided in this browser, and the cookie is written for the next page', async () => {
    const decided = {
      subject: 'subject-1',
      policyVersion: shopConfig.policyVersion,
      choices: {
        essential: 'granted',
        analytics: 'denied',
        personalization: 'denied',
        ads: 'denied',
      },
      decidedAt: '2026-12-01T10:00:00.000Z',
      gpc: false,
    };
    localStorage.setItem(DECISION_KEY, JSON.stringify(decided));
    localStorage.setItem('privacy-preferences:subject', 'subject-1');
    const el = servePage(await renderBanner({locale: 'en'}));
    expect(bannerOf(el) !== null, 'the server’s banner is there').to.equal(true);
    await nextEvent('consent-ready');
    await el.updateComplete;
    expect(shadow(el).childElementCount).to.equal(0);
    expect(document.cookie).to.include(`${DECIDED_COOKIE}=2026-11-01`);
  });

  it('in another language than the element speaks: replaced where it stands, and not announced', async () => {
    const el = servePage(await renderBanner({locale: 'de'}));
    expect(bannerOf(el)!.lang).to.equal('de');
    const served = bannerOf(el);
    served!.querySelector('button')!.focus();
    await el.updateComplete;
    await twoFrames();
    const banner = bannerOf(el)!;
    expect(banner !== served, 'a new banner').to.equal(true);
    expect(banner.lang).to.equal('en');
    expect(shadow(el).querySelectorAll('section.banner').length).to.equal(1);
    expect(liveOf(el)!.textContent).to.equal('');
    // Focus stays on the same control of the new banner.
    expect(shadow(el).activeElement?.textContent).to.equal('Accept all');
    await expect(el).to.be.accessible();
  });

  it('in an element that shows no banner (inline): removed, the center shown instead', async () => {
    const el = servePage(await renderBanner({locale: 'en'}), 'locale="en"');
    await nextEvent('consent-ready');
    await el.updateComplete;
    expect(bannerOf(el) === null, 'no banner').to.equal(true);
    expect(shadow(el).querySelectorAll('[part="base"]').length).to.equal(1);
  });
});
