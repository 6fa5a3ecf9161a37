/** What the element reads from the page around it. */

/** The customer's languages in order of preference: the `locale` attribute, the nearest `lang`, the browser's. */
export function preferredLocales(element: Element, locale: string | undefined): readonly string[] {
  if (locale) return [locale];
  const lang = element.closest('[lang]')?.getAttribute('lang');
  if (lang) return [lang];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language || 'en'];
}

/** The configuration written inside the element, `<script type="application/json">`, if any. */
export function inlineJson(element: Element): string | undefined {
  const script = element.querySelector(':scope > script[type="application/json"]');
  return script ? (script.textContent ?? '') : undefined;
}
