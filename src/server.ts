/**
 * `privacy-preferences/server`: the banner in the server's first HTML, so that it paints with
 * the page's first frame, before any script of ours has loaded. `renderBanner` writes the
 * banner's markup (banner-markup.ts, the same definition the browser builds it from) as a
 * declarative shadow root, to be put inside the page's `<privacy-preferences mode="banner">`;
 * the element takes it over without painting it again. A customer who has decided (the decided
 * cookie, core/decided-cookie.ts) gets nothing.
 *
 * For Node (and any server runtime with ES modules); importing it does nothing. The
 * translations are looked up per call: renders for customers in different languages may run at
 * the same time.
 */
import {_installMsgImplementation} from '@lit/localize/init/install.js';
import {runtimeMsg} from '@lit/localize/internal/runtime-msg.js';
import type {LocaleModule} from '@lit/localize';
import type {MsgFn} from '@lit/localize/internal/types.js';
import type {HeadingLevel} from './attributes.js';
import {parseConfig, type PrivacyConfig, type PrivacyConfigInput} from './core/config.js';
import {decidedVersionIn} from './core/decided-cookie.js';
import {negotiateLocale} from './core/locale.js';
import {describeProblem} from './core/problem.js';
import {allLocales, sourceLocale} from './generated/locale-codes.js';
import {bannerMarkup, liveRegion} from './ui/banner-markup.js';
import {loaders, type TargetLocale} from './ui/locale-loaders.js';
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
}

/** The translations of one render: set, used and cleared within one synchronous build. */
let templates: LocaleModule['templates'] | undefined;
let isInstalled = false;

/**
 * The banner as markup for the inside of `<privacy-preferences mode="banner">`: a `<template
 * shadowrootmode="open">` with the banner's styles and text, or `""` when the customer has
 * decided. Rejects, with every problem named, a configuration the element would refuse.
 */
export async function renderBanner(
  config: PrivacyConfigInput,
  options: RenderBannerOptions = {},
): Promise<string> {
  const valid = validConfig(config, 'renderBanner');
  // Decided, under this policy or an earlier one: the element shows what is due itself (a
  // changed policy's banner says what changed, which only this browser's copy knows).
  if (decidedVersionIn(options.cookie) !== undefined) return '';
  const preferred = [options.locale ?? sourceLocale]
    .flat()
    .filter((tag): tag is string => typeof tag === 'string' && tag !== '');
  const shown = negotiateLocale(preferred, allLocales);
  const module = shown === sourceLocale ? undefined : await loaders[shown as TargetLocale]();
  if (!isInstalled) {
    // One overload per kind of template; the banner uses strings and `str` alone.
    _installMsgImplementation(((template, msgOptions) =>
      runtimeMsg(templates, template, msgOptions)) as MsgFn);
    isInstalled = true;
  }
  // Synchronous from here on: no other render can change the translations in between.
  templates = module?.templates;
  try {
    const level = Number(options.headingLevel);
    const banner = bannerMarkup(markup, {
      config: valid,
      policyChange: undefined,
      languages: languagesFor(preferred, valid.language, shown),
      headingLevel: Number.isInteger(level) && level >= 2 && level <= 6 ? level : 2,
      isUnsaved: false,
    });
    return `<template shadowrootmode="open"><style>${baseStyles}${bannerStyles}</style>${liveRegion(markup).html}${banner.html}</template>`;
  } finally {
    templates = undefined;
  }
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
