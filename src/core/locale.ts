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
 * match, then a less specific one (`pt-BR` → `pt`), then the same language in the same script
 * (`zh-TW` and `zh-Hant-HK` → `zh-Hant`, `zh-CN` → `zh-Hans`), then another region of the same
 * language (`pt-PT` → `pt-BR`); `en` when nothing matches.
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
    const sameLanguage = supported.filter(
      (candidate) => baseLanguage(candidate) === baseLanguage(tag),
    );
    const script = likelyScript(tag);
    const match =
      sameLanguage.find((candidate) => likelyScript(candidate) === script) ??
      (script ? undefined : sameLanguage[0]);
    if (match) return match;
  }
  return fallback;
}

/** The script a tag is most likely written in (`zh-TW` → `Hant`); `undefined` for a malformed tag. */
function likelyScript(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined;
  }
}

/** Looks up configuration text: `pt-BR` → `pt` → `en` → the first entry given. */
export function localizedText(text: LocalizedText, locale: string): string {
  return lookUp(text, locale)[1];
}

/**
 * Configuration text as the interface shows it: the text for the customer's language, and the
 * language it is written in when that is not the interface's (it fell back, or the interface
 * did), so that it can be marked up for screen readers. Text given as a plain string is in
 * the configuration's `language` (`en` unless it says otherwise).
 */
export interface TextPart {
  readonly value: string;
  readonly lang: string | undefined;
}

/** The two languages of a render: what the customer asked for, and what the interface shows. */
export interface Languages {
  /** The customer's language; configuration text is looked up in it. */
  readonly requested: string;
  /** The language of the interface's own strings (the translation actually loaded). */
  readonly shown: string;
  /** The language of configuration text given as plain strings. */
  readonly plain: string;
}

export function textPart(text: LocalizedText, {requested, shown, plain}: Languages): TextPart {
  const [tag = plain, value] = lookUp(text, requested);
  return {value, lang: tag.toLowerCase() !== shown.toLowerCase() ? tag : undefined};
}

const intlObjects = new Map<string, object>();

/**
 * One Intl object per kind and locale for the life of the page: making one costs more than a
 * whole render (a date format, 17 ms on a 4× slowed CPU), using it again almost nothing.
 */
export function intl<T extends object>(kind: string, locale: string, make: () => T): T {
  const key = `${kind} ${locale}`;
  let made = intlObjects.get(key) as T | undefined;
  if (!made) intlObjects.set(key, (made = make()));
  return made;
}

/** A count as the locale writes it ("1,234", "١٬٢٣٤"). */
export function formatNumber(value: number, locale: string): string {
  try {
    return intl('number', locale, () => new Intl.NumberFormat(locale)).format(value);
  } catch {
    return String(value);
  }
}

/** An item of a formatted list (a title), or the words between the items. */
export interface ListPiece extends TextPart {
  readonly isItem: boolean;
}

/**
 * A list of titles joined as the locale joins lists ("A, B and C", "A、B、C", "A، B و C"), so
 * that a message needs no grammar around it: "Turned off: {list}."
 */
export function listPieces(items: readonly TextPart[], locale: string): ListPiece[] {
  let parts: readonly {readonly type: string; readonly value: string}[];
  try {
    parts = intl(
      'list',
      locale,
      () => new Intl.ListFormat(locale, {type: 'conjunction'}),
    ).formatToParts(items.map((item) => item.value));
  } catch {
    parts = items.flatMap((item, index) => [
      ...(index > 0 ? [{type: 'literal', value: ', '}] : []),
      {type: 'element', value: item.value},
    ]);
  }
  let next = 0;
  return parts.map((part) =>
    part.type === 'element'
      ? {...items[next++], isItem: true}
      : {value: part.value, lang: undefined, isItem: false},
  );
}

/** The CLDR plural category of a count in a locale (`one`, `few`, `other`…). */
export function pluralCategory(count: number, locale: string): Intl.LDMLPluralRule {
  try {
    return intl('plural', locale, () => new Intl.PluralRules(locale)).select(count);
  } catch {
    return count === 1 ? 'one' : 'other';
  }
}

export function isRightToLeft(locale: string): boolean {
  return RTL_LANGUAGES.has(baseLanguage(locale));
}

function baseLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}

/** The tag the text was found under (none for a plain string) and the text. */
function lookUp(text: LocalizedText, locale: string): readonly [string | undefined, string] {
  if (typeof text === 'string') return [undefined, text];
  const entries = Object.entries(text);
  const byLowerCase = new Map(entries.map((entry) => [entry[0].toLowerCase(), entry]));
  for (const candidate of [...truncations(locale.toLowerCase()), FALLBACK_LOCALE]) {
    const found = byLowerCase.get(candidate);
    if (found) return found;
  }
  return entries[0] ?? [undefined, ''];
}
