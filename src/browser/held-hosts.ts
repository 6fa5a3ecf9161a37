/**
 * The backstop as the configuration asks for it (loaded only when a recipient lists hosts):
 * requests to a host are held back while every purpose listing it is off — except the consent
 * endpoint, the configuration and this bundle's own modules — and each one held back is noted.
 */
import type {PurposeConfig} from '../core/config.js';
import type {Choices} from '../core/consent.js';
import {blockingPurposes} from '../core/hosts.js';
import {installBackstop, type Backstop} from './backstop.js';

export function holdBackHosts(
  purposes: readonly PurposeConfig[],
  choices: () => Choices,
  ownUrls: readonly (string | undefined)[],
  onBlocked: (purposeIds: readonly string[], host: string) => void,
): Backstop {
  const own = ownPrefixes(ownUrls);
  return installBackstop(window, {
    blockedBy: (url) =>
      own.some((prefix) => url.href.startsWith(prefix))
        ? []
        : blockingPurposes(purposes, choices(), url.hostname),
    onBlocked,
  });
}

/** Each URL without its query and fragment, and the folder the entry came from. */
function ownPrefixes(urls: readonly (string | undefined)[]): string[] {
  return [...urls, new URL(/* @vite-ignore */ '.', import.meta.url).href].flatMap((url) => {
    if (!url) return [];
    try {
      return [new URL(url, document.baseURI).href.replace(/[?#].*$/, '')];
    } catch {
      return [];
    }
  });
}
