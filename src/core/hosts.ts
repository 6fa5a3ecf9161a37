/**
 * Which purposes a request to a host belongs to (docs/configuration.md, recipients' `hosts`):
 * the network backstop holds a request back while every purpose listing its host is off, and
 * an embed names the recipient whose hosts match as its provider. Pure: every case is a row.
 */
import type {PurposeConfig, Recipient} from './config.js';
import type {Choices} from './consent.js';

/** Whether `host` is `pattern`, or, for `*.example.com`, `example.com` or one of its subdomains. */
export function hostMatches(host: string, pattern: string): boolean {
  return matches(canonical(host), pattern);
}

/** The recipient of this purpose whose hosts match `host`: an embed's provider. */
export function recipientForHost(purpose: PurposeConfig, host: string): Recipient | undefined {
  return recipientOf(purpose, canonical(host));
}

/** Lowercase, without the trailing dot of a fully qualified name: as patterns are written. */
const canonical = (host: string) => host.toLowerCase().replace(/\.$/, '');

function matches(name: string, pattern: string): boolean {
  if (!pattern.startsWith('*.')) return name === pattern;
  const domain = pattern.slice(2);
  return name === domain || name.endsWith(`.${domain}`);
}

function recipientOf(purpose: PurposeConfig, name: string): Recipient | undefined {
  return purpose.recipients.find(({hosts}) => hosts?.some((pattern) => matches(name, pattern)));
}

/**
 * The purposes that hold back a request to `host` under these choices: every purpose that
 * lists it, when none of them is granted; none when one is granted or no purpose lists it.
 */
export function blockingPurposes(
  purposes: readonly PurposeConfig[],
  choices: Choices,
  host: string,
): string[] {
  // Made canonical once: every request the backstop sees comes through here.
  const name = canonical(host);
  const listing = purposes.filter((purpose) => recipientOf(purpose, name) !== undefined);
  return listing.some(({id}) => choices[id] === 'granted') ? [] : listing.map(({id}) => id);
}
