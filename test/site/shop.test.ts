/**
 * The demo shop as deployed (`server/demo.ts` serving `demo/site/`: product pages with the
 * banner, the account page with the center in place, the built bundle, the reference endpoint
 * with a real SQLite file), visited in Chromium. What is asserted is what a customer meets
 * (the banner, the dialog, focus) and what a site owner can check (the records the endpoint
 * stored, the scripts the page fetched, the tags that ran).
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {after, before, describe, it} from 'node:test';
import type {BrowserContext, ElementHandle, HTTPResponse, Page} from 'puppeteer-core';
import {ACCOUNT_PAGE, startDemo, type Demo} from './demo-server.js';

interface ConsentEvent {
  readonly type: string;
  readonly detail: Record<string, unknown>;
}

/** Only the required purpose on: the defaults before any decision, and what "Reject all" leaves. */
const ONLY_REQUIRED = {
  essential: 'granted',
  preferences: 'denied',
  analytics: 'denied',
  recommendations: 'denied',
  'newsletter-offers': 'denied',
  media: 'denied',
  ads: 'denied',
};

const isBundleModule = (url: string) => /\/dist\/privacy-preferences[\w.-]*\.js$/.test(url);
const fileOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** A tab of one customer's browser profile, watched the way the tests need. */
class ShopTab {
  /** Every URL requested since the last `goto`. */
  requests: string[] = [];
  /**
   * The bundle's modules requested since the last `goto` by another of its modules than the
   * entry (a static or dynamic import), with the module that asked: each is a request that
   * waited for the one before it to arrive and run.
   */
  chained: string[] = [];
  /** Uncaught errors and console errors. */
  readonly problems: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly origin: string,
  ) {}

  static async open(context: BrowserContext, origin: string): Promise<ShopTab> {
    const tab = new ShopTab(await context.newPage(), origin);
    const {page} = tab;
    page.on('request', (request) => {
      tab.requests.push(request.url());
      // A preload the entry adds has no stack; an import names the module that ran it.
      const initiator = request.initiator();
      const by = initiator?.stack?.callFrames[0]?.url ?? initiator?.url ?? '';
      if (
        isBundleModule(request.url()) &&
        isBundleModule(by) &&
        !by.endsWith('/dist/privacy-preferences.js')
      )
        tab.chained.push(`${fileOf(request.url())} by ${fileOf(by)}`);
    });
    page.on('pageerror', (error) => tab.problems.push(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') tab.problems.push(`console error: ${message.text()}`);
    });
    await page.evaluateOnNewDocument(() => {
      for (const type of ['consent-ready', 'consent-change', 'consent-saved', 'consent-error']) {
        document.addEventListener(type, (event) => {
          const log = ((window as unknown as {consentEvents?: unknown[]}).consentEvents ??= []);
          log.push({type, detail: (event as CustomEvent).detail});
        });
      }
    });
    return tab;
  }

  goto(path: string): Promise<HTTPResponse | null> {
    this.requests = [];
    this.chained = [];
    return this.page.goto(`${this.origin}${path}`);
  }

  /**
   * The bundle's files this page fetched from `/dist/`, in order, content hashes dropped:
   * `privacy-preferences.interface-DmVHTXT_.js` → `privacy-preferences.interface.js`.
   */
  distScripts(): string[] {
    return this.requests
      .filter((url) => url.startsWith(`${this.origin}/dist/`))
      .map((url) =>
        new URL(url).pathname
          .slice('/dist/'.length)
          .replace(/^(privacy-preferences\.[a-z-]+?)-[\w-]{8}\.js$/, '$1.js'),
      );
  }

  async waitForEvent(type: string, count = 1): Promise<Record<string, unknown>> {
    await this.page.waitForFunction(
      (wanted: string, n: number) =>
        ((window as unknown as {consentEvents?: {type: string}[]}).consentEvents ?? []).filter(
          (event) => event.type === wanted,
        ).length >= n,
      {polling: 50},
      type,
      count,
    );
    return (await this.events(type)).at(-1)!.detail;
  }

  async events(type: string): Promise<ConsentEvent[]> {
    const all = await this.page.evaluate(
      () => (window as unknown as {consentEvents?: ConsentEvent[]}).consentEvents ?? [],
    );
    return all.filter((event) => event.type === type);
  }

  /** Resolves once the element has settled: its loads and renders, and the modules they need. */
  async settled(): Promise<void> {
    await this.page.evaluate(async () => {
      await document.querySelector('privacy-preferences')!.updateComplete;
    });
  }

  /** Whether `selector` matches in the element's shadow root, once it does (or no longer does). */
  async waitInCenter(selector: string, isPresent = true): Promise<void> {
    await this.page.waitForFunction(
      (wanted: string, present: boolean) =>
        (document.querySelector('privacy-preferences')?.shadowRoot?.querySelector(wanted) !=
          null) ===
        present,
      {polling: 50},
      selector,
      isPresent,
    );
  }

  /** The role, accessible name and buttons of an element in the shadow root, as a screen reader meets them. */
  async accessibleSummary(selector: string) {
    const handle = (await this.page.evaluateHandle(
      (wanted: string) =>
        document.querySelector('privacy-preferences')!.shadowRoot!.querySelector(wanted)!,
      selector,
    )) as ElementHandle<Element>;
    const node = await this.page.accessibility.snapshot({root: handle});
    await handle.dispose();
    const buttons: string[] = [];
    const walk = (child: typeof node) => {
      if (!child) return;
      if (child.role === 'button') buttons.push(child.name ?? '');
      for (const grandchild of child.children ?? []) walk(grandchild);
    };
    walk(node);
    return {role: node?.role, name: node?.name, buttons};
  }

  /** Each switch of the center as a screen reader user meets it: name (the title) and state. */
  switchStates(): Promise<{name: string; checked: string | null}[]> {
    return this.page.evaluate(() => {
      const root = document.querySelector('privacy-preferences')!.shadowRoot!;
      return [...root.querySelectorAll('[role="switch"]')].map((toggle) => ({
        name: root.getElementById(toggle.getAttribute('aria-labelledby')!)!.textContent!.trim(),
        checked: toggle.getAttribute('aria-checked'),
      }));
    });
  }

  /** Which gated demo tags have run on this page (`demo/analytics.js`, `demo/recommendations.js`). */
  tagsRun(): Promise<string[]> {
    return this.page.evaluate(
      () => (window as unknown as {demoTagsRun?: string[]}).demoTagsRun ?? [],
    );
  }

  subject(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('privacy-preferences:subject'));
  }

  /** Puts a mark in the window: it is gone if the page navigates, even to the same URL. */
  markDocument(): Promise<void> {
    return this.page.evaluate(() => void Object.assign(window, {isSameDocument: true}));
  }

  isSameDocument(): Promise<boolean> {
    return this.page.evaluate(
      () => (window as unknown as {isSameDocument?: boolean}).isSameDocument === true,
    );
  }

  /** The footer's "Privacy choices" link, as a keyboard user activates it. */
  async activateFooterLink(): Promise<void> {
    await this.page.focus('footer a[data-privacy-preferences-open]');
    await this.page.keyboard.press('Enter');
  }
}

describe('a new customer in the demo shop', () => {
  // The steps of one visit, in order, in one browser profile and one tab: each starts where the
  // one before left the customer.
  let demo: Demo;
  let tab: ShopTab;

  before(async () => {
    demo = await startDemo();
    tab = await ShopTab.open(await demo.browser.createBrowserContext(), demo.origin);
  });

  after(() => demo?.stop());

  it('first visit on a product page: the banner, with the entry and the banner fetched at once, then the session', async () => {
    const response = await tab.goto('/products/tent.html');
    assert.match(
      response!.headers()['content-security-policy']!,
      /require-trusted-types-for 'script'/,
    );
    assert.equal(await tab.page.title(), 'Skarvik 2 tent · Fjordline Outdoor');
    await tab.waitInCenter('[part="banner"]');
    // Where the customer is, the demo's endpoint cannot tell: the strictest rule of the shop's
    // configuration applies (the EEA's, opt-in, where closing the banner rejects).
    assert.deepEqual(await tab.accessibleSummary('[part="banner"]'), {
      role: 'region',
      name: 'Your privacy choices',
      buttons: ['Close and reject', 'Accept all', 'Reject all', 'Choose what to allow'],
    });
    const ready = await tab.waitForEvent('consent-ready');
    assert.equal(ready.source, 'default');
    assert.deepEqual(ready.choices, ONLY_REQUIRED); // nothing optional is on before a decision

    await tab.settled();
    const scripts = tab.distScripts();
    assert.ok(scripts.includes('privacy-preferences.js'), scripts.join(', '));
    assert.ok(scripts.includes('privacy-preferences.interface.js'), scripts.join(', '));
    assert.ok(!scripts.includes('privacy-preferences.center-view.js'), scripts.join(', '));
    // While the banner shows, what a decision needs is fetched when the page is idle.
    await tab.page.waitForFunction(
      () => document.querySelector('link[rel="modulepreload"][href*="consent-session"]') !== null,
      {polling: 50},
    );
    // The banner's modules (and the backstop's) were all asked for by the entry, at once.
    assert.ok(scripts.includes('privacy-preferences.hosts.js'), scripts.join(', '));
    assert.deepEqual(tab.chained, []);
    assert.deepEqual(await tab.tagsRun(), []);
    // The pointer on "Choose what to allow" fetches the center before the click.
    await tab.page.hover('aria/Choose what to allow[role="button"]');
    await tab.page.waitForFunction(
      () => document.querySelector('link[rel="modulepreload"][href*="center-view"]') !== null,
      {polling: 50},
    );
    assert.deepEqual(
      tab.requests.filter((url) => !url.startsWith(demo.origin)),
      [],
    );
    assert.deepEqual(tab.problems, []);
  });

  it('"Reject all" in the banner: the endpoint stores a reject-all record, and the banner goes', async () => {
    await tab.page.click('aria/Reject all[role="button"]');
    const saved = await tab.waitForEvent('consent-saved');
    await tab.waitInCenter('[part="banner"]', false);

    const subject = await tab.subject();
    assert.ok(subject);
    const current = await fetch(
      `${demo.origin}/api/consent?subject=${encodeURIComponent(subject)}`,
    );
    assert.equal(current.status, 200);
    const {record, receiptId} = (await current.json()) as {
      record: Record<string, unknown>;
      receiptId: string;
    };
    assert.equal(receiptId, saved.receiptId);
    assert.equal(record.method, 'reject-all');
    assert.deepEqual(record.choices, ONLY_REQUIRED);
    // A refusal is a decision, recorded although no choice changed.
    assert.deepEqual(record.changed, []);
    assert.equal(record.subject, subject);
    assert.equal(record.policyVersion, '2026-12-01');
    const history = (await (
      await fetch(
        `${demo.origin}/api/consent/history?limit=500&subject=${encodeURIComponent(subject)}`,
      )
    ).json()) as {records: unknown[]};
    assert.equal(history.records.length, 1);
    assert.deepEqual(await tab.tagsRun(), []);
    assert.deepEqual(tab.problems, []);
  });

  it('the next product page: no banner, nothing fetched but the entry and the backstop, no gated tag run', async () => {
    await tab.goto('/products/stove.html');
    const ready = await tab.waitForEvent('consent-ready');
    assert.equal(ready.source, 'local');
    assert.deepEqual(ready.choices, ONLY_REQUIRED);
    await tab.settled();

    assert.equal(
      await tab.page.evaluate(
        () =>
          document
            .querySelector('privacy-preferences')!
            .shadowRoot!.querySelector('[part="banner"], dialog') === null,
      ),
      true,
    );
    // The backstop, because the analytics and video purposes, whose recipients list hosts, are
    // off; nothing of the interface, nothing of the removal (nothing to remove).
    assert.deepEqual(tab.distScripts(), [
      'consent-defaults.js',
      'privacy-preferences.js',
      'privacy-preferences.held-hosts.js',
      'privacy-preferences.hosts.js',
    ]);
    // Nothing asked of the endpoint either: this browser's copy of the decision is current.
    assert.deepEqual(
      tab.requests.filter((url) => url.includes('/api/')),
      [],
    );
    assert.deepEqual(await tab.tagsRun(), []);
    assert.deepEqual(
      tab.requests.filter((url) => url.includes('/demo/analytics.js')),
      [],
    );
    assert.deepEqual(
      await tab.page.evaluate(() =>
        [...document.querySelectorAll('script[data-purpose]')].map((script) =>
          script.hasAttribute('data-consent-activated'),
        ),
      ),
      [false, false],
    );
    // Google's tags would start from the stored refusal, before any of them loads.
    const [defaults] = await tab.page.evaluate(() =>
      ((window as unknown as {dataLayer?: ArrayLike<unknown>[]}).dataLayer ?? []).map((entry) =>
        Array.from(entry),
      ),
    );
    assert.deepEqual(defaults!.slice(0, 2), ['consent', 'default']);
    assert.equal((defaults![2] as Record<string, unknown>).analytics_storage, 'denied');
    assert.deepEqual(tab.problems, []);
  });

  it('a returning customer whose browser sends Global Privacy Control: the session runs, nothing of the interface is fetched', async () => {
    const other = await ShopTab.open(tab.page.browserContext(), demo.origin);
    try {
      await other.page.evaluateOnNewDocument(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {value: true});",
      );
      await other.goto('/products/stove.html');
      await other.waitForEvent('consent-ready');
      await other.settled();
      const scripts = other.distScripts();
      assert.ok(scripts.includes('privacy-preferences.consent-session.js'), scripts.join(', '));
      assert.ok(!scripts.includes('privacy-preferences.interface.js'), scripts.join(', '));
      assert.ok(!scripts.includes('privacy-preferences.center-view.js'), scripts.join(', '));
      assert.deepEqual(other.chained, []);
      assert.deepEqual(other.problems, []);
    } finally {
      await other.page.close();
      await tab.page.bringToFront();
    }
  });

  it('the footer\'s "Privacy choices" link, with the keyboard, opens the dialog on the same page', async () => {
    await tab.markDocument();
    // Focus on the link fetches the center, before the link is used.
    await tab.page.focus('footer a[data-privacy-preferences-open]');
    await tab.page.waitForFunction(
      () => document.querySelector('link[rel="modulepreload"][href*="center-view"]') !== null,
      {polling: 50},
    );
    await tab.activateFooterLink();
    await tab.page.waitForFunction(
      () =>
        document.querySelector('privacy-preferences')?.shadowRoot?.querySelector('dialog')?.open ===
        true,
      {polling: 50},
    );
    assert.equal(
      await tab.page.evaluate(() => {
        const root = document.querySelector('privacy-preferences')!.shadowRoot!;
        return root.querySelector('dialog')!.contains(root.activeElement);
      }),
      true,
      'focus is inside the dialog',
    );
    const dialog = await tab.accessibleSummary('dialog');
    assert.deepEqual([dialog.role, dialog.name], ['dialog', 'Privacy choices']);
    assert.equal(tab.page.url(), `${demo.origin}/products/stove.html`);
    assert.equal(await tab.isSameDocument(), true);
    await tab.waitInCenter('[role="switch"]');
    const analytics = (await tab.switchStates()).find(({name}) => name === 'Usage analytics');
    assert.equal(analytics?.checked, 'false');
    // The full center's modules were asked for together, by the entry, when the link was used.
    const scripts = tab.distScripts();
    for (const file of ['center-controller', 'interface', 'center-view', 'consent-session'])
      assert.ok(scripts.includes(`privacy-preferences.${file}.js`), scripts.join(', '));
    assert.deepEqual(tab.chained, []);

    // Escape closes it, and the keyboard user is back on the link.
    await tab.page.keyboard.press('Escape');
    await tab.page.waitForFunction(
      () =>
        document.querySelector('privacy-preferences')!.shadowRoot!.querySelector('dialog')?.open ===
        false,
      {polling: 50},
    );
    await tab.page.waitForFunction(
      () => document.activeElement?.matches('footer a[data-privacy-preferences-open]') === true,
      {polling: 50},
    );
    assert.deepEqual(tab.problems, []);
  });

  it('the account page shows the same choices, in place', async () => {
    await tab.goto(ACCOUNT_PAGE);
    await tab.waitForEvent('consent-ready');
    await tab.waitInCenter('[role="switch"]');
    assert.deepEqual(await tab.switchStates(), [
      {name: 'Your account and basket', checked: 'true'},
      {name: 'Remember your preferences', checked: 'false'},
      {name: 'Usage analytics', checked: 'false'},
      {name: 'Personal recommendations', checked: 'false'},
      {name: 'Offers by email', checked: 'false'},
      {name: 'Videos from other sites', checked: 'false'},
      {name: 'Ads on other websites', checked: 'false'},
    ]);
    assert.equal(
      await tab.page.evaluate(
        () =>
          document
            .querySelector('privacy-preferences')!
            .shadowRoot!.querySelector('[part="banner"]') === null,
      ),
      true,
    );
    assert.deepEqual(await tab.tagsRun(), []);
    assert.deepEqual(tab.problems, []);
  });
});

describe('a first visit when the interface cannot load', () => {
  let demo: Demo;

  before(async () => {
    demo = await startDemo();
  });

  after(() => demo?.stop());

  it('shows nothing, runs no gated tag, and fires consent-error saying what failed', async () => {
    const tab = await ShopTab.open(await demo.browser.createBrowserContext(), demo.origin);
    await tab.page.setRequestInterception(true);
    tab.page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (request.url().includes('privacy-preferences.interface-'))
        return void request.abort('blockedbyclient');
      void request.continue();
    });
    await tab.goto('/products/tent.html');
    const error = await tab.waitForEvent('consent-error');
    assert.equal(
      error.message,
      '<privacy-preferences>: the interface could not be loaded (TypeError: Failed to fetch dynamically imported module: ' +
        `${demo.origin}${await tab.page.evaluate(() => {
          const entry = performance
            .getEntriesByType('resource')
            .find((resource) => resource.name.includes('privacy-preferences.interface-'));
          return entry ? new URL(entry.name).pathname : '';
        })}); the choices in force stay applied.`,
    );
    assert.equal(error.willRetry, false);
    assert.deepEqual(await tab.tagsRun(), []);
    assert.ok(!tab.problems.some((line) => line.startsWith('page error')));
  });
});

describe('a returning customer when the interface cannot load', () => {
  let demo: Demo;
  let tab: ShopTab;

  before(async () => {
    demo = await startDemo();
    tab = await ShopTab.open(await demo.browser.createBrowserContext(), demo.origin);
  });

  after(() => demo?.stop());

  it('keeps their choices applied, tells the site why the center did not open, and follows the link instead', async () => {
    // A normal first visit: "Accept all" in the banner, stored in this browser and delivered.
    await tab.goto('/products/tent.html');
    await tab.waitInCenter('[part="banner"]');
    await tab.page.click('aria/Accept all[role="button"]');
    const saved = await tab.waitForEvent('consent-saved');
    assert.equal((saved.record as Record<string, unknown>).method, 'accept-all');

    // Next page: the interface module is blocked (an ad blocker, a flaky network).
    const blocked: string[] = [];
    await tab.page.setRequestInterception(true);
    tab.page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (!request.url().includes('privacy-preferences.interface-')) return void request.continue();
      blocked.push(request.url());
      void request.abort('blockedbyclient');
    });
    await tab.goto('/products/jacket.html');
    const ready = await tab.waitForEvent('consent-ready');
    assert.equal(ready.source, 'local');
    assert.equal((ready.choices as Record<string, string>).analytics, 'granted');
    // The choices apply without any interface: the gated tags ran, in document order.
    await tab.page.waitForFunction(
      () => ((window as unknown as {demoTagsRun?: string[]}).demoTagsRun ?? []).length === 2,
      {polling: 50},
    );
    assert.deepEqual(await tab.tagsRun(), ['analytics', 'recommendations']);
    assert.equal(
      await tab.page.evaluate(() =>
        document
          .querySelector('script[type="text/plain"][data-purpose="analytics"]')!
          .hasAttribute('data-consent-activated'),
      ),
      true,
    );

    // The footer link: the center cannot be shown here, so the site hears why, and the link
    // does what it does without the script — it takes the customer to the account page.
    const navigation = tab.page.waitForNavigation();
    await tab.activateFooterLink();
    await navigation;
    assert.equal(new URL(tab.page.url()).pathname, '/account/privacy.html');
    assert.ok(blocked.length > 0, 'the interface module was requested and blocked');
    // The site was told (consent-error, logged): the page that fired it has gone, its log stays.
    assert.ok(
      tab.problems.some((line) =>
        /<privacy-preferences>: the interface could not be loaded .*the choices in force stay applied/.test(
          line,
        ),
      ),
      tab.problems.join('\n'),
    );
    assert.deepEqual(
      tab.problems.filter((line) => line.startsWith('page error')),
      [],
    );
  });
});

describe("the shop's pages", () => {
  let demo: Demo;

  before(async () => {
    demo = await startDemo();
  });

  after(() => demo?.stop());

  it('have one h1, the landmarks, no horizontal scrolling at 320 px and no serious axe violations, banner shown', async () => {
    const axeSource = readFileSync(
      createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
      'utf8',
    );
    // A profile without a decision: the banner is over every page.
    const context = await demo.browser.createBrowserContext();
    try {
      for (const [path, navigation] of [
        ['/', ['Main']],
        ['/products/jacket.html', ['Main', 'Breadcrumb']],
        ['/privacy-policy.html', ['Main']],
      ] as const) {
        const tab = await ShopTab.open(context, demo.origin);
        await tab.page.setViewport({width: 320, height: 640});
        await tab.goto(path);
        await tab.waitInCenter('[part="banner"]');
        const outline = await tab.page.evaluate(() => ({
          lang: document.documentElement.lang,
          h1: document.querySelectorAll('h1').length,
          landmarks: ['body > header', 'main', 'body > footer'].map(
            (selector) => document.querySelectorAll(selector).length,
          ),
          navigation: [...document.querySelectorAll('nav')].map((nav) => nav.ariaLabel),
          skipTarget: document.querySelector('a.skip-link')?.getAttribute('href'),
          width: document.documentElement.scrollWidth,
        }));
        assert.deepEqual(
          outline,
          {
            lang: 'en',
            h1: 1,
            landmarks: [1, 1, 1],
            navigation,
            skipTarget: '#main',
            width: 320,
          },
          path,
        );
        // Evaluated as a string: the page's CSP rightly refuses injected script tags.
        await tab.page.evaluate(axeSource);
        const violations = await tab.page.evaluate(async () => {
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
            .filter(
              (violation) => violation.impact === 'serious' || violation.impact === 'critical',
            )
            .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length})`);
        });
        assert.deepEqual(violations, [], `${path}: ${violations.join(', ')}`);
        assert.deepEqual(tab.problems, [], path);
        await tab.page.close();
      }
    } finally {
      await context.close();
    }
  });
});
