/**
 * Off means off, end to end, in Chromium and in Firefox: the demo shop as `www.shop.test`, its
 * analytics vendor on `collect.vendor.test` and its video provider on `video.vendor.test` (the
 * browser finds these names on this machine), the built bundle and the real endpoint. A
 * customer accepts all, then rejects all from the footer's "Privacy choices": the vendor's
 * cookies (on the shop's parent domain) and storage keys are gone, what it still tries to send
 * is not sent, the vendors' own consent APIs heard the revocation, and "On this page" says
 * exactly what happened — words matching actions.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Page} from 'puppeteer-core';
import {startDemo, type Demo, type Engine} from './demo-server.js';

interface VendorHit {
  readonly host: string;
  readonly path: string;
}

for (const engine of ['chromium', 'firefox'] as const satisfies readonly Engine[]) {
  describe(`off means off, end to end (${engine})`, () => {
    let demo: Demo;
    let shop: string;
    let page: Page;
    const problems: string[] = [];

    before(async () => {
      demo = await startDemo(engine);
      shop = `http://www.shop.test:${new URL(demo.origin).port}`;
      page = await (await demo.browser.createBrowserContext()).newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
    });

    after(() => demo?.stop());

    /** What the vendors received so far (host and path), as their servers saw it. */
    const vendorHits = async (): Promise<VendorHit[]> =>
      (await fetch(`${demo.origin}/vendor-log.json`)).json() as Promise<VendorHit[]>;

    /** Clicks the center's button with this text (in the banner or the dialog). */
    const press = (name: string) =>
      page.evaluate((wanted: string) => {
        const root = document.querySelector('privacy-preferences')!.shadowRoot!;
        const button = [...root.querySelectorAll<HTMLButtonElement>('button')].find(
          (candidate) => candidate.textContent!.trim() === wanted && candidate.checkVisibility(),
        );
        if (!button) throw new Error(`no visible button "${wanted}"`);
        button.click();
      }, name);

    const changes = () =>
      page.evaluate(() =>
        ((window as unknown as {changes?: unknown[]}).changes ?? []).map((detail) => detail),
      );

    const activity = () =>
      page.evaluate(
        () =>
          (document.querySelector('privacy-preferences') as unknown as {activity: unknown})
            .activity,
      );

    /** "On this page" under a purpose, as it reads. */
    const onThisPage = (purposeId: string) =>
      page.evaluate(
        (id: string) =>
          document
            .querySelector('privacy-preferences')!
            .shadowRoot!.querySelector(`[data-purpose="${id}"] [part="activity"]`)
            ?.textContent?.replace(/\s+/g, ' ')
            .trim(),
        purposeId,
      );

    it('after "Reject all" following "Accept all": cleaned, held back, told, and said', async () => {
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('consent-change', (event) => {
          const log = ((window as unknown as {changes?: unknown[]}).changes ??= []);
          log.push((event as CustomEvent).detail);
        });
      });
      await page.goto(`${shop}/products/tent.html`);
      await page.waitForFunction(() =>
        document.querySelector('privacy-preferences')?.shadowRoot?.querySelector('[part="banner"]'),
      );

      // The video waits behind its placeholder, which names the provider by its host.
      const video = () =>
        page.evaluate(() => {
          const frame = document.querySelector<HTMLIFrameElement>('#product-video iframe')!;
          const before = frame.previousElementSibling;
          const placeholder =
            before?.localName === 'privacy-preferences-embed'
              ? before.shadowRoot!.querySelector('[role="group"]')
              : null;
          return {
            src: frame.getAttribute('src'),
            placeholder:
              placeholder?.getAttribute('aria-label') ?? placeholder?.textContent ?? null,
          };
        });
      await page.waitForFunction(
        () => document.querySelector('#product-video iframe')?.previousElementSibling?.shadowRoot,
      );
      const waiting = await video();
      assert.equal(waiting.src, null);
      assert.match(waiting.placeholder!, /Trailcast Video Ltd\./);

      await press('Accept all');
      await page.waitForFunction(() => 'exampleAnalytics' in window);
      // The vendor's tag ran: its cookies for the whole shop.test domain, its queue, its beacon.
      await page.waitForFunction(() => document.cookie.includes('_pa_ses_1='));
      const parentCookies = (await page.cookies()).filter(({name}) => name.startsWith('_pa_'));
      assert.deepEqual(
        parentCookies.map(({name, domain}) => [name, domain.replace(/^\./, '')]).sort(),
        [
          ['_pa_id', 'shop.test'],
          ['_pa_ses_1', 'shop.test'],
        ],
      );
      assert.equal(await page.evaluate(() => localStorage.getItem('pa_queue')), '[]');
      // The video loaded from its provider.
      await page.waitForFunction(
        () => document.querySelector('#product-video iframe')?.getAttribute('src') !== null,
      );
      assert.deepEqual(await video(), {
        src: `http://video.vendor.test:${new URL(shop).port}/embed/skarvik-2`,
        placeholder: null,
      });

      // "Privacy choices" in the footer opens the center; "Reject all" there.
      await page.click('footer a[data-privacy-preferences-open]');
      await page.waitForFunction(() =>
        document.querySelector('privacy-preferences')?.shadowRoot?.querySelector('dialog[open]'),
      );
      await press('Reject all');
      await page.waitForFunction(
        () => ((window as unknown as {changes?: unknown[]}).changes ?? []).length === 2,
      );
      const [, rejected] = (await changes()) as {method: string; revoked: string[]}[];
      assert.equal(rejected!.method, 'reject-all');
      assert.deepEqual(rejected!.revoked.sort(), [
        'ads',
        'analytics',
        'media',
        'newsletter-offers',
        'preferences',
        'recommendations',
      ]);

      // Cleaned: the vendor's cookies, on the parent domain too, and its key.
      await page.waitForFunction(() => !document.cookie.includes('_pa_'));
      assert.deepEqual(
        (await page.cookies()).filter(({name}) => name.startsWith('_pa_')),
        [],
      );
      assert.equal(await page.evaluate(() => localStorage.getItem('pa_queue')), null);
      // The video unloaded; its placeholder is back.
      await page.waitForFunction(
        () => document.querySelector('#product-video iframe')?.previousElementSibling?.shadowRoot,
      );
      assert.notEqual(
        (await video()).src,
        `http://video.vendor.test:${new URL(shop).port}/embed/skarvik-2`,
      );

      // Told: each vendor's own consent API heard the grant, then the revocation.
      const calls = (await page.evaluate(
        () => (window as unknown as {demoVendorCalls: unknown[][]}).demoVendorCalls,
      )) as unknown[][];
      assert.deepEqual(calls.slice(-4), [
        ['uetq', 'consent', 'update', {ad_storage: 'denied'}],
        ['clarity', 'consentv2', {ad_Storage: 'denied', analytics_Storage: 'denied'}],
        ['fbq', 'consent', 'revoke'],
        ['ttq', 'revokeConsent'],
      ]);

      // Held back: the tag cannot be unloaded and keeps sending; nothing of it leaves.
      const before = (await vendorHits()).length;
      const attempts = await page.evaluate(async () => {
        const collect = `http://collect.vendor.test:${location.port}/collect?e=late`;
        const beacon = navigator.sendBeacon(collect, '');
        const fetched = await fetch(collect, {method: 'POST'}).then(
          () => 'sent',
          (error: Error) => error.name,
        );
        (window as unknown as {exampleAnalytics: {track(e: string): void}}).exampleAnalytics.track(
          'after_reject',
        );
        document.getElementById('add-to-basket')!.click(); // its conversion pixel
        // A request the backstop lets go, after them: the shop's own.
        await fetch('/demo/demo.css');
        return {beacon, fetched};
      });
      assert.deepEqual(attempts, {beacon: false, fetched: 'TypeError'});
      assert.deepEqual((await vendorHits()).slice(before), []);

      // Said: exactly this, in `activity` and under each purpose.
      const seen = (await activity()) as Record<
        string,
        {ran: string[]; blocked: string[]; removed: string[]}
      >;
      assert.deepEqual(
        {...seen.analytics, removed: [...seen.analytics!.removed].sort()},
        {
          ran: ['www.shop.test'],
          blocked: ['collect.vendor.test'],
          removed: ['_pa_id', '_pa_ses_1', 'pa_queue'],
        },
      );
      assert.deepEqual(seen.media, {ran: ['video.vendor.test'], blocked: [], removed: []});
      assert.equal(await onThisPage('media'), 'On this page Ran from: video.vendor.test.');
      // The browser lists cookies in an order of its own: either is the same words.
      const said =
        'On this page Ran from: www.shop.test. 5 requests held back while it was off, to: collect.vendor.test. Removed because it is off:';
      assert.ok(
        [
          `${said} _pa_id, _pa_ses_1, and pa_queue.`,
          `${said} _pa_ses_1, _pa_id, and pa_queue.`,
        ].includes((await onThisPage('analytics'))!),
        await onThisPage('analytics'),
      );
      assert.deepEqual(problems, []);
    });
  });
}
