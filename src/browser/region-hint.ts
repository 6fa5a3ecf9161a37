/**
 * Where the customer is, as the consent endpoint hints it (`GET {endpoint}/region`, answered from
 * a CDN's country header): asked only when the site gives no `region` and its configuration has
 * rules by region, kept for a day in this browser, and never waited for longer than a restore.
 * Any failure, or an answer that is not a region, means "unknown": the strictest rule applies.
 */
import {isRecord} from '../core/json.js';
import {normalizeRegion} from '../core/jurisdiction.js';
import {readJson, STORAGE_PREFIX, writeJson, type KeyValueStore} from './storage.js';

export const REGION_KEY = `${STORAGE_PREFIX}region`;
/** A hint is asked again after a day (a customer travels). */
const KEPT_MS = 86_400_000;
/** As long as restoring the decision may hold the center (docs/consent-endpoint.md). */
export const REGION_WAIT_MS = 5000;

export interface RegionHintOptions {
  readonly endpoint: string;
  readonly credentials: RequestCredentials;
  readonly store: KeyValueStore;
  readonly signal: AbortSignal;
  readonly now?: number;
}

/** `{endpoint}/region`: the endpoint's path and one segment more. */
export function regionUrl(endpoint: string): string {
  const url = new URL(endpoint, document.baseURI);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/region`;
  url.search = '';
  return url.href;
}

export async function regionHint(options: RegionHintOptions): Promise<string | undefined> {
  const {store, now = Date.now()} = options;
  const kept = readJson(store, REGION_KEY);
  if (isRecord(kept) && typeof kept.at === 'number' && now - kept.at < KEPT_MS && now >= kept.at)
    return normalizeRegion(kept.region);
  const abort = new AbortController();
  const stop = () => abort.abort();
  options.signal.addEventListener('abort', stop);
  const timer = setTimeout(stop, REGION_WAIT_MS);
  try {
    const response = await fetch(regionUrl(options.endpoint), {
      credentials: options.credentials,
      signal: abort.signal,
      headers: {Accept: 'application/json'},
    });
    if (!response.ok) return undefined;
    const answer: unknown = await response.json();
    if (!isRecord(answer) || !('region' in answer)) return undefined;
    const region = normalizeRegion(answer.region);
    // `null` is an answer too ("the endpoint cannot tell"); anything else is not kept.
    if (region || answer.region === null) writeJson(store, REGION_KEY, {region, at: now});
    return region;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', stop);
  }
}
