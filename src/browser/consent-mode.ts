/**
 * Tells the vendors' tags about the customer's choices (docs/element.md#honoring-choices-in-the-page):
 * Google's through the page's `gtag` or, when only the data layer exists yet, by pushing
 * exactly what `gtag` would push; Microsoft UET and Clarity from the same Consent Mode keys;
 * Meta's and TikTok's pixels from the purposes that name them in `integrations`.
 */
import type {Choice, Integration} from '../core/config.js';
import {CONSENT_MODE_KEY, type ConsentModeState} from '../core/consent-mode.js';
import {writeJson, type KeyValueStore} from './storage.js';

export type Gtag = (...args: unknown[]) => void;

declare global {
  interface Window {
    /** Google's tag function, when the site loads Google tags. */
    gtag?: Gtag;
    /** Google's data layer, when the site loads Google tags. */
    dataLayer?: unknown[];
    /** Microsoft UET's queue (an array until the tag loads, then its own object). */
    uetq?: {push(...args: unknown[]): unknown};
    /** Microsoft Clarity's function (a queue until the tag loads). */
    clarity?: (...args: unknown[]) => void;
    /** Meta's pixel. */
    fbq?: (...args: unknown[]) => void;
    /** TikTok's pixel. */
    ttq?: {grantConsent?(): void; revokeConsent?(): void};
  }
}

/**
 * The function Google's snippet defines, `function gtag(){dataLayer.push(arguments);}`.
 * gtag.js treats only Arguments objects in the data layer as commands (an array would be read
 * as a plain event), so it must push `arguments` itself, not a copy.
 */
export function dataLayerGtag(win: Window): Gtag {
  return function gtag() {
    // eslint-disable-next-line prefer-rest-params -- gtag.js reads Arguments objects only.
    (win.dataLayer ??= []).push(arguments);
  };
}

/**
 * Sends the state as a consent update to every vendor API on the page; a vendor that is not
 * there is left alone, and one that throws does not keep the others from hearing.
 */
export function updateConsentMode(
  state: ConsentModeState,
  integrations: Partial<Record<Integration, Choice>>,
  win: Window = window,
): void {
  const {ad_storage, analytics_storage} = state;
  const tell = (call: () => unknown) => {
    try {
      call();
    } catch (error) {
      reportError(error);
    }
  };
  if (Object.keys(state).length > 0) {
    if (typeof win.gtag === 'function') tell(() => win.gtag!('consent', 'update', state));
    else if (Array.isArray(win.dataLayer))
      tell(() => dataLayerGtag(win)('consent', 'update', state));
  }
  if (ad_storage) tell(() => win.uetq?.push('consent', 'update', {ad_storage}));
  if (ad_storage ?? analytics_storage)
    tell(() =>
      win.clarity?.('consentv2', {
        ...(ad_storage && {ad_Storage: ad_storage}),
        ...(analytics_storage && {analytics_Storage: analytics_storage}),
      }),
    );
  const meta = integrations['meta-pixel'];
  if (meta) tell(() => win.fbq?.('consent', meta === 'granted' ? 'grant' : 'revoke'));
  const tiktok = integrations['tiktok-pixel'];
  if (tiktok)
    tell(() => (tiktok === 'granted' ? win.ttq?.grantConsent?.() : win.ttq?.revokeConsent?.()));
}

/** Keeps the state for the next page's defaults script, which reads it synchronously. */
export function rememberConsentMode(store: KeyValueStore, state: ConsentModeState): void {
  writeJson(store, CONSENT_MODE_KEY, state);
}
