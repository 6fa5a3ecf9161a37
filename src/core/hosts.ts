/**
 * Which purposes a request to a host belongs to (docs/configuration.md, recipients' `hosts`):
 * the network backstop holds a request back while every purpose listing its host is off, and
 * an embed names the recipient whose hosts match as its provider. Pure: every case is a row.
 */
import type {PurposeConfig, Recipient} from './config.js';
import type {Choices} from './consent.js';

/** Whether `host` is `pattern`, or, for `*.example.com`, `example.com` or one of its subdomains. */
export function hostMatches(host: string, pattern: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!pattern.startsWith('*.')) return name === pattern;
  const domain = pattern.slice(2);
  return name === domain || name.endsWith(`.${domain}`);
}

/** The recipient of this purpose whose hosts match `host`: an embed's provider. */
export function recipientForHost(purpose: PurposeConfig, host: string): Recipient | undefined {
  return purpose.recipients.find(({hosts}) => hosts?.some((pattern) => hostMatches(host, pattern)));
}

/** Whether any recipient lists hosts: without them the backstop is never loaded. */
export function listsHosts(purposes: readonly PurposeConfig[]): boolean {
  return purposes.some(({recipients}) => recipients.some(({hosts}) => hosts !== undefined));
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
  const listing = purposes.filter((purpose) => recipientForHost(purpose, host) !== undefined);
  return listing.some(({id}) => choices[id] === 'granted') ? [] : listing.map(({id}) => id);
}
