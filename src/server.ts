/**
 * `privacy-preferences/server`: the banner in the server's first HTML, so that it paints with
 * the page's first frame, before any script of ours has loaded. `renderBanner` writes the
 * banner's markup (banner-markup.ts, the same definition the browser builds it from) as a
 * declarative shadow root, to be put inside the page's `<privacy-preferences mode="banner">`;
 * the element takes it over without painting it again. A customer who has decided (the decided
 * cookie, core/decided-cookie.ts) gets nothing.
 *
 * For Node (and any server runtime with ES modules); importing it does nothing. A render is
 * synchronous, every translation at hand: renders for customers in different languages never
 * mix.
 */
import {_installMsgImplementation} from '@lit/localize/init/install.js';
import {runtimeMsg} from '@lit/localize/internal/runtime-msg.js';
import type {LocaleModule} from '@lit/localize';
import type {MsgFn} from '@lit/localize/internal/types.js';
import type {HeadingLevel} from './attributes.js';
import {parseConfig, type PrivacyConfig, type PrivacyConfigInput} from './core/config.js';
import {startingChoices} from './core/consent.js';
import {decidedVersionIn} from './core/decided-cookie.js';
import {normalizeRegion, ruleFor} from './core/jurisdiction.js';
import {negotiateLocale} from './core/locale.js';
import {describeProblem} from './core/problem.js';
import {allLocales, sourceLocale, type targetLocales} from './generated/locale-codes.js';
import {templates as ar} from './generated/locales/ar.js';
import {templates as de} from './generated/locales/de.js';
import {templates as es} from './generated/locales/es.js';
import {templates as fr} from './generated/locales/fr.js';
import {templates as he} from './generated/locales/he.js';
import {templates as hi} from './generated/locales/hi.js';
import {templates as it} from './generated/locales/it.js';
import {templates as ja} from './generated/locales/ja.js';
import {templates as ko} from './generated/locales/ko.js';
import {templates as nl} from './generated/locales/nl.js';
import {templates as pl} from './generated/locales/pl.js';
import {templates as ptBR} from './generated/locales/pt-BR.js';
import {templates as sv} from './generated/locales/sv.js';
import {templates as tr} from './generated/locales/tr.js';
import {templates as zhHans} from './generated/locales/zh-Hans.js';
import {templates as zhHant} from './generated/locales/zh-Hant.js';
import {bannerMarkup, gpcRefused, HIDDEN_UNTIL_PARSED, liveRegion} from './ui/banner-markup.js';
import {markup} from './ui/markup.js';
import {baseStyles} from './ui/styles/base.js';
import {bannerStyles} from './ui/styles/banner.js';
import {languagesFor} from './ui/text-parts.js';

export {DECIDED_COOKIE} from './core/decided-cookie.js';
export type {HeadingLevel, PrivacyConfigInput};

export interface RenderBannerOptions {
  /**
   * The customer's language, or languages in order of preference (BCP 47): what the element
   * will read from its `locale` attribute or the page's `lang`, so that both say the same.
   * Without it, English.
   */
  readonly locale?: string | readonly string[] | undefined;
  /**
   * The request's `Cookie` header. When it carries the decided cookie, the customer has
   * decided: no banner (under a changed policy, the element shows its own, which says what
   * changed).
   */
  readonly cookie?: string | null | undefined;
  /** The element's `heading-level` (2 to 6; anything else is 2). */
  readonly headingLevel?: HeadingLevel | number | undefined;
  /**
   * Where the customer is (ISO 3166: `DE`, `US-CA`; a CDN's country header), as the element's
   * `region` attribute will say: picks the configuration's jurisdiction rule. Where the rule asks
   * nothing on a first visit (opt-out), no banner; where it is a notice, the notice. Unknown: the
   * strictest rule.
   */
  readonly region?: string | undefined;
  /**
   * The request says Global Privacy Control (`Sec-GPC: 1`): the banner says what the signal
   * turns off, as the element's will.
   */
  readonly gpc?: boolean | undefined;
  /**
   * The URL of the folder the page loads `privacy-preferences.js` from (`/privacy-preferences/`):
   * the banner is then followed by a `<link rel="modulepreload">` for the entry and each module
   * the banner needs, so that they load while the page is parsed and the banner's buttons work
   * sooner (after it: a parser that yields at a link does not paint the page without the
   * banner). Without it, the entry requests them once it runs.
   */
  readonly modules?: string | undefined;
}

/** Every translation, at hand: a render is synchronous. */
const TRANSLATIONS: Record<(typeof targetLocales)[number], LocaleModule['templates']> = {
  ar,
  de,
  es,
  fr,
  he,
  hi,
  it,
  ja,
  ko,
  nl,
  pl,
  'pt-BR': ptBR,
  sv,
  tr,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
};

/** The translations of one render: set, used and cleared within it. */
let templates: LocaleModule['templates'] | undefined;
let isInstalled = false;

/**
 * The banner as markup for the inside of `<privacy-preferences mode="banner">`: a `<template
 * shadowrootmode="open">` with the banner's styles and text, or `""` when the customer has
 * decided. Throws a `TypeError`, with every problem named, for a configuration the element would
 * refuse.
 */
export function renderBanner(
  config: PrivacyConfigInput,
  options: RenderBannerOptions = {},
): string {
  const valid = validConfig(config, 'renderBanner');
  // Decided, under this policy or an earlier one: the element shows what is due itself (a
  // changed policy's banner says what changed, which only this browser's copy knows).
  if (decidedVersionIn(options.cookie) !== undefined) return '';
  const rule = ruleFor(valid.jurisdictions, normalizeRegion(options.region));
  if (rule.model === 'opt-out') return '';
  const preferred = [options.locale ?? sourceLocale]
    .flat()
    .filter((tag): tag is string => typeof tag === 'string' && tag !== '');
  const shown = negotiateLocale(preferred, allLocales);
  if (!isInstalled) {
    // One overload per kind of template; the banner uses strings and `str` alone.
    _installMsgImplementation(((template, msgOptions) =>
      runtimeMsg(templates, template, msgOptions)) as MsgFn);
    isInstalled = true;
  }
  templates = shown === sourceLocale ? undefined : TRANSLATIONS[shown as keyof typeof TRANSLATIONS];
  try {
    const level = Number(options.headingLevel);
    const languages = languagesFor(preferred, valid.language, shown);
    // A first visit's choices, as the element will start them.
    const {choices} = startingChoices(
      valid.purposes,
      valid.policyVersion,
      undefined,
      options.gpc === true,
      rule,
    );
    const banner = bannerMarkup(markup, {
      config: valid,
      policyChange: undefined,
      languages,
      headingLevel: Number.isInteger(level) && level >= 2 && level <= 6 ? level : 2,
      isUnsaved: false,
      closeRejects: rule.closeMeans === 'reject',
      isNotice: rule.model === 'notice',
      gpcTitles: options.gpc === true ? gpcRefused(valid, choices, languages) : [],
    });
    return `<template shadowrootmode="open"><style>${baseStyles}${bannerStyles}${HIDDEN_UNTIL_PARSED}</style>${liveRegion(markup).html}${banner.html}</template>${preloads(options.modules)}`;
  } finally {
    templates = undefined;
  }
}

/**
 * The entry and the banner's modules by the names the build gave them (`dist/module-graph.json`,
 * written into this file by the server's build: vite.config.ts); none when run from the sources.
 */
const BUILT_FILES: {readonly entry: string; readonly banner: readonly string[]} | undefined =
  undefined;

/** `<link rel="modulepreload">` for the entry and the banner's modules, under `folder`. */
function preloads(folder: string | undefined): string {
  if (typeof folder !== 'string' || folder === '' || !BUILT_FILES) return '';
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  return [BUILT_FILES.entry, ...BUILT_FILES.banner]
    .map((file) => markup.element('link', {rel: 'modulepreload', href: base + file.slice(2)}).html)
    .join('');
}

/**
 * The configuration as the element's inline JSON, `<script type="application/json">…</script>`,
 * to put inside `<privacy-preferences>` beside the banner: the element reads it without a
 * request. Written so that no text of it can end the script or start markup (`<`, `>`, `&` and
 * the line separators as JSON escapes). Throws, naming every problem, for a configuration the
 * element would refuse.
 */
export function configScript(config: PrivacyConfigInput): string {
  validConfig(config, 'configScript');
  const json = JSON.stringify(config).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<script type="application/json">${json}</script>`;
}

function validConfig(config: PrivacyConfigInput, caller: string): PrivacyConfig {
  const parsed = parseConfig(config);
  if (!parsed.ok)
    throw new TypeError(
      `${caller}: invalid configuration: ${parsed.problems.map(describeProblem).join('; ')}`,
    );
  return parsed.config;
}
