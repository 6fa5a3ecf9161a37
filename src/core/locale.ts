/**
 * Locale resolution and localized-text lookup. Pure: callers pass in what the page offers
 * (the `locale` attribute, the nearest `lang`, `navigator.languages`).
 */
import type {LocalizedText} from './config.js';

export const FALLBACK_LOCALE = 'en';

/** Base languages written right to left. */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'ks',
  'ku',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
]);

/** `pt-BR` → [`pt-BR`, `pt`]; `zh-Hant-TW` → [`zh-Hant-TW`, `zh-Hant`, `zh`]. */
export function truncations(tag: string): string[] {
  const parts = tag.split('-');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('-'));
}

/**
 * Picks the supported locale that best serves the customer's ordered preferences: an exact
 * match, then a less specific one (`pt-BR` → `pt`), then a more specific one of the same
 * language (`pt` → `pt-BR`); `en` when nothing matches.
 */
export function negotiateLocale(
  preferred: readonly string[],
  supported: readonly string[],
  fallback: string = FALLBACK_LOCALE,
): string {
  const byLowerCase = new Map(supported.map((tag) => [tag.toLowerCase(), tag]));
  for (const tag of preferred) {
    for (const candidate of truncations(tag.toLowerCase())) {
      const match = byLowerCase.get(candidate);
      if (match) return match;
    }
    const language = baseLanguage(tag);
    const sameLanguage = supported.find((candidate) => baseLanguage(candidate) === language);
    if (sameLanguage) return sameLanguage;
  }
  return fallback;
}

/** Looks up configuration text: `pt-BR` → `pt` → `en` → the first entry given. */
export function localizedText(text: LocalizedText, locale: string): string {
  if (typeof text === 'string') return text;
  const byLowerCase = new Map(
    Object.entries(text).map(([tag, value]) => [tag.toLowerCase(), value]),
  );
  for (const candidate of [...truncations(locale.toLowerCase()), FALLBACK_LOCALE]) {
    const value = byLowerCase.get(candidate);
    if (value !== undefined) return value;
  }
  return Object.values(text)[0] ?? '';
}

export function isRightToLeft(locale: string): boolean {
  return RTL_LANGUAGES.has(baseLanguage(locale));
}

function baseLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}
