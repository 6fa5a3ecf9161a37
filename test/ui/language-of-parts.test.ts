/**
 * Language of parts (WCAG 3.1.2): the interface says the language of the strings it actually
 * shows, configuration text in another language says its own, and lists and counts follow the
 * grammar of the interface's language.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import type {PrivacyPreferences} from '../../src/index.js';
import type {PrivacyConfig} from '../../src/core/config.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  captureErrors,
  failOnWarnings,
  forgetEverything,
  renderCenter,
  sendGpcSignal,
  shadow,
  switchNamed,
} from '../support/center.js';

function sectionOf(el: PrivacyPreferences): HTMLElement {
  const section = shadow(el).querySelector<HTMLElement>('[part="base"]');
  if (!section) throw new Error('no center');
  return section;
}

/** The text of an element, spaces collapsed. */
function textOf(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** `lang`/`dir` of the configuration text shown as `value`, wherever it is. */
function marksOf(el: PrivacyPreferences, value: string): {lang: string | null; dir: string | null} {
  const found = [...shadow(el).querySelectorAll('bdi, p, li, dd')].find(
    (element) => element.textContent?.trim() === value,
  );
  if (!found) throw new Error(`"${value}" is not shown`);
  return {lang: found.getAttribute('lang'), dir: found.getAttribute('dir')};
}

async function waitForLang(el: PrivacyPreferences, lang: string): Promise<void> {
  await waitUntil(
    () => shadow(el).querySelector('[part="base"]')?.getAttribute('lang') === lang,
    `the center never said lang="${lang}"`,
  );
}

const FARSI_TITLES: PrivacyConfig = {
  ...shopConfig,
  purposes: shopConfig.purposes.map((purpose) =>
    purpose.id === 'analytics'
      ? {...purpose, title: {en: 'Usage analytics', fa: 'تحلیل استفاده'}}
      : purpose,
  ),
};

describe('language of parts', () => {
  failOnWarnings();
  const errors = captureErrors();
  beforeEach(() => forgetEverything());
  afterEach(() => expect(errors.messages).to.deep.equal([]));

  it('marks an interface for a language it cannot speak as English, left to right', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${FARSI_TITLES} locale="fa"></privacy-preferences>`,
    );
    await waitForLang(el, 'en');
    expect(sectionOf(el).getAttribute('dir')).to.equal('ltr');
    expect(textOf(shadow(el).querySelector('h2'))).to.equal('Privacy choices');
    // The customer's own language where the site wrote it, marked and mirrored on its own.
    expect(marksOf(el, 'تحلیل استفاده')).to.deep.equal({lang: 'fa', dir: 'rtl'});
    // English text in an English interface carries no mark of its own.
    expect(marksOf(el, 'Personal recommendations')).to.deep.equal({lang: null, dir: 'auto'});
    await expect(el).to.be.accessible();
  });

  it('serves Portugal from Brazilian Portuguese, and says so', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${shopConfig} locale="pt-PT"></privacy-preferences>`,
    );
    await waitForLang(el, 'pt-BR');
    expect(sectionOf(el).getAttribute('dir')).to.equal('ltr');
  });

  it('marks configuration text that fell back to English inside a Korean interface', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${shopConfig} locale="ko"></privacy-preferences>`,
    );
    await waitForLang(el, 'ko');
    // A title given in several languages, none of them Korean; a plain string (English).
    expect(marksOf(el, 'Usage analytics')).to.deep.equal({lang: 'en', dir: 'ltr'});
    expect(marksOf(el, 'Keeps you signed in and remembers your basket.')).to.deep.equal({
      lang: 'en',
      dir: 'ltr',
    });
    expect(marksOf(el, 'Example Shop')).to.deep.equal({lang: 'en', dir: 'ltr'});
    await expect(el).to.be.accessible();
  });

  it('takes plain strings to be in the configuration’s language', async () => {
    const korean: PrivacyConfig = {
      ...shopConfig,
      language: 'ko',
      purposes: shopConfig.purposes.map((purpose) => ({...purpose, description: '설명'})),
    };
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${korean} locale="ko"></privacy-preferences>`,
    );
    await waitForLang(el, 'ko');
    const descriptions = [...shadow(el).querySelectorAll('[part="description"]')];
    expect(descriptions.map((p) => p.getAttribute('lang'))).to.deep.equal([null, null, null, null]);
    // …and marks them inside an interface in another language.
    el.locale = 'de';
    await waitForLang(el, 'de');
    expect(
      [...shadow(el).querySelectorAll('[part="description"]')].map((p) => p.getAttribute('lang')),
    ).to.deep.equal(['ko', 'ko', 'ko', 'ko']);
  });

  it('re-renders in place when locale changes at run time', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${shopConfig} locale="en"></privacy-preferences>`,
    );
    const section = sectionOf(el);
    const toggle = switchNamed(el, 'Usage analytics');
    el.locale = 'tr';
    await waitForLang(el, 'tr');
    expect(sectionOf(el)).to.equal(section);
    expect(switchNamed(el, 'Usage analytics')).to.equal(toggle);
    expect(textOf(shadow(el).querySelector('h2'))).to.not.equal('Privacy choices');
    el.locale = 'he';
    await waitForLang(el, 'he');
    expect(section.getAttribute('dir')).to.equal('rtl');
  });

  it('follows lang="tr" on <html>', async () => {
    document.documentElement.lang = 'tr';
    try {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      await waitForLang(el, 'tr');
      expect(sectionOf(el).getAttribute('dir')).to.equal('ltr');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('follows a Hebrew browser, mirrored', async () => {
    const languages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!;
    Object.defineProperty(navigator, 'languages', {value: ['he-IL', 'en'], configurable: true});
    try {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      await waitForLang(el, 'he');
      expect(sectionOf(el).getAttribute('dir')).to.equal('rtl');
      await expect(el).to.be.accessible();
    } finally {
      Reflect.deleteProperty(navigator, 'languages');
      expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')).to.deep.equal(
        languages,
      );
    }
  });

  describe('lists and counts', () => {
    let restore: (() => void) | undefined;
    afterEach(() => restore?.());

    /** Two purposes Global Privacy Control applies to: a list in the notice. */
    const TWO_GPC: PrivacyConfig = {
      ...shopConfig,
      purposes: shopConfig.purposes.map((purpose) =>
        purpose.id === 'analytics' ? {...purpose, gpc: true} : purpose,
      ),
    };

    it('joins titles as the language does, each one whole and marked', async () => {
      restore = sendGpcSignal();
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${TWO_GPC} locale="en"></privacy-preferences>`,
      );
      const notice = shadow(el).querySelector('[part~="gpc-notice"]');
      expect(textOf(notice)).to.equal(
        'Your browser sent a Global Privacy Control signal, so we switched these off: Usage analytics and Ads on other websites. You can switch them back on at any time.',
      );
      el.locale = 'ja';
      await waitForLang(el, 'ja');
      const items = [...shadow(el).querySelectorAll('[part~="gpc-notice"] bdi')];
      expect(items.map((item) => [item.textContent, item.getAttribute('lang')])).to.deep.equal([
        ['利用状況の分析', null],
        ['Ads on other websites', 'en'],
      ]);
      expect(textOf(shadow(el).querySelector('[part~="gpc-notice"]'))).to.contain(
        '利用状況の分析、Ads on other websites',
      );
    });

    it('says one item without a broken sentence', async () => {
      restore = sendGpcSignal();
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} locale="en"></privacy-preferences>`,
      );
      expect(textOf(shadow(el).querySelector('[part~="gpc-notice"]'))).to.equal(
        'Your browser sent a Global Privacy Control signal, so we switched these off: Ads on other websites. You can switch them back on at any time.',
      );
    });

    const summaries: {
      locale: string;
      optional: number;
      expected: (n: string, of: string) => string;
    }[] = [
      {
        locale: 'en',
        optional: 1,
        expected: (n, of) => `You have switched on ${n} of ${of} optional use.`,
      },
      {
        locale: 'en',
        optional: 3,
        expected: (n, of) => `You have switched on ${n} of ${of} optional uses.`,
      },
      {locale: 'ar', optional: 1, expected: (n, of) => `فعّلت ${n} من أصل ${of} استخدام اختياري.`},
      {
        locale: 'ar',
        optional: 3,
        expected: (n, of) => `فعّلت ${n} من أصل ${of} استخدامات اختيارية.`,
      },
      {locale: 'pl', optional: 1, expected: (n, of) => `Włączono ${n} z ${of} opcjonalnego celu.`},
      {locale: 'pl', optional: 3, expected: (n, of) => `Włączono ${n} z ${of} opcjonalnych celów.`},
    ];
    for (const {locale, optional, expected} of summaries) {
      it(`counts ${optional} optional uses in ${locale} with its plural rules`, async () => {
        const config: PrivacyConfig = {
          ...shopConfig,
          purposes: shopConfig.purposes
            .filter((purpose) => purpose.required)
            .concat(shopConfig.purposes.filter((purpose) => !purpose.required).slice(0, optional)),
        };
        const {el} = await renderCenter(
          html`<privacy-preferences .config=${config} locale=${locale}></privacy-preferences>`,
        );
        await waitForLang(el, locale);
        const number = (value: number) => new Intl.NumberFormat(locale).format(value);
        expect(textOf(shadow(el).querySelector('[part="summary"]'))).to.equal(
          expected(number(0), number(optional)),
        );
      });
    }
  });
});
