/**
 * The interface's translations (@lit/localize, runtime mode). Each locale is its own small
 * module, loaded only when a customer needs it.
 */
import {configureLocalization, type LocaleModule} from '@lit/localize';
import {allLocales, sourceLocale, targetLocales} from './generated/locale-codes.js';

type TargetLocale = (typeof targetLocales)[number];

// Literal import() calls, one per locale, so that bundlers split them and test servers resolve them.
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('./generated/locales/ar.js'),
  de: () => import('./generated/locales/de.js'),
  fr: () => import('./generated/locales/fr.js'),
  ja: () => import('./generated/locales/ja.js'),
};

export const supportedLocales: readonly string[] = allLocales;

export const {getLocale, setLocale} = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as TargetLocale](),
});
