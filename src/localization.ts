/**
 * The interface's translations (@lit/localize, runtime mode). Each locale is its own small
 * module, loaded only when a customer needs it. Part of the interface: the entry never loads it.
 */
import {configureLocalization, type LocaleModule} from '@lit/localize';
import {negotiateLocale} from './core/locale.js';
import {allLocales, sourceLocale, targetLocales} from './generated/locale-codes.js';

type TargetLocale = (typeof targetLocales)[number];

// Literal import() calls, one per locale, so that bundlers split them and test servers resolve them.
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('./generated/locales/ar.js'),
  de: () => import('./generated/locales/de.js'),
  fr: () => import('./generated/locales/fr.js'),
  ja: () => import('./generated/locales/ja.js'),
};

const {setLocale} = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as TargetLocale](),
});

/**
 * Switches the interface to the best of the customer's languages; resolves once its strings
 * are in (a locale that fails to load leaves the strings shown so far).
 */
export async function useLocale(preferred: readonly string[]): Promise<void> {
  try {
    await setLocale(negotiateLocale(preferred, allLocales));
  } catch {
    // Offline or blocked: the interface stays readable in the language it has.
  }
}
