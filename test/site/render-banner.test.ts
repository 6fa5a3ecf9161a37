/**
 * `privacy-preferences/server` as a site's server imports it (the package's `exports`: the built
 * `dist/server/server.js`): `renderBanner` writes the banner as a declarative shadow root (synchronously), in
 * the customer's language, with configuration text kept as text; nothing for a customer who
 * decided; a clear error for a configuration the element would refuse. Importing it does
 * nothing. How the element takes the markup over: test/ui/served-banner.test.ts.
 */
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import type {RenderBannerOptions} from '../../src/server.js';

/** By name, as a site's server code imports it. */
const SERVER: string = 'privacy-preferences/server';

type Server = typeof import('../../src/server.js');

const config = {
  policyVersion: '2026-11-01',
  policyUrl: 'https://shop.example/privacy?from=banner&x="1"',
  controller: {name: {en: 'Shop <b>&</b> Co', de: 'Laden & Co'}},
  purposes: [
    {
      id: 'analytics',
      title: 'Usage analytics',
      description: 'Counts visits.',
      benefit: 'Better pages.',
    },
  ],
};

/** The banner's visible text, tags dropped and entities read. */
function textOf(html: string): string {
  const section = html.slice(html.indexOf('<section'));
  return section
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('renderBanner (privacy-preferences/server)', () => {
  it('importing it defines nothing and touches no global', async () => {
    const before = Object.getOwnPropertyNames(globalThis).sort();
    const server = (await import(SERVER)) as Server;
    assert.equal(typeof server.renderBanner, 'function');
    assert.equal(server.DECIDED_COOKIE, 'privacy-preferences-decided');
    assert.deepEqual(Object.getOwnPropertyNames(globalThis).sort(), before);
  });

  it('writes a declarative shadow root: styles, the live region, then the banner', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    const html = renderBanner(config, {locale: 'en'});
    assert.match(
      html,
      /^<template shadowrootmode="open"><style>[^<]*\.banner\{[^<]*<\/style><span class="visually-hidden" aria-live="polite"><\/span><section class="banner" part="banner" lang="en" dir="ltr" aria-labelledby="banner-heading">/,
    );
    assert.ok(html.endsWith('</section></template>'));
    assert.equal(
      textOf(html),
      'Your privacy choices Shop <b>&</b> Co would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes. Privacy policy Accept all Reject all Choose what to allow',
    );
  });

  it('keeps configuration text as text: no tag or attribute of its own reaches the page', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    const html = renderBanner(config, {locale: 'en'});
    assert.ok(html.includes('<bdi dir="auto">Shop &lt;b&gt;&amp;&lt;/b&gt; Co</bdi>'), html);
    assert.ok(
      html.includes('<a href="https://shop.example/privacy?from=banner&amp;x=&quot;1&quot;">'),
    );
    assert.equal(html.match(/<b>/g), null);
  });

  const languages: [options: RenderBannerOptions, lang: string, dir: string, heading: string][] = [
    [{}, 'en', 'ltr', 'Your privacy choices'],
    [{locale: 'de-AT'}, 'de', 'ltr', 'Ihre Datenschutzeinstellungen'],
    [{locale: ['xx', 'fr-CA']}, 'fr', 'ltr', 'Vos choix de confidentialité'],
    [{locale: 'ar'}, 'ar', 'rtl', 'خيارات الخصوصية الخاصة بك'],
    [{locale: 'pt-PT'}, 'pt-BR', 'ltr', 'Suas escolhas de privacidade'],
    [{locale: 'not a tag!'}, 'en', 'ltr', 'Your privacy choices'],
  ];
  for (const [options, lang, dir, heading] of languages)
    it(`speaks ${lang} for ${JSON.stringify(options)}`, async () => {
      const {renderBanner} = (await import(SERVER)) as Server;
      const html = renderBanner(config, options);
      assert.ok(html.includes(`lang="${lang}" dir="${dir}"`), html.slice(-1200));
      assert.ok(html.includes(`class="banner-heading">${heading}</h2>`), html.slice(-1200));
    });

  it('renders customers in many languages one after the other, each in their own', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    const locales = ['de', 'en', 'ja', 'ar', 'fr', 'sv', 'de', 'en', 'he', 'ko', 'zh-Hant', 'it'];
    const first = new Map(locales.map((locale) => [locale, renderBanner(config, {locale})]));
    for (let round = 0; round < 5; round++)
      for (const locale of locales)
        assert.equal(renderBanner(config, {locale}), first.get(locale), locale);
    assert.equal(new Set(first.values()).size, new Set(locales).size);
  });

  it('takes the heading level of the element (2 to 6; anything else is 2)', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    for (const [level, tag] of [
      ['3', 'h3'],
      [6, 'h6'],
      [7, 'h2'],
      ['1', 'h2'],
      ['x', 'h2'],
    ] as const) {
      const html = renderBanner(config, {headingLevel: level as never});
      assert.ok(html.includes(`<${tag} id="banner-heading"`), `${level} → ${tag}`);
    }
  });

  it('writes nothing for a customer who decided (the decided cookie, under any policy version)', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    for (const cookie of [
      'privacy-preferences-decided=2026-11-01',
      'a=1; privacy-preferences-decided=2025-01-01; b=2',
    ])
      assert.equal(renderBanner(config, {cookie}), '', cookie);
    for (const cookie of [null, '', 'a=1', 'privacy-preferences-decided-x=1'])
      assert.notEqual(renderBanner(config, {cookie}), '', String(cookie));
  });

  it('follows the jurisdiction rule of `region`: nothing where it is opt-out, the close button where closing rejects', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    const ruled = {
      ...config,
      jurisdictions: {
        EEA: {model: 'opt-in', closeMeans: 'reject'},
        'US-CA': {model: 'opt-out'},
        US: {model: 'opt-in'},
      },
    } as const;
    const closes = (html: string) => html.includes('aria-label="Close and reject"');
    assert.equal(renderBanner(ruled, {region: 'US-CA'}), '');
    assert.equal(renderBanner(ruled, {region: 'us-ca'}), '');
    assert.ok(closes(renderBanner(ruled, {region: 'DE'})), 'DE');
    assert.ok(
      renderBanner(ruled, {region: 'DE', locale: 'de'}).includes(
        'aria-label="Schließen und ablehnen"',
      ),
      'in German',
    );
    assert.ok(!closes(renderBanner(ruled, {region: 'US-NY'})), 'US-NY');
    // Unknown: the strictest rule, the first opt-in one (the EEA's).
    for (const region of [undefined, '', 'Germany'])
      assert.ok(closes(renderBanner(ruled, {region})), String(region));
  });

  it('writes the notice where the rule only informs: "OK" and "Choose what to allow"', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    const html = renderBanner(
      {...config, jurisdictions: {EU: {model: 'opt-in'}, '*': {model: 'notice'}}},
      {region: 'JP'},
    );
    assert.equal(
      textOf(html),
      'Your privacy choices Shop <b>&</b> Co uses your data for a few things, each with something in return for you. You can switch any of them off at any time. Privacy policy OK Choose what to allow',
    );
  });

  it('refuses a configuration the element would refuse, naming every problem', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    assert.throws(
      () => renderBanner({purposes: [{id: 'Bad Id'}]} as never),
      (error: Error) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, /^renderBanner: invalid configuration: /);
        assert.match(error.message, /policyVersion is missing/);
        assert.match(error.message, /purposes\[0\]\.id/);
        return true;
      },
    );
    assert.throws(
      () => renderBanner('not an object' as never),
      /configuration must be a JSON object/,
    );
  });
});

describe('configScript (privacy-preferences/server)', () => {
  it('writes the configuration as inline JSON that no text of it can end or break out of', async () => {
    const {configScript} = (await import(SERVER)) as Server;
    const hostile = {
      ...config,
      controller: {name: '</script><script>alert(1)</script> & <!-- \u2028'},
    };
    const script = configScript(hostile);
    assert.match(script, /^<script type="application\/json">[^<>&\u2028]*<\/script>$/);
    const json = script.slice('<script type="application/json">'.length, -'</script>'.length);
    assert.deepEqual(JSON.parse(json), hostile);
  });

  it('refuses a configuration the element would refuse', async () => {
    const {configScript} = (await import(SERVER)) as Server;
    assert.throws(
      () => configScript({policyVersion: 1} as never),
      /^TypeError: configScript: invalid configuration: policyVersion/,
    );
  });
});

describe('renderBanner with `modules` (the folder the page loads our files from)', () => {
  const graph = JSON.parse(readFileSync('dist/module-graph.json', 'utf8')) as {
    entry: string;
    banner: string[];
  };

  it('is followed by a modulepreload for the entry and each module the banner needs, each a file of the build', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    const html = renderBanner(config, {modules: '/privacy-preferences'});
    const links = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map(
      (match) => match[1]!,
    );
    assert.deepEqual(
      links,
      [graph.entry, ...graph.banner].map((file) => `/privacy-preferences/${file.slice(2)}`),
    );
    assert.equal(links[0], '/privacy-preferences/privacy-preferences.js');
    assert.ok(
      graph.banner.some((file) => file.includes('interface')),
      'the interface',
    );
    for (const link of links)
      assert.ok(existsSync(`dist/${link.slice('/privacy-preferences/'.length)}`), link);
    assert.ok(html.indexOf('</template><link') > 0, 'the links come after the banner');
  });

  it('writes the folder as text, and nothing without it or for a customer who decided', async () => {
    const {renderBanner} = (await import(SERVER)) as Server;
    const hostile = renderBanner(config, {modules: '/x"><script>alert(1)</script>/'});
    assert.ok(hostile.includes('href="/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/'));
    assert.equal(hostile.includes('<script>'), false);
    assert.equal(renderBanner(config).includes('<link'), false);
    assert.equal(
      renderBanner(config, {modules: '/m/', cookie: 'privacy-preferences-decided=x'}),
      '',
    );
  });
});
