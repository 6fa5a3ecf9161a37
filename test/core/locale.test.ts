import {expect} from '@open-wc/testing';
import {
  FALLBACK_LOCALE,
  isRightToLeft,
  listPieces,
  localizedText,
  negotiateLocale,
  pluralCategory,
  textPart,
  truncations,
  type Languages,
} from '../../src/core/locale.js';
import type {LocalizedText} from '../../src/core/config.js';

describe('truncations', () => {
  const rows = [
    {name: 'a bare language', input: 'en', expected: ['en']},
    {name: 'language and region', input: 'pt-BR', expected: ['pt-BR', 'pt']},
    {
      name: 'language, script and region',
      input: 'zh-Hant-TW',
      expected: ['zh-Hant-TW', 'zh-Hant', 'zh'],
    },
  ];
  for (const {name, input, expected} of rows) {
    it(`goes from most to least specific for ${name}`, () => {
      expect(truncations(input)).to.deep.equal(expected);
    });
  }
});

describe('negotiateLocale', () => {
  const rows: {
    name: string;
    preferred: string[];
    supported: string[];
    fallback?: string;
    expected: string;
  }[] = [
    // Exact
    {name: 'an exact match', preferred: ['ja'], supported: ['en', 'ja', 'de'], expected: 'ja'},
    {
      name: 'an exact match with a region',
      preferred: ['pt-BR'],
      supported: ['pt-PT', 'pt-BR'],
      expected: 'pt-BR',
    },
    {
      name: 'an exact match in another case, spelled as supported',
      preferred: ['PT-br'],
      supported: ['en', 'pt-BR'],
      expected: 'pt-BR',
    },
    {
      name: 'a lowercase preference for a capitalized tag',
      preferred: ['ja'],
      supported: ['en', 'JA'],
      expected: 'JA',
    },
    // Truncation
    {
      name: 'a region truncated to the language',
      preferred: ['de-AT'],
      supported: ['en', 'de'],
      expected: 'de',
    },
    {
      name: 'a region truncated in another case',
      preferred: ['DE-at'],
      supported: ['en', 'de'],
      expected: 'de',
    },
    {
      name: 'the longest truncation first',
      preferred: ['zh-Hant-TW'],
      supported: ['zh', 'zh-Hant'],
      expected: 'zh-Hant',
    },
    {
      name: 'a truncation before another region of the language',
      preferred: ['pt-BR'],
      supported: ['pt-PT', 'pt'],
      expected: 'pt',
    },
    // Same language
    {
      name: 'a language served by one of its regions',
      preferred: ['pt'],
      supported: ['en', 'pt-BR'],
      expected: 'pt-BR',
    },
    {
      name: 'a region served by another region of the language',
      preferred: ['fr-CA'],
      supported: ['en', 'fr-FR'],
      expected: 'fr-FR',
    },
    {
      name: 'the same language in another case',
      preferred: ['FR'],
      supported: ['en', 'fr-FR'],
      expected: 'fr-FR',
    },
    // Order of preference
    {
      name: 'the first preference that can be served',
      preferred: ['it', 'de', 'fr'],
      supported: ['en', 'fr', 'de'],
      expected: 'de',
    },
    {
      name: 'the first preference even through its same language',
      preferred: ['pt-PT', 'en'],
      supported: ['en', 'pt-BR'],
      expected: 'pt-BR',
    },
    {
      name: 'English when English is preferred',
      preferred: ['en-GB', 'ja'],
      supported: ['ja', 'en'],
      expected: 'en',
    },
    // Fallback
    {
      name: 'English when nothing matches',
      preferred: ['it', 'nl'],
      supported: ['de', 'fr'],
      expected: FALLBACK_LOCALE,
    },
    {
      name: 'English when nothing is preferred',
      preferred: [],
      supported: ['de', 'fr'],
      expected: 'en',
    },
    {
      name: 'the given fallback when nothing matches',
      preferred: ['it'],
      supported: ['de', 'fr'],
      fallback: 'de',
      expected: 'de',
    },
    {name: 'English when nothing is supported', preferred: ['ja'], supported: [], expected: 'en'},
    // Script: the written form decides between Chinese locales, whatever the region.
    ...[
      {preferred: 'zh-TW', expected: 'zh-Hant'},
      {preferred: 'zh-HK', expected: 'zh-Hant'},
      {preferred: 'zh-MO', expected: 'zh-Hant'},
      {preferred: 'zh-Hant-HK', expected: 'zh-Hant'},
      {preferred: 'zh-CN', expected: 'zh-Hans'},
      {preferred: 'zh-SG', expected: 'zh-Hans'},
      {preferred: 'zh', expected: 'zh-Hans'},
      {preferred: 'zh-Hans-HK', expected: 'zh-Hans'},
    ].map(({preferred, expected}) => ({
      name: `${expected} for ${preferred}`,
      preferred: [preferred],
      supported: ['en', 'zh-Hans', 'zh-Hant', 'ja'],
      expected,
    })),
    {
      name: 'Brazilian Portuguese for Portugal when there is no pt',
      preferred: ['pt-PT'],
      supported: ['en', 'es', 'pt-BR'],
      expected: 'pt-BR',
    },
    {
      name: 'not a locale in another script of the language',
      preferred: ['sr-Latn'],
      supported: ['en', 'sr-Cyrl'],
      expected: 'en',
    },
    {
      name: 'past a malformed tag',
      preferred: ['not a tag!', 'ko'],
      supported: ['en', 'ko'],
      expected: 'ko',
    },
  ];
  for (const {name, preferred, supported, fallback, expected} of rows) {
    it(`picks ${name}`, () => {
      expect(negotiateLocale(preferred, supported, fallback)).to.equal(expected);
    });
  }
});

describe('localizedText', () => {
  const title: LocalizedText = {
    en: 'Usage analytics',
    pt: 'Análise de uso',
    'pt-BR': 'Análise de uso no Brasil',
    ja: '利用状況の分析',
    'zh-Hant': '使用分析',
  };
  const withoutEnglish: LocalizedText = {fr: 'Analyse d’audience', de: 'Nutzungsanalyse'};
  const capitalizedKeys: LocalizedText = {
    EN: 'Usage analytics',
    'PT-br': 'Análise de uso no Brasil',
  };

  const rows: {name: string; text: LocalizedText; locale: string; expected: string}[] = [
    {name: 'the exact locale', text: title, locale: 'pt-BR', expected: 'Análise de uso no Brasil'},
    {
      name: 'the language of a region without its own text',
      text: title,
      locale: 'pt-PT',
      expected: 'Análise de uso',
    },
    {name: 'the language itself', text: title, locale: 'pt', expected: 'Análise de uso'},
    {
      name: 'the language of a regional Japanese tag',
      text: title,
      locale: 'ja-JP',
      expected: '利用状況の分析',
    },
    {name: 'script before language', text: title, locale: 'zh-Hant-TW', expected: '使用分析'},
    {
      name: 'English when the language is missing',
      text: title,
      locale: 'de',
      expected: 'Usage analytics',
    },
    {
      name: 'English for a regional tag of a missing language',
      text: title,
      locale: 'de-CH',
      expected: 'Usage analytics',
    },
    {
      name: 'the first entry when English is missing too',
      text: withoutEnglish,
      locale: 'ja',
      expected: 'Analyse d’audience',
    },
    {
      name: 'a locale in another case',
      text: title,
      locale: 'PT-br',
      expected: 'Análise de uso no Brasil',
    },
    {
      name: 'a key in another case',
      text: capitalizedKeys,
      locale: 'pt-BR',
      expected: 'Análise de uso no Brasil',
    },
    {
      name: 'English under a capitalized key',
      text: capitalizedKeys,
      locale: 'ja',
      expected: 'Usage analytics',
    },
    {
      name: 'a plain string whatever the locale',
      text: 'Usage analytics',
      locale: 'ja',
      expected: 'Usage analytics',
    },
  ];
  for (const {name, text, locale, expected} of rows) {
    it(`returns ${name}`, () => {
      expect(localizedText(text, locale)).to.equal(expected);
    });
  }
});

describe('isRightToLeft', () => {
  const rows = [
    {locale: 'ar', expected: true},
    {locale: 'ar-EG', expected: true},
    {locale: 'AR', expected: true},
    {locale: 'he', expected: true},
    {locale: 'he-IL', expected: true},
    {locale: 'fa', expected: true},
    {locale: 'fa-IR', expected: true},
    {locale: 'ur', expected: true},
    {locale: 'ur-PK', expected: true},
    {locale: 'en', expected: false},
    {locale: 'en-US', expected: false},
    {locale: 'ja', expected: false},
    {locale: 'de', expected: false},
    // Argentina's region code is AR, but the language is English.
    {locale: 'en-AR', expected: false},
    {locale: 'es-AR', expected: false},
  ];
  for (const {locale, expected} of rows) {
    it(`says ${locale} is ${expected ? 'right to left' : 'left to right'}`, () => {
      expect(isRightToLeft(locale)).to.equal(expected);
    });
  }
});

describe('textPart', () => {
  const title: LocalizedText = {en: 'Usage analytics', ko: '이용 분석', fa: 'تحلیل استفاده'};
  const rows: {name: string; text: LocalizedText; languages: Languages; expected: object}[] = [
    {
      name: 'no language mark for text in the interface language',
      text: title,
      languages: {requested: 'ko', shown: 'ko', plain: 'en'},
      expected: {value: '이용 분석', lang: undefined},
    },
    {
      name: 'the language of text that fell back to English',
      text: title,
      languages: {requested: 'tr', shown: 'tr', plain: 'en'},
      expected: {value: 'Usage analytics', lang: 'en'},
    },
    {
      name: 'the language of text found while the interface fell back to English',
      text: title,
      languages: {requested: 'fa', shown: 'en', plain: 'en'},
      expected: {value: 'تحلیل استفاده', lang: 'fa'},
    },
    {
      name: 'the key as the configuration spells it',
      text: {EN: 'Usage analytics'},
      languages: {requested: 'de', shown: 'de', plain: 'en'},
      expected: {value: 'Usage analytics', lang: 'EN'},
    },
    {
      name: 'the configured language of a plain string',
      text: 'Nutzungsanalyse',
      languages: {requested: 'ko', shown: 'ko', plain: 'de'},
      expected: {value: 'Nutzungsanalyse', lang: 'de'},
    },
    {
      name: 'no mark for a plain string in the interface language',
      text: 'Usage analytics',
      languages: {requested: 'en-GB', shown: 'en', plain: 'en'},
      expected: {value: 'Usage analytics', lang: undefined},
    },
  ];
  for (const {name, text, languages, expected} of rows) {
    it(`gives ${name}`, () => {
      expect(textPart(text, languages)).to.deep.equal(expected);
    });
  }
});

describe('listPieces', () => {
  const part = (value: string, lang?: string) => ({value, lang});
  const rows: {locale: string; items: ReturnType<typeof part>[]; expected: string}[] = [
    {locale: 'en', items: [part('Ads')], expected: 'Ads'},
    {locale: 'en', items: [part('Ads'), part('Analytics')], expected: 'Ads and Analytics'},
    {
      locale: 'en',
      items: [part('Ads'), part('Analytics'), part('Offers')],
      expected: 'Ads, Analytics, and Offers',
    },
    {locale: 'de', items: [part('A'), part('B'), part('C')], expected: 'A, B und C'},
    {locale: 'ja', items: [part('広告'), part('分析')], expected: '広告、分析'},
    {locale: 'ar', items: [part('أ'), part('ب'), part('ج')], expected: 'أ وب وج'},
  ];
  for (const {locale, items, expected} of rows) {
    it(`joins ${items.length} in ${locale} as "${expected}"`, () => {
      expect(
        listPieces(items, locale)
          .map((piece) => piece.value)
          .join(''),
      ).to.equal(expected);
    });
  }

  it('keeps each item whole, with its language, between the words that join them', () => {
    expect(listPieces([part('Ads', 'en'), part('分析')], 'ja')).to.deep.equal([
      {value: 'Ads', lang: 'en', isItem: true},
      {value: '、', lang: undefined, isItem: false},
      {value: '分析', lang: undefined, isItem: true},
    ]);
  });

  it('joins with commas where the locale is not one Intl knows', () => {
    expect(
      listPieces([part('A'), part('B')], 'not a tag!')
        .map((piece) => piece.value)
        .join(''),
    ).to.equal('A, B');
  });
});

describe('pluralCategory', () => {
  const rows: {locale: string; count: number; expected: Intl.LDMLPluralRule}[] = [
    {locale: 'en', count: 1, expected: 'one'},
    {locale: 'en', count: 0, expected: 'other'},
    {locale: 'ar', count: 0, expected: 'zero'},
    {locale: 'ar', count: 2, expected: 'two'},
    {locale: 'ar', count: 5, expected: 'few'},
    {locale: 'ar', count: 11, expected: 'many'},
    {locale: 'pl', count: 3, expected: 'few'},
    {locale: 'pl', count: 5, expected: 'many'},
    {locale: 'ja', count: 1, expected: 'other'},
    {locale: 'not a tag!', count: 1, expected: 'one'},
  ];
  for (const {locale, count, expected} of rows) {
    it(`says ${count} is "${expected}" in ${locale}`, () => {
      expect(pluralCategory(count, locale)).to.equal(expected);
    });
  }
});
