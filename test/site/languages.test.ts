/**
 * The demo shop's account page in three customers' languages, with the built bundle: asked by
 * `locale="ko"`, by `lang="tr"` on `<html>`, and by a Hebrew browser. Each sees the center fully
 * translated (interface and the shop's texts), mirrored when right to left, having fetched one
 * extra small locale module and no other.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import type {BrowserContext, Page} from 'puppeteer-core';
import {ACCOUNT_PAGE, startDemo, type Demo} from './demo-server.js';

const {targetLocales} = JSON.parse(readFileSync('lit-localize.json', 'utf8')) as {
  targetLocales: string[];
};

/** A unit's translation in a locale's XLIFF file, by its English source. */
function translated(locale: string, source: string): string {
  const xml = readFileSync(`locales/${locale}.xlf`, 'utf8');
  const unit = [...xml.matchAll(/<source>([^<]*)<\/source>\s*<target>([^<]*)<\/target>/g)].find(
    ([, english]) => english === source,
  );
  if (!unit) throw new Error(`no ${locale} translation of "${source}"`);
  return unit[2]!;
}

/** Names the shop gave as plain (English) strings: the company names. */
const NAMES = new Set([
  'Fjordline Outdoor',
  'SecurePay Ltd. (payments)',
  'Example Analytics Inc.',
  'MailRelay GmbH (email delivery)',
  'AdNetwork Europe SA',
  'Social Platform Ltd.',
  'Trailcast Video Ltd.',
]);

interface Case {
  readonly name: string;
  readonly locale: string;
  /** Rewrites the account page as the site owner would have written it. */
  readonly page?: (html: string) => string;
  /** Emulates the customer's browser language. */
  readonly browserLocale?: string;
}

const CASES: readonly Case[] = [
  {
    name: 'locale="ko" on the element',
    locale: 'ko',
    page: (html) => html.replace('<privacy-preferences', '<privacy-preferences locale="ko"'),
  },
  {
    name: 'lang="tr" on <html>',
    locale: 'tr',
    page: (html) => html.replace('<html lang="en">', '<html lang="tr">'),
  },
  {
    name: 'a Hebrew browser',
    locale: 'he',
    page: (html) => html.replace('<html lang="en">', '<html>'),
    browserLocale: 'he-IL',
  },
];

async function openAccountPage(
  context: BrowserContext,
  origin: string,
  {page: rewrite, browserLocale}: Case,
): Promise<{page: Page; requests: string[]}> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  if (browserLocale) {
    // What a browser set to that language reports: Intl's default, and navigator.language(s).
    const session = await page.createCDPSession();
    await session.send('Emulation.setLocaleOverride', {locale: browserLocale});
    const languages = JSON.stringify([browserLocale, browserLocale.split('-')[0]]);
    // A string, not a function: tsx would add helpers to a function that the page lacks.
    await page.evaluateOnNewDocument(
      `Object.defineProperty(navigator, 'languages', {get: () => ${languages}});` +
        `Object.defineProperty(navigator, 'language', {get: () => ${languages}[0]});`,
    );
  }
  const html = await (await fetch(`${origin}${ACCOUNT_PAGE}`)).text();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === `${origin}${ACCOUNT_PAGE}` && rewrite)
      void request.respond({status: 200, contentType: 'text/html', body: rewrite(html)});
    else void request.continue();
  });
  await page.goto(`${origin}${ACCOUNT_PAGE}`);
  return {page, requests};
}

describe('the account page in the customer’s language (built bundle)', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo?.stop());

  for (const customer of CASES) {
    it(`${customer.name}: fully translated, ${customer.locale === 'he' ? 'mirrored' : 'left to right'}, one extra module`, async () => {
      const context = await demo.browser.createBrowserContext();
      try {
        const {page, requests} = await openAccountPage(context, demo.origin, customer);
        const acceptAll = translated(customer.locale, 'Accept all');
        await page.waitForFunction(
          (label) =>
            [
              ...(document
                .querySelector('privacy-preferences')
                ?.shadowRoot?.querySelectorAll('[part="action"]') ?? []),
            ].some((button) => button.textContent?.trim() === label),
          {timeout: 10_000},
          acceptAll,
        );
        const seen = await page.evaluate(() => {
          const root = document.querySelector('privacy-preferences')!.shadowRoot!;
          const section = root.querySelector('[part="base"]')!;
          return {
            lang: section.getAttribute('lang'),
            dir: section.getAttribute('dir'),
            heading: root.querySelector('h2')?.textContent?.trim(),
            // Everything inside marked with a language of its own: text the shop did not translate.
            foreign: [...section.querySelectorAll('[lang]')].map((element) => ({
              lang: element.getAttribute('lang'),
              text: element.textContent?.trim(),
            })),
            titles: [...root.querySelectorAll('[part="purpose-title"]')].map((title) =>
              title.textContent?.trim(),
            ),
          };
        });
        assert.equal(seen.lang, customer.locale);
        assert.equal(seen.dir, customer.locale === 'he' ? 'rtl' : 'ltr');
        assert.equal(seen.heading, translated(customer.locale, 'Privacy choices'));
        assert.equal(seen.titles.length, 7);
        const untranslated = seen.foreign.filter(({text}) => !NAMES.has(text ?? ''));
        assert.deepEqual(untranslated, []);
        assert.ok(seen.foreign.every(({lang}) => lang === 'en'));

        const localeModules = requests
          .map((url) => new URL(url).pathname)
          .map((path) => /^\/dist\/privacy-preferences\.(.+)-[\w-]{8}\.js$/.exec(path)?.[1])
          .filter((name): name is string => name !== undefined && targetLocales.includes(name));
        assert.deepEqual(localeModules, [customer.locale]);
      } finally {
        await context.close();
      }
    });
  }
});
