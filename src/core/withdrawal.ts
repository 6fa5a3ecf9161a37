/**
 * What turning a purpose off removes from the browser (docs/configuration.md, `cookies` and
 * `storage`): the names a denied purpose lists, except those a granted purpose also lists (a
 * required purpose's session cookie survives a broad prefix of an optional one). Pure, so
 * every case is a table row; `browser/withdrawal.ts` does the removing.
 */
import type {PurposeConfig} from './config.js';
import type {Choices} from './consent.js';

/** Whether `name` is `pattern`, or begins with it when the pattern ends in `*`. */
export function matchesName(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** Of the names present, those to remove under these choices. */
export function namesToRemove(
  purposes: readonly PurposeConfig[],
  choices: Choices,
  kind: 'cookies' | 'storage',
  present: readonly string[],
): string[] {
  const listed = (isGranted: boolean) =>
    purposes
      .filter((purpose) => (choices[purpose.id] === 'granted') === isGranted)
      .flatMap((purpose) => purpose[kind] ?? []);
  const withdrawn = listed(false);
  const kept = listed(true);
  const matches = (name: string, patterns: readonly string[]) =>
    patterns.some((pattern) => matchesName(name, pattern));
  return present.filter((name) => matches(name, withdrawn) && !matches(name, kept));
}

/**
 * The domains a cookie of this page may have been set for: none but the host itself for an IP
 * address or a single-label host, else the host and each parent domain. The browser refuses a
 * cookie for a public suffix (`co.uk`), so removing one there is a no-op, and no list of
 * suffixes is needed to stop at the registrable domain.
 */
export function cookieDomains(hostname: string): string[] {
  if (!hostname.includes('.') || /^[\d.]+$|:/.test(hostname)) return [];
  const labels = hostname.split('.');
  return labels.slice(0, -1).map((_, index) => labels.slice(index).join('.'));
}

/** The paths a cookie of this page may have been set at: `/` and the page's default path. */
export function cookiePaths(pathname: string): string[] {
  const directory = pathname.slice(0, pathname.lastIndexOf('/'));
  return directory && directory !== '/' ? ['/', directory] : ['/'];
}
