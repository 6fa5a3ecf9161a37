/**
 * Every customer's language: each shipped locale shows the whole interface in that language
 * (no English chrome left), mirrored when written right to left, from one small module; the
 * interface says which language it speaks (`lang`) from the strings actually shown, and marks
 * configuration text in another language (WCAG 3.1.2).
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import type {PrivacyPreferences} from '../../src/index.js';
import {targetLocales} from '../../src/generated/locale-codes.js';
import type {PrivacyConfig} from '../../src/core/config.js';
import {
  captureErrors,
  failOnWarnings,
  forgetEverything,
  renderCenter,
  shadow,
} from '../support/center.js';

/** Configuration text with no letters of any language: whatever letters show are the interface's. */
const NEUTRAL: PrivacyConfig = {
  policyVersion: '2026-11-01',
  policyUrl: 'https://shop.example/privacy',
  controller: {name: '◆ ◆', contact: '◆@shop.example'},
  purposes: [
    {
      id: 'essential',
      title: '◆1',
      description: '◆2',
      benefit: '◆3',
      legalBasis: 'contract',
      required: true,
      default: 'granted',
      data: ['◆4'],
      recipients: [{name: '◆5'}],
      retention: '◆6',
      gpc: false,
      consentMode: [],
    },
    ...['analytics', 'ads'].map((id, index) => ({
      id,
      title: `◆${10 + index}`,
      description: '◆7',
      benefit: '◆8',
      legalBasis: 'consent' as const,
      required: false,
      default: 'denied' as const,
      data: [],
      recipients: [],
      gpc: false,
      consentMode: [],
    })),
  ],
};

/** Units a language may write as English does (checked per locale in the XLIFF test too). */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  de: ['Details'],
  nl: ['Details'],
};

/** Every piece of text a customer meets, and every accessible name given by an attribute. */
function textsOf(el: PrivacyPreferences): string[] {
  const root = shadow(el);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text) texts.push(text);
  }
  for (const labelled of root.querySelectorAll('[aria-label]'))
    texts.push(labelled.getAttribute('aria-label')!);
  return texts;
}

/** The chrome only: texts with a letter in them that no configuration text accounts for. */
function chromeOf(el: PrivacyPreferences): Set<string> {
  return new Set(textsOf(el).filter((text) => /\p{L}/u.test(text.replace(/◆\S*/gu, ''))));
}

/** The locale modules requested so far by this page. */
function requestedLocales(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => /\/generated\/locales\/([A-Za-z-]+)\.[jt]s/.exec(entry.name)?.[1])
    .filter((name): name is string => name !== undefined);
}

async function renderIn(
  locale: string,
  mode: 'inline' | 'banner',
): Promise<{el: PrivacyPreferences; section: HTMLElement}> {
  const {el} = await renderCenter(
    html`<privacy-preferences
      .config=${NEUTRAL}
      locale=${locale}
      mode=${mode}
    ></privacy-preferences>`,
  );
  const selector = mode === 'banner' ? '[part="banner"]' : '[part="base"]';
  await waitUntil(() => shadow(el).querySelector(selector), `no ${mode} center`);
  await el.updateComplete;
  return {el, section: shadow(el).querySelector<HTMLElement>(selector)!};
}

describe('every shipped locale', () => {
  failOnWarnings();
  const errors = captureErrors();
  beforeEach(() => forgetEverything());
  afterEach(() => expect(errors.messages).to.deep.equal([]));

  let english: {inline: Set<string>; banner: Set<string>};
  before(async () => {
    await forgetEverything();
    const inline = chromeOf((await renderIn('en', 'inline')).el);
    await forgetEverything();
    english = {inline, banner: chromeOf((await renderIn('en', 'banner')).el)};
  });

  it('has English chrome to compare with (the check can fail)', () => {
    expect([...english.inline]).to.include.members([
      'Accept all',
      'Reject all',
      'What you get:',
      'How we use your data',
      'Download my choices',
    ]);
    expect([...english.banner]).to.include.members([
      'Your privacy choices',
      'Choose what to allow',
    ]);
  });

  for (const locale of targetLocales) {
    const isRightToLeft = locale === 'ar' || locale === 'he';
    for (const mode of ['inline', 'banner'] as const) {
      it(`${locale}, ${mode}: every string translated, marked lang="${locale}" and ${isRightToLeft ? 'mirrored' : 'left to right'}`, async () => {
        const before = requestedLocales();
        const {el, section} = await renderIn(locale, mode);
        const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
        const leftInEnglish = [...chromeOf(el)].filter(
          (text) => english[mode].has(text) && !allowed.has(text),
        );
        expect(leftInEnglish).to.deep.equal([]);
        expect(section.getAttribute('lang')).to.equal(locale);
        expect(section.getAttribute('dir')).to.equal(isRightToLeft ? 'rtl' : 'ltr');
        // Its own module at most (another test of this page may have loaded it already).
        const loaded = requestedLocales().filter((name) => !before.includes(name));
        expect(loaded.every((name) => name === locale)).to.equal(true);
        expect(requestedLocales()).to.include(locale);
        await expect(el).to.be.accessible();
      });
    }
  }
});
