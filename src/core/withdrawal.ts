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

/** A name to remove, and the purposes that are off and list it (for the activity log). */
export interface Withdrawn {
  readonly name: string;
  readonly purposeIds: readonly string[];
}

/** Of the names present, those to remove under these choices, each with its purposes. */
export function namesToRemove(
  purposes: readonly PurposeConfig[],
  choices: Choices,
  kind: 'cookies' | 'storage',
  present: readonly string[],
): Withdrawn[] {
  const lists = (purpose: PurposeConfig, name: string) =>
    (purpose[kind] ?? []).some((pattern) => matchesName(name, pattern));
  return present.flatMap((name) => {
    const listing = purposes.filter((purpose) => lists(purpose, name));
    if (listing.some(({id}) => choices[id] === 'granted')) return [];
    return listing.length > 0 ? [{name, purposeIds: listing.map(({id}) => id)}] : [];
  });
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
