// Every shipped translation is complete and well formed, read from the XLIFF files translators
// edit: each unit translated, its placeholders kept, no English source left where a translation
// belongs, and the typography each language's review asked for.
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {describe, it} from 'node:test';

interface Unit {
  readonly id: string;
  readonly source: string;
  readonly target: string | undefined;
}

const REQUIRED = [
  'ar',
  'de',
  'es',
  'fr',
  'he',
  'hi',
  'it',
  'ja',
  'ko',
  'nl',
  'pl',
  'pt-BR',
  'sv',
  'tr',
  'zh-Hans',
  'zh-Hant',
];

/** Units that may read the same as the English source in a language, by their source. */
const SAME_AS_SOURCE: Readonly<Record<string, readonly string[]>> = {
  // Punctuation around a placeholder, where a language punctuates as English does.
  '*': [': {0}'],
  // "Details" reads so in German and Dutch; "OK" is how these languages label the notice's button.
  de: ['Details', 'OK'],
  nl: ['Details', 'OK'],
  fr: ['OK'],
  it: ['OK'],
  ja: ['OK'],
  pl: ['OK'],
  'pt-BR': ['OK'],
  sv: ['OK'],
};

const config = JSON.parse(readFileSync('lit-localize.json', 'utf8')) as {
  targetLocales: string[];
};
const files = readdirSync('locales').filter((file) => file.endsWith('.xlf'));

/** A unit's text with placeholders as `{id}`, to compare and to check. */
function plain(xml: string): string {
  return xml
    .replace(/<x id="(\d+)"[^>]*\/>/g, '{$1}')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function readUnits(locale: string): Unit[] {
  const xml = readFileSync(`locales/${locale}.xlf`, 'utf8');
  return [...xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(
    ([, id = '', body = '']) => {
      const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '';
      const target = /<target>([\s\S]*?)<\/target>/.exec(body)?.[1];
      return {id, source: plain(source), target: target === undefined ? undefined : plain(target)};
    },
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map(([match]) => match).sort();

describe('the shipped locales', () => {
  it('are the ones the product promises, each with its file', () => {
    assert.deepEqual([...config.targetLocales].sort(), REQUIRED);
    assert.deepEqual(files.map((file) => file.replace(/\.xlf$/, '')).sort(), REQUIRED);
  });
});

for (const locale of REQUIRED) {
  describe(`locale ${locale}`, () => {
    const units = readUnits(locale);
    const allowed = new Set([...SAME_AS_SOURCE['*']!, ...(SAME_AS_SOURCE[locale] ?? [])]);

    it('translates every unit the source has', () => {
      assert.ok(units.length > 0, 'no units');
      const missing = units.filter((unit) => !unit.target?.trim()).map((unit) => unit.source);
      assert.deepEqual(missing, []);
    });

    it('keeps every placeholder of each unit, once', () => {
      const broken = units
        .filter((unit) => unit.target !== undefined)
        .filter(
          (unit) => placeholders(unit.source).join() !== placeholders(unit.target!).join(),
        )
        .map((unit) => `${unit.source} → ${unit.target}`);
      assert.deepEqual(broken, []);
    });

    it('leaves no English source where a translation belongs', () => {
      const untranslated = units
        .filter((unit) => unit.target === unit.source && !allowed.has(unit.source))
        .map((unit) => unit.source);
      assert.deepEqual(untranslated, []);
    });

    it('has no stray spaces', () => {
      const spaced = units
        .map((unit) => unit.target ?? '')
        .filter((target) => target !== target.trim() || /\s{2,}/.test(target));
      assert.deepEqual(spaced, []);
    });

    if (locale === 'ja' || locale.startsWith('zh')) {
      it('sets no half-width space after full-width punctuation, and ends sentences with it', () => {
        const targets = units.map((unit) => unit.target ?? '');
        assert.deepEqual(
          targets.filter((target) => /[。、：！？，；] /.test(target)),
          [],
        );
        assert.deepEqual(
          targets.filter((target) => /[.!?]$/.test(target)),
          [],
          'sentences end with full-width punctuation',
        );
      });
    }
    if (locale === 'fr') {
      it('uses the typographic apostrophe throughout', () => {
        assert.deepEqual(
          units.map((unit) => unit.target ?? '').filter((target) => target.includes("'")),
          [],
        );
      });
    }
    if (locale === 'de') {
      it('sets a space before an ellipsis that replaces words', () => {
        assert.deepEqual(
          units.map((unit) => unit.target ?? '').filter((target) => /\S…/.test(target)),
          [],
        );
      });
    }
  });
}
