/**
 * The source of `dist/consent-defaults.js`: a classic script a site puts in its `<head>`,
 * before its Google tags, so Consent Mode defaults are declared before any tag can run
 * (docs/element.md#honoring-choices-in-the-page). Built as an IIFE that defines no global of its own; budget < 1 KB gzip.
 */
import {dataLayerGtag} from './browser/consent-mode.js';
import {readJson} from './browser/storage.js';
import {CONSENT_MODE_KEY, defaultConsentState} from './core/consent-mode.js';

// The data layer is where Google's tags pick up commands queued before they load; keep the
// site's own if its snippet ran first.
window.dataLayer ||= [];

// Google's standard `gtag`, so the site's snippet (which redefines the same function) and
// this script queue commands the same way; a `gtag` already on the page is kept.
const gtag = (window.gtag ||= dataLayerGtag(window));

// Synchronous, so the defaults are in the data layer before any tag reads it. Reading
// `localStorage` itself throws where storage is blocked: then this is a first visit.
let stored: unknown;
try {
  stored = readJson(window.localStorage, CONSENT_MODE_KEY);
} catch {
  stored = undefined;
}

// A returning visitor's last state, or everything denied while the element loads.
const defaults = defaultConsentState(stored);
gtag('consent', 'default', defaults);

// Microsoft UET and Clarity read the same keys. Their queues are made as their own snippets
// make them (and kept when a snippet ran first), so their tags find the defaults when they load.
(window.uetq ||= []).push('consent', 'default', {ad_storage: defaults.ad_storage});
type Queue = ((...args: unknown[]) => void) & {q?: unknown[]};
const clarity: Queue = (window.clarity ||= function queue() {
  // eslint-disable-next-line prefer-rest-params -- Clarity's own stub queues Arguments objects.
  ((queue as Queue).q ||= []).push(arguments);
});
clarity('consentv2', {
  ad_Storage: defaults.ad_storage,
  analytics_Storage: defaults.analytics_storage,
});
