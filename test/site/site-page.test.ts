/**
 * A site owner's page, as deployed: the demo shop's account page (`demo/site/account/privacy.html`,
 * the center in place), served by the demo server (`server/demo.ts`) with a strict CSP, the built
 * `dist/privacy-preferences.js` by script tag, and the reference endpoint with a real SQLite
 * file. Chromium drives it like a customer: keyboard, reload.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {after, before, beforeEach, describe, it} from 'node:test';
import type {Browser, Page} from 'puppeteer-core';
import {ACCOUNT_PAGE, startDemo, type Demo} from './demo-server.js';

interface PageWatch {
  readonly problems: string[];
  readonly requests: string[];
}

describe('the account page of a site, with the built bundle', () => {
  let demo: Demo;
  let origin: string;
  /** The account page's URL. */
  let accountPage: string;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;

  before(async () => {
    demo = await startDemo();
    ({origin, browser} = demo);
    accountPage = `${origin}${ACCOUNT_PAGE}`;
  });

  after(() => demo?.stop());

  beforeEach(async () => {
    const context = await browser.createBrowserContext();
    page = await context.newPage();
    watch = {problems: [], requests: []};
    page.on('pageerror', (error) => watch.problems.push(`page error: ${String(error)}`));
    page.on('console', (message) => {
      // A first visit must log no error at all (Lighthouse's best-practices audit counts any).
      const url = message.location().url ?? '';
      if (message.type() === 'error')
        watch.problems.push(`console error: ${message.text()} ${url}`);
    });
    page.on('request', (request) => watch.requests.push(request.url()));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
      for (const type of ['consent-ready', 'consent-change', 'consent-saved', 'consent-error']) {
        document.addEventListener(type, (event) => {
          const log = ((window as unknown as {consentEvents?: unknown[]}).consentEvents ??= []);
          log.push({type, detail: (event as CustomEvent).detail});
        });
      }
    });
  });

  async function events(type: string): Promise<{type: string; detail: Record<string, unknown>}[]> {
    const all = await page.evaluate(
      () => (window as unknown as {consentEvents?: unknown[]}).consentEvents ?? [],
    );
    return (all as {type: string; detail: Record<string, unknown>}[]).filter(
      (e) => e.type === type,
    );
  }

  async function waitForEvent(type: string, count = 1) {
    await page.waitForFunction(
      (wanted: string, n: number) =>
        ((window as unknown as {consentEvents?: {type: string}[]}).consentEvents ?? []).filter(
          (e) => e.type === wanted,
        ).length >= n,
      {},
      type,
      count,
    );
    return (await events(type)).at(-1)!.detail;
  }

  /** The switches as a screen reader user meets them: name (from the title) and state. */
  /** The interface renders once its module has loaded, a moment after the events. */
  async function rendered(selector: string) {
    await page.waitForFunction(
      (wanted: string) =>
        document.querySelector('privacy-preferences')?.shadowRoot?.querySelector(wanted) != null,
      {polling: 50},
      selector,
    );
  }

  async function switchStates() {
    await rendered('[role="switch"]');
    return page.evaluate(() => {
      const root = document.querySelector('privacy-preferences')!.shadowRoot!;
      return [...root.querySelectorAll('[role="switch"]')].map((toggle) => ({
        name: root.getElementById(toggle.getAttribute('aria-labelledby')!)!.textContent!.trim(),
        checked: toggle.getAttribute('aria-checked'),
      }));
    });
  }

  it('renders every purpose with title, description and benefit, under a strict CSP, from its own origin only', async () => {
    const response = await page.goto(accountPage);
    // The README's advice, word for word: every directive it gives is in force here.
    const advice = /strict Content Security Policy\s*\(`([^`]+)`\)/.exec(
      readFileSync('README.md', 'utf8'),
    )?.[1];
    assert.ok(advice, "the README's Content Security Policy advice");
    const served = response!.headers()['content-security-policy']!;
    for (const directive of advice.split(';').map((part) => part.trim()))
      assert.ok(served.includes(directive), `${directive} in ${served}`);
    await waitForEvent('consent-ready');
    await rendered('[role="switch"]');
    const text = await page.evaluate(
      () => document.querySelector('privacy-preferences')!.shadowRoot!.textContent!,
    );
    for (const expected of [
      'Usage analytics',
      'Which pages you visit, what you search for and how long pages take to load.',
      'What you get:',
      'We find and fix slow or confusing pages sooner, so shopping gets quicker.',
      'Ads on other websites',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}"`);
    }
    assert.equal((await switchStates()).length, 7);
    assert.deepEqual(watch.problems, []);
    const foreign = watch.requests.filter((url) => !url.startsWith(origin));
    assert.deepEqual(foreign, []);
  });

  it('posts a contract record when a switch is toggled with the keyboard, and restores it after reload', async () => {
    await page.goto(accountPage);
    await waitForEvent('consent-ready');
    // Tab from the top of the page until the "Usage analytics" switch has focus.
    let focused = '';
    for (let press = 0; press < 40 && focused !== 'Usage analytics'; press++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const root = document.querySelector('privacy-preferences')!.shadowRoot!;
        const active = root.activeElement;
        if (active?.getAttribute('role') !== 'switch') return '';
        return root.getElementById(active.getAttribute('aria-labelledby')!)!.textContent!.trim();
      });
    }
    assert.equal(focused, 'Usage analytics');
    await page.keyboard.press('Space');
    const saved = await waitForEvent('consent-saved');
    const record = saved.record as Record<string, unknown>;

    const subject = await page.evaluate(() => localStorage.getItem('privacy-preferences:subject'));
    const history = await (
      await fetch(`${origin}/api/consent/history?limit=500&subject=${subject}`)
    ).json();
    assert.equal(history.records.length, 1);
    assert.deepEqual(history.records[0].record, record);
    assert.equal(history.records[0].receiptId, saved.receiptId);
    assert.deepEqual(Object.keys(record).sort(), [
      'changed',
      'choices',
      'collectedAt',
      'evidence',
      'gpc',
      'locale',
      'method',
      'policyVersion',
      'recordId',
      'subject',
    ]);
    assert.equal(record.method, 'toggle');
    // The account page: made in place; where the customer is, the endpoint cannot tell.
    assert.deepEqual(record.evidence, {surface: 'inline', rule: 'opt-in'});
    assert.deepEqual(record.changed, ['analytics']);
    assert.equal((record.choices as Record<string, string>).analytics, 'granted');

    await page.reload();
    const ready = await waitForEvent('consent-ready');
    assert.equal(ready.source, 'local');
    const analytics = (await switchStates()).find((state) => state.name === 'Usage analytics');
    assert.equal(analytics?.checked, 'true');
    assert.deepEqual(watch.problems, []);
  });

  it('shows a clear error and fires consent-error for configuration with a missing field', async () => {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (!request.url().endsWith('/demo/purposes.json')) return void request.continue();
      void request.respond({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          policyVersion: '1',
          purposes: [{id: 'analytics', title: 'Usage analytics', description: 'Pages visited.'}],
        }),
      });
    });
    await page.goto(accountPage);
    const error = await waitForEvent('consent-error');
    assert.equal(error.message, 'purposes[0].benefit is missing');
    assert.equal(error.willRetry, false);
    await rendered('[role="alert"]');
    const alert = await page.evaluate(
      () =>
        document.querySelector('privacy-preferences')!.shadowRoot!.querySelector('[role="alert"]')
          ?.textContent,
    );
    assert.match(alert ?? '', /purposes\[0\]\.benefit is missing/);
    // Logged to the console for the site owner, and nothing thrown.
    assert.ok(watch.problems.some((line) => line.includes('purposes[0].benefit is missing')));
    assert.ok(!watch.problems.some((line) => line.startsWith('page error')));
  });

  it('reports configuration that is not JSON, without an uncaught exception', async () => {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (!request.url().endsWith('/demo/purposes.json')) return void request.continue();
      void request.respond({status: 200, contentType: 'application/json', body: '{"purposes": ['});
    });
    await page.goto(accountPage);
    const error = await waitForEvent('consent-error');
    assert.match(String(error.message), /not valid JSON/);
    assert.ok(!watch.problems.some((line) => line.startsWith('page error')));
  });

  it('has no horizontal scrolling at 320 CSS pixels', async () => {
    await page.setViewport({width: 320, height: 640});
    await page.goto(accountPage);
    await waitForEvent('consent-ready');
    await page.evaluate(() => {
      const root = document.querySelector('privacy-preferences')!.shadowRoot!;
      for (const details of root.querySelectorAll('details')) details.open = true;
    });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `page is ${width}px wide`);
  });

  it('loads only the one locale module the customer needs', async () => {
    await page.goto(accountPage);
    await waitForEvent('consent-ready');
    assert.deepEqual(
      watch.requests.filter((url) => /privacy-preferences\.[a-z]{2}-/.test(url)),
      [],
    );
    await page.select('#language', 'de');
    await page.waitForFunction(() =>
      document
        .querySelector('privacy-preferences')!
        .shadowRoot!.textContent!.includes('Alle akzeptieren'),
    );
    const localeModules = watch.requests.filter((url) =>
      /privacy-preferences\.[a-z]{2}-/.test(url),
    );
    assert.equal(localeModules.length, 1);
    assert.match(localeModules[0]!, /privacy-preferences\.de-/);
    assert.deepEqual(watch.problems, []);
  });

  it('the footer\'s "Privacy choices" link takes keyboard users to the center, without leaving the page', async () => {
    await page.goto(accountPage);
    await waitForEvent('consent-ready');
    // The link's href is this very page: only a mark in the window tells a reload apart.
    await page.evaluate(() => Object.assign(window, {isSameDocument: true}));
    await page.focus('footer a[data-privacy-preferences-open]');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => {
      const center = document.querySelector('privacy-preferences')!;
      return center.shadowRoot!.activeElement?.textContent?.trim();
    });
    assert.equal(focused, 'Privacy choices');
    assert.equal(page.url(), accountPage);
    assert.equal(
      await page.evaluate(() => (window as unknown as {isSameDocument?: boolean}).isSameDocument),
      true,
    );
    assert.deepEqual(watch.problems, []);
  });

  it('runs a gated tag once, only after consent, and tells Consent Mode', async () => {
    await page.goto(accountPage);
    await waitForEvent('consent-ready');
    const dataLayer = () =>
      page.evaluate(() =>
        ((window as unknown as {dataLayer?: ArrayLike<unknown>[]}).dataLayer ?? []).map((entry) =>
          Array.from(entry),
        ),
      );
    const tagsRun = () =>
      page.evaluate(() => (window as unknown as {demoTagsRun?: string[]}).demoTagsRun ?? []);
    const analyticsRequests = () =>
      watch.requests.filter((url) => url.endsWith('/demo/analytics.js'));

    // Before any choice: Consent Mode defaults denied, nothing gated has run or been fetched.
    const [first] = await dataLayer();
    assert.deepEqual(first!.slice(0, 2), ['consent', 'default']);
    assert.equal((first![2] as Record<string, unknown>).analytics_storage, 'denied');
    assert.deepEqual(await tagsRun(), []);
    assert.deepEqual(analyticsRequests(), []);

    const toggle = async (name: string) => {
      const count = (await events('consent-change')).length;
      await page.evaluate((title: string) => {
        const root = document.querySelector('privacy-preferences')!.shadowRoot!;
        const target = [...root.querySelectorAll<HTMLElement>('[role="switch"]')].find(
          (candidate) =>
            root.getElementById(candidate.getAttribute('aria-labelledby')!)!.textContent!.trim() ===
            title,
        );
        target!.click();
      }, name);
      await waitForEvent('consent-change', count + 1);
    };
    await toggle('Usage analytics');
    await page.waitForFunction(() =>
      ((window as unknown as {demoTagsRun?: string[]}).demoTagsRun ?? []).includes('analytics'),
    );
    const update = (await dataLayer()).at(-1)!;
    assert.deepEqual(update.slice(0, 2), ['consent', 'update']);
    assert.equal((update[2] as Record<string, unknown>).analytics_storage, 'granted');
    assert.equal((update[2] as Record<string, unknown>).ad_storage, 'denied');

    await toggle('Usage analytics'); // off: cannot unload, and says so (beside the status)
    const note = await page.evaluate(
      () =>
        document
          .querySelector('privacy-preferences')!
          .shadowRoot!.querySelector('[part="still-running"]')!.textContent,
    );
    assert.equal(
      note?.replace(/\s+/g, ' ').trim(),
      'Turned off: Usage analytics. Anything already running on this page stops when you leave or reload it.',
    );
    assert.equal(
      ((await dataLayer()).at(-1)![2] as Record<string, unknown>).analytics_storage,
      'denied',
    );
    await toggle('Usage analytics'); // on again: still ran once
    assert.deepEqual(await tagsRun(), ['analytics']);
    assert.equal(analyticsRequests().length, 1);
    assert.deepEqual(watch.problems, []);

    // The next page load starts Consent Mode from the stored state, before any tag.
    await page.reload();
    await waitForEvent('consent-ready');
    const [defaults] = await dataLayer();
    assert.equal((defaults![2] as Record<string, unknown>).analytics_storage, 'granted');
    assert.equal((defaults![2] as Record<string, unknown>).wait_for_update, undefined);
  });

  it('honors Global Privacy Control and records an explicit opt-in with gpc: true', async () => {
    // A string, not a function: tsx would wrap a function's inner arrows in a helper the page lacks.
    await page.evaluateOnNewDocument(
      "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {value: true});",
    );
    await page.goto(accountPage);
    await waitForEvent('consent-ready');
    // The signal itself is recorded first, though the purposes it concerns start off anyway.
    const signal = (await waitForEvent('consent-saved')).record as Record<string, unknown>;
    assert.deepEqual([signal.method, signal.gpc], ['gpc', true]);
    await page.waitForFunction(() =>
      /Global Privacy Control signal, so we switched these off: Ads on other websites\./.test(
        document.querySelector('privacy-preferences')!.shadowRoot!.textContent!,
      ),
    );
    await page.evaluate(() => {
      const root = document.querySelector('privacy-preferences')!.shadowRoot!;
      root.querySelector<HTMLElement>('[data-purpose="ads"] [role="switch"]')!.click();
    });
    const saved = await waitForEvent('consent-saved', 2);
    const record = saved.record as Record<string, unknown>;
    assert.equal(record.gpc, true);
    assert.equal(record.method, 'toggle');
    assert.equal((record.choices as Record<string, string>).ads, 'granted');

    await page.reload();
    await waitForEvent('consent-ready');
    const ads = (await switchStates()).find((state) => state.name === 'Ads on other websites');
    assert.equal(ads?.checked, 'true');
    assert.deepEqual(watch.problems, []);
  });

  it('has no serious or critical axe violations, in English and in Arabic', async () => {
    const axeSource = readFileSync(
      createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
      'utf8',
    );
    await page.goto(accountPage);
    await waitForEvent('consent-ready');
    for (const language of ['en', 'ar']) {
      await page.select('#language', language);
      await page.waitForFunction(
        (lang: string) =>
          document.querySelector('privacy-preferences')!.shadowRoot!.querySelector('section')!
            .lang === lang,
        {},
        language,
      );
      await page.evaluate(() => {
        const root = document.querySelector('privacy-preferences')!.shadowRoot!;
        for (const details of root.querySelectorAll('details')) details.open = true;
      });
      // Evaluated as a string: the page's CSP rightly refuses injected script tags.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
              ) => Promise<{violations: {id: string; impact: string; nodes: unknown[]}[]}>;
            };
          }
        ).axe;
        const result = await axe.run(document);
        return result.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map(
            (violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length} nodes)`,
          );
      });
      assert.deepEqual(violations, [], `${language}: ${violations.join(', ')}`);
    }
  });
});
