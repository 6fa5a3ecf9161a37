/**
 * Where each translation of the interface's strings comes from: one small module per locale,
 * loaded only when a customer needs it — in the browser (localization.ts) and on a server
 * (`renderBanner`, src/server.ts).
 */
import type {LocaleModule} from '@lit/localize';
import type {targetLocales} from '../generated/locale-codes.js';

export type TargetLocale = (typeof targetLocales)[number];

// Literal import() calls, one per locale, so that bundlers split them and test servers resolve them.
export const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
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
