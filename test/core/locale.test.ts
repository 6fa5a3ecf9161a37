import {expect} from '@open-wc/testing';
import {
  FALLBACK_LOCALE,
  isRightToLeft,
  localizedText,
  negotiateLocale,
  truncations,
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
