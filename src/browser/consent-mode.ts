/**
 * Tells Google's tags about the customer's choices (docs/element.md#honoring-choices-in-the-page), through the page's `gtag`
 * or, when only the data layer exists yet, by pushing exactly what `gtag` would push.
 */
import {CONSENT_MODE_KEY, type ConsentModeState} from '../core/consent-mode.js';
import {writeJson, type KeyValueStore} from './storage.js';

export type Gtag = (...args: unknown[]) => void;

declare global {
  interface Window {
    /** Google's tag function, when the site loads Google tags. */
    gtag?: Gtag;
    /** Google's data layer, when the site loads Google tags. */
    dataLayer?: unknown[];
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

/** Sends the state as a consent update; a page without Google tags is left untouched. */
export function updateConsentMode(state: ConsentModeState, win: Window = window): void {
  if (Object.keys(state).length === 0) return;
  if (typeof win.gtag === 'function') win.gtag('consent', 'update', state);
  else if (Array.isArray(win.dataLayer)) dataLayerGtag(win)('consent', 'update', state);
}

/** Keeps the state for the next page's defaults script, which reads it synchronously. */
export function rememberConsentMode(store: KeyValueStore, state: ConsentModeState): void {
  writeJson(store, CONSENT_MODE_KEY, state);
}
