/**
 * What becomes of an embed (`<iframe data-purpose="…" data-src="…">`, docs/embeds.md) under the
 * current choices: loaded, waiting for its purposes behind a placeholder, or never loaded.
 * Pure: every case is a row of its table test; the page effect (browser/embeds.ts) only
 * carries the answer out.
 */
import type {PurposeConfig, Recipient} from './config.js';
import type {Choices} from './consent.js';
import {recipientForHost} from './hosts.js';

export type EmbedPlan =
  /** Every purpose it names is granted: `url` goes into the frame's `src`. */
  | {readonly kind: 'load'; readonly url: string; readonly host: string; readonly ids: string[]}
  /** Some are not: a placeholder asks for `missing`, in the order the frame names them. */
  | {
      readonly kind: 'ask';
      readonly host: string;
      readonly purposes: readonly PurposeConfig[];
      readonly missing: readonly PurposeConfig[];
      /** The recipient whose `hosts` match the frame's host, if one of its purposes lists it. */
      readonly provider: Recipient | undefined;
    }
  /**
   * It can never load: its address is not an http(s) one (`address`), or it names no purpose
   * or one the configuration does not have (`purpose`, with the ids in `unknown`).
   */
  | {
      readonly kind: 'never';
      readonly reason: 'address' | 'purpose';
      readonly unknown: readonly string[];
    };

/** The ids a `data-purpose` value lists, once each (space separated, as gated scripts take them). */
export function purposeIdsOf(value: string | null): string[] {
  return [...new Set((value ?? '').split(/\s+/).filter(Boolean))];
}

/**
 * The plan for a frame whose `data-purpose` is `purposeValue` and `data-src` is `source`, read
 * against `base` (the page's base URL). An unknown purpose cannot be consented to, so a frame
 * naming one never loads, whatever else it names; neither does an address that is not http(s)
 * (`javascript:`, `data:`): it would run in the page's name, or is no provider's at all.
 */
export function planEmbed(
  purposes: readonly PurposeConfig[],
  choices: Choices,
  purposeValue: string | null,
  source: string | null,
  base: string,
): EmbedPlan {
  const ids = purposeIdsOf(purposeValue);
  const named = ids.map((id) => purposes.find((purpose) => purpose.id === id));
  const unknown = ids.filter((_, index) => named[index] === undefined);
  if (ids.length === 0 || unknown.length > 0) return {kind: 'never', reason: 'purpose', unknown};
  const url = webAddress(source, base);
  if (!url) return {kind: 'never', reason: 'address', unknown: []};
  const known = named as PurposeConfig[];
  const missing = known.filter(({id}) => choices[id] !== 'granted');
  const host = url.hostname;
  if (missing.length === 0) return {kind: 'load', url: url.href, host, ids};
  let provider: Recipient | undefined;
  for (const purpose of known) provider ??= recipientForHost(purpose, host);
  return {kind: 'ask', host, purposes: known, missing, provider};
}

/** `source` resolved against `base` when it is an http(s) address with a host; else nothing. */
function webAddress(source: string | null, base: string): URL | undefined {
  // An empty data-src would resolve to the page itself.
  if (source === null || source.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(source, base);
  } catch {
    return undefined;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
    ? url
    : undefined;
}
