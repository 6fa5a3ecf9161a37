/**
 * One decision across a site's subdomains (`"cookieDomain"`), with two real host names, in
 * Chromium and in Firefox: the built bundle on a page served as `www.shop.test` and as
 * `account.shop.test` (each browser told to find them on this machine), and the same page under
 * the machine's own address, which is not within the domain.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, it} from 'node:test';
import type {Browser, Page} from 'puppeteer-core';
import {launchChromium, launchFirefox, type Engine} from './demo-server.js';

const config = {
  ...(JSON.parse(readFileSync('demo/purposes.json', 'utf8')) as Record<string, unknown>),
  cookieDomain: 'shop.test',
};

const page = `<!doctype html>
<html lang="en">
  <title>Fjordline Outdoor</title>
  <script type="module" src="/dist/privacy-preferences.js"></script>
  <privacy-preferences mode="banner"
    ><script type="application/json">${JSON.stringify(config).replace(/</g, '\\u003c')}</script></privacy-preferences
  >
</html>`;

for (const engine of ['chromium', 'firefox'] as const satisfies readonly Engine[])
  describe(`one decision across subdomains (cookieDomain), ${engine}`, () => {
    let server: http.Server;
    let port = 0;
    let browser: Browser;

    before(async () => {
      server = http.createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        if (path.startsWith('/dist/') && /^[\w./-]+\.js$/.test(path) && !path.includes('..')) {
          response.writeHead(200, {'Content-Type': 'text/javascript'});
          response.end(readFileSync(`.${path}`));
          return;
        }
        response.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'});
        response.end(page);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      browser = await (engine === 'firefox' ? launchFirefox() : launchChromium());
    });

    after(async () => {
      await browser?.close();
      server?.close();
    });

    /** Opens `host`'s page; its warnings; the banner once the element is ready. */
    async function visit(host: string): Promise<{tab: Page; warnings: string[]}> {
      const tab = await browser.newPage();
      const warnings: string[] = [];
      tab.on('console', (message) => {
        if (message.type() === 'warn') warnings.push(message.text());
      });
      await tab.evaluateOnNewDocument(() => {
        document.addEventListener(
          'consent-ready',
          () => ((window as {ready?: boolean}).ready = true),
        );
      });
      await tab.goto(`http://${host}:${port}/`);
      await tab.waitForFunction(() => (window as {ready?: boolean}).ready === true);
      await tab.evaluate(() => document.querySelector('privacy-preferences')!.updateComplete);
      return {tab, warnings};
    }

    const bannerShown = (tab: Page) =>
      tab.evaluate(
        () =>
          document
            .querySelector('privacy-preferences')!
            .shadowRoot!.querySelector('[part="banner"]') !== null,
      );
    const choices = (tab: Page) =>
      tab.evaluate(() => document.querySelector('privacy-preferences')!.choices);
    const subject = (tab: Page) =>
      tab.evaluate(() => localStorage.getItem('privacy-preferences:subject'));

    it('a decision on www. holds on account.: no banner, the same choices, one anonymous subject', async () => {
      const www = await visit('www.shop.test');
      assert.equal(await bannerShown(www.tab), true);
      await www.tab.waitForFunction(() =>
        [
          ...document.querySelector('privacy-preferences')!.shadowRoot!.querySelectorAll('button'),
        ].some((button) => button.textContent?.trim() === 'Reject all'),
      );
      await www.tab.evaluate(() =>
        [...document.querySelector('privacy-preferences')!.shadowRoot!.querySelectorAll('button')]
          .find((button) => button.textContent?.trim() === 'Reject all')!
          .click(),
      );
      await www.tab.waitForFunction(() => document.cookie.includes('privacy-preferences-shared='));
      await www.tab.waitForFunction(() =>
        decodeURIComponent(document.cookie).includes('"decision"'),
      );
      const decided = await choices(www.tab);

      const account = await visit('account.shop.test');
      assert.equal(await bannerShown(account.tab), false);
      assert.deepEqual(await choices(account.tab), decided);
      assert.equal(await subject(account.tab), await subject(www.tab));
      assert.deepEqual([...www.warnings, ...account.warnings], []);

      // Changed on account., it holds back on www. (a new page there).
      await account.tab.evaluate(() =>
        document.querySelector('privacy-preferences')!.setChoice('analytics', true),
      );
      await account.tab.waitForFunction(() =>
        decodeURIComponent(document.cookie).includes('"analytics":"granted"'),
      );
      const again = await visit('www.shop.test');
      assert.equal(
        await again.tab.evaluate(() =>
          document.querySelector('privacy-preferences')!.getChoice('analytics'),
        ),
        'granted',
      );
    });

    it('a page outside the domain keeps its own, and the site owner is told why', async () => {
      const outside = await visit('127.0.0.1');
      assert.equal(await bannerShown(outside.tab), true);
      assert.deepEqual(outside.warnings, [
        '<privacy-preferences>: cookieDomain "shop.test" is neither this page\'s domain (127.0.0.1) nor a parent of it: the decision stays on this host',
      ]);
    });
  });
