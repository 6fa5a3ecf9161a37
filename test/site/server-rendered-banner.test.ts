/**
 * The banner in the first HTML (CONTRACT §9), end to end: the plain Node example
 * (`examples/node-server/server.mjs`) run as it is, with the package as a site installs it, and
 * Chromium. With our script held back, the banner is painted at the page's first contentful
 * paint; once the script runs, the element keeps those very nodes where they are (no layout
 * shift, nothing announced) and they work; a customer who decided gets pages without it.
 */
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import type {Browser, HTTPRequest, Page} from 'puppeteer-core';
import {announcedOrigin, launchChromium} from './demo-server.js';

const ENTRY = '/privacy-preferences/privacy-preferences.js';

/** The example in a folder of its own, `privacy-preferences` installed there as this repository. */
async function startExample(): Promise<{origin: string; stop(): void}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-ssr-'));
  cpSync('examples/node-server', dir, {recursive: true});
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(process.cwd(), path.join(dir, 'node_modules', 'privacy-preferences'), 'dir');
  const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
    cwd: dir,
    env: {...process.env, PORT: '0'},
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await announcedOrigin(child, 'Example shop', 'example server');
  return {
    origin,
    stop() {
      child.kill('SIGKILL');
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** Resolves once `condition` holds (polled), or fails saying what never happened. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > 10_000) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What the page shows of the banner, read inside its shadow root. */
interface Seen {
  readonly isDefined: boolean;
  readonly firstContentfulPaint: number | undefined;
  readonly rect: {top: number; bottom: number; height: number; width: number} | undefined;
  readonly lang: string | undefined;
  readonly heading: string | undefined;
  readonly isSameNode: boolean;
  readonly announced: string | undefined;
  readonly layoutShift: number;
}

async function look(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    type Marked = HTMLElement & {__served?: boolean};
    const root = document.querySelector('privacy-preferences')?.shadowRoot;
    const banner = root?.querySelector<Marked>('section.banner') ?? undefined;
    const rect = banner?.getBoundingClientRect();
    const shifts = (window as {__shift?: number}).__shift ?? 0;
    return {
      isDefined: customElements.get('privacy-preferences') !== undefined,
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      rect: rect && {top: rect.top, bottom: rect.bottom, height: rect.height, width: rect.width},
      lang: banner?.lang,
      heading: banner?.querySelector('.banner-heading')?.textContent ?? undefined,
      isSameNode: banner?.__served === true,
      announced: root?.querySelector('[aria-live]')?.textContent ?? undefined,
      layoutShift: shifts,
    };
  });
}

/**
 * Opens the example with our entry script held back until `release()`: what the page shows by
 * its first contentful paint is the server's alone. The server's banner is marked, so that a
 * banner built later is told from it.
 */
async function visitHeld(page: Page, origin: string) {
  // Every layout shift the page has, from its first frame.
  await page.evaluateOnNewDocument(() => {
    new PerformanceObserver((list) => {
      const win = window as {__shift?: number};
      for (const entry of list.getEntries() as (PerformanceEntry & {value: number})[])
        win.__shift = (win.__shift ?? 0) + entry.value;
    }).observe({type: 'layout-shift', buffered: true});
  });
  await page.setRequestInterception(true);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const requested: string[] = [];
  page.on('request', (request: HTTPRequest) => {
    requested.push(new URL(request.url()).pathname);
    if (new URL(request.url()).pathname === ENTRY) void held.then(() => request.continue());
    else void request.continue();
  });
  const loaded = page.goto(origin, {waitUntil: 'load'});
  await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint').length > 0,
  );
  const first = await look(page);
  await page.evaluate(() => {
    const root = document.querySelector('privacy-preferences')?.shadowRoot;
    const banner = root?.querySelector<HTMLElement & {__served?: boolean}>('section.banner');
    if (banner) banner.__served = true;
  });
  return {
    first,
    /** What the page has requested so far. */
    requested,
    /** Lets the script load, and resolves once the element has settled. */
    async release() {
      release();
      await loaded;
      await settled(page);
    },
  };
}

async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await customElements.whenDefined('privacy-preferences');
    const el = document.querySelector('privacy-preferences') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    await el.updateComplete;
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
  });
}

describe('the banner rendered by the server (the plain Node example)', () => {
  let example: Awaited<ReturnType<typeof startExample>>;
  let browser: Browser;
  before(async () => {
    example = await startExample();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    example?.stop();
  });

  it('is painted at first contentful paint with our script held back, then taken over as it is, and works', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({width: 390, height: 844});
    const visit = await visitHeld(page, example.origin);
    const {first} = visit;
    assert.equal(first.isDefined, false, 'no script of ours has run');
    assert.equal(first.lang, 'en');
    assert.equal(first.heading, 'Your privacy choices');
    assert.ok(first.rect && first.rect.height > 0 && first.rect.width === 390, 'laid out');
    assert.equal(first.rect.bottom, 844, 'at the bottom edge');
    // The page's preloads (`modules`) fetch the banner's modules while the entry is held back.
    const banner = (name: string) => (path: string) =>
      path.startsWith(`/privacy-preferences/privacy-preferences.${name}-`);
    for (const name of ['center-controller', 'interface'])
      await waitFor(() => visit.requested.some(banner(name)), `${name} preloaded by the page`);

    await visit.release();
    const taken = await look(page);
    assert.equal(taken.isDefined, true);
    assert.equal(taken.isSameNode, true, 'the server’s nodes, not a new banner');
    assert.deepEqual(taken.rect, first.rect);
    assert.equal(taken.announced, '');
    assert.equal(taken.layoutShift, 0);

    // Its buttons work: "Reject all" is recorded, and the server hears of it.
    await page.evaluate(() => {
      const root = document.querySelector('privacy-preferences')?.shadowRoot;
      const buttons = [...(root?.querySelectorAll('button') ?? [])];
      buttons.find((button) => button.textContent === 'Reject all')?.click();
    });
    await page.waitForFunction(() => document.cookie.includes('privacy-preferences-decided='));
    assert.equal((await look(page)).rect, undefined, 'the banner is gone');

    // The next page comes without a banner: nothing to take away, nothing flashes.
    const response = await page.reload({waitUntil: 'load'});
    const html = (await response?.text()) ?? '';
    assert.ok(html.includes('<privacy-preferences mode="banner">'));
    assert.ok(!html.includes('shadowrootmode'), 'no banner in the HTML');
    await settled(page);
    assert.equal((await look(page)).rect, undefined);
    await context.close();
  });

  it('speaks the customer’s language from the first HTML on, and keeps it', async () => {
    const context = await browser.createBrowserContext();
    const german = await context.newPage();
    await german.setExtraHTTPHeaders({'Accept-Language': 'de-DE,de;q=0.9,en;q=0.5'});
    const visit = await visitHeld(german, example.origin);
    assert.equal(visit.first.heading, 'Ihre Datenschutzeinstellungen');
    await visit.release();
    const seen = await look(german);
    assert.equal(seen.lang, 'de');
    assert.equal(seen.heading, 'Ihre Datenschutzeinstellungen');
    assert.equal(seen.isSameNode, true);
    await context.close();
  });
});
