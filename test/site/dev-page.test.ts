/**
 * `npm run dev`: the development page (`index.html`) and the demo shop's pages served by Vite
 * from the sources, with the reference endpoint behind `/api/consent` (`vite.dev.config.ts`).
 * Chromium visits them as a developer would: a decision on the development page reaches the
 * endpoint, and the shop's pages, served from the same sources, know it.
 */
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import type {Browser, Page} from 'puppeteer-core';
import {createServer, type ViteDevServer} from 'vite';
import {launchChromium} from './demo-server.js';

describe('the development page (npm run dev)', () => {
  let server: ViteDevServer;
  let origin: string;
  let browser: Browser;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pp-dev-'));
    process.env.CONSENT_DB = path.join(dataDir, 'dev.db');
    server = await createServer({
      configFile: 'vite.dev.config.ts',
      logLevel: 'error',
      server: {port: 0, strictPort: false},
    });
    await server.listen();
    origin = `http://localhost:${(server.httpServer!.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    delete process.env.CONSENT_DB;
    rmSync(dataDir, {recursive: true, force: true});
  });

  /** Opens a page, recording the element's events and every failed request or page error. */
  async function visit(page: Page, url: string, problems: string[]): Promise<void> {
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    // A request cut short by the next navigation is no failure.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED')
        problems.push(`failed: ${request.url()}`);
    });
    page.on('response', (answer) => {
      if (answer.status() >= 400) problems.push(`${answer.status()}: ${answer.url()}`);
    });
    await page.evaluateOnNewDocument(() => {
      for (const type of ['consent-ready', 'consent-saved', 'consent-error'])
        document.addEventListener(type, (event) => {
          const log = ((window as unknown as {consentEvents?: unknown[]}).consentEvents ??= []);
          log.push({type, detail: (event as CustomEvent).detail});
        });
    });
    await page.goto(url);
  }

  function waitForEvent(page: Page, type: string): Promise<Record<string, unknown>> {
    return page
      .waitForFunction(
        (wanted: string) =>
          (
            (window as unknown as {consentEvents?: {type: string; detail: unknown}[]})
              .consentEvents ?? []
          ).find((event) => event.type === wanted)?.detail,
        {timeout: 20_000},
        type,
      )
      .then((handle) => handle.jsonValue() as Promise<Record<string, unknown>>);
  }

  it('serves the center from the sources, and a decision reaches the endpoint', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems: string[] = [];
    await visit(page, `${origin}/`, problems);
    assert.deepEqual(await waitForEvent(page, 'consent-ready'), {
      choices: {
        essential: 'granted',
        preferences: 'denied',
        analytics: 'denied',
        recommendations: 'denied',
        ads: 'denied',
        'newsletter-offers': 'denied',
        media: 'denied',
      },
      source: 'default',
    });
    // From the sources, not the built bundle: Vite serves the TypeScript entry.
    const scripts = await page.$$eval('script[type="module"]', (all) =>
      all.map((script) => script.getAttribute('src')),
    );
    assert.ok(scripts.includes('/src/privacy-preferences.ts'), scripts.join(', '));
    await page.waitForFunction(() =>
      [
        ...(document.querySelector('privacy-preferences')?.shadowRoot?.querySelectorAll('button') ??
          []),
      ].some((button) => button.textContent?.trim() === 'Reject all'),
    );
    await page.evaluate(() => {
      const buttons = document
        .querySelector('privacy-preferences')!
        .shadowRoot!.querySelectorAll('button');
      [...buttons].find((button) => button.textContent?.trim() === 'Reject all')!.click();
    });
    const saved = await waitForEvent(page, 'consent-saved');
    assert.equal((saved.record as {method: string}).method, 'reject-all');
    assert.equal(typeof saved.receiptId, 'string');
    // The Consent Mode defaults script is served, built from its source.
    assert.equal(
      await page.evaluate(() => Array.isArray((window as {dataLayer?: unknown}).dataLayer)),
      true,
    );
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('links to the shop pages, which run the same sources', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems: string[] = [];
    await visit(page, `${origin}/`, problems);
    const links = await page.$$eval('nav[aria-label="Demo shop"] a', (all) =>
      all.map((link) => link.getAttribute('href')),
    );
    assert.deepEqual(links, [
      '/demo/site/index.html',
      '/products/tent.html',
      '/account/privacy.html',
      '/privacy-policy.html',
    ]);
    for (const link of links.slice(1)) {
      const answer = await page.goto(`${origin}${link}`);
      assert.equal(answer?.status(), 200, link);
    }
    await page.goto(`${origin}/products/tent.html`);
    assert.equal((await waitForEvent(page, 'consent-ready')).source, 'default');
    // The banner of a first visit, from the sources.
    await page.waitForFunction(
      () =>
        document
          .querySelector('privacy-preferences')
          ?.shadowRoot?.querySelector('[part~="banner"]') != null,
    );
    assert.deepEqual(problems, []);
    await context.close();
  });
});
