/**
 * The interface's translations (@lit/localize, runtime mode). Each locale is its own small
 * module, loaded only when a customer needs it. Part of the interface: the entry never loads it.
 */
import {configureLocalization, type LocaleModule} from '@lit/localize';
import {negotiateLocale} from '../core/locale.js';
import {allLocales, sourceLocale, targetLocales} from '../generated/locale-codes.js';

type TargetLocale = (typeof targetLocales)[number];

// Literal import() calls, one per locale, so that bundlers split them and test servers resolve them.
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('../generated/locales/ar.js'),
  de: () => import('../generated/locales/de.js'),
  es: () => import('../generated/locales/es.js'),
  fr: () => import('../generated/locales/fr.js'),
  he: () => import('../generated/locales/he.js'),
  hi: () => import('../generated/locales/hi.js'),
  it: () => import('../generated/locales/it.js'),
  ja: () => import('../generated/locales/ja.js'),
  ko: () => import('../generated/locales/ko.js'),
  nl: () => import('../generated/locales/nl.js'),
  pl: () => import('../generated/locales/pl.js'),
  'pt-BR': () => import('../generated/locales/pt-BR.js'),
  sv: () => import('../generated/locales/sv.js'),
  tr: () => import('../generated/locales/tr.js'),
  'zh-Hans': () => import('../generated/locales/zh-Hans.js'),
  'zh-Hant': () => import('../generated/locales/zh-Hant.js'),
};

const {getLocale, setLocale} = configure();

/**
 * `@lit/localize` can be configured once per page. With `lit-external`, an app that configured
 * it for its own translations shares it with us: the interface then speaks English (the
 * source strings, marked `lang="en"`) instead of failing to load.
 */
function configure(): {getLocale(): string; setLocale(locale: string): Promise<void>} {
  try {
    return configureLocalization({
      sourceLocale,
      targetLocales,
      loadLocale: (locale) => loaders[locale as TargetLocale](),
    });
  } catch {
    return {getLocale: () => sourceLocale, setLocale: () => Promise.resolve()};
  }
}

/**
 * Switches the interface to the best of the customer's languages; resolves, once its strings
 * are in, with the locale the interface now speaks (a locale that fails to load leaves the
 * strings shown so far, and their locale).
 */
export async function useLocale(preferred: readonly string[]): Promise<string> {
  try {
    await setLocale(negotiateLocale(preferred, allLocales));
  } catch {
    // Offline or blocked: the interface stays readable in the language it has.
  }
  return getLocale();
}
