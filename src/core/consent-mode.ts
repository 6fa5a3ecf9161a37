/**
 * Google Consent Mode v2 (docs/element.md#honoring-choices-in-the-page): the consent state Google's tags read, derived from
 * the customer's choices. Pure: no DOM, no storage access; the browser effects live in
 * `browser/consent-mode.ts` and the page-head defaults script in `consent-defaults.ts`.
 */
import {
  CONSENT_MODE_KEYS,
  type Choice,
  type ConsentModeKey,
  type Integration,
  type PurposeConfig,
} from './config.js';
import type {Choices} from './consent.js';
import {isRecord} from './json.js';

export type ConsentModeState = Partial<Record<ConsentModeKey, Choice>>;

/** What `gtag('consent', 'default', …)` receives: every key, plus a wait on a first visit. */
export type ConsentModeDefaults = Record<ConsentModeKey, Choice> & {wait_for_update?: number};

/**
 * Where the last state is kept for the next page's defaults script. Defined here rather than
 * from `STORAGE_PREFIX` so the core stays free of `browser/`; it must start with that prefix
 * (`privacy-preferences:`), which a browser test checks.
 */
export const CONSENT_MODE_KEY = 'privacy-preferences:consent-mode';

/**
 * How long Google's tags hold back on a first visit for the element's update, in ms: long
 * enough for the element to read its configuration, short enough not to lose the page view.
 */
export const WAIT_FOR_UPDATE_MS = 500;

/**
 * The state for these choices. Only keys some purpose lists appear, so a site keeps control
 * of the others; a key is granted only when every purpose listing it is granted (a purpose
 * missing from the choices counts as denied).
 */
export function consentModeState(
  purposes: readonly PurposeConfig[],
  choices: Choices,
): ConsentModeState {
  return grantedByAll(purposes, choices, (purpose) => purpose.consentMode);
}

/** The same rule for the vendors purposes name in `integrations`. */
export function integrationState(
  purposes: readonly PurposeConfig[],
  choices: Choices,
): Partial<Record<Integration, Choice>> {
  return grantedByAll(purposes, choices, (purpose) => purpose.integrations ?? []);
}

/** Each key some purpose lists: granted only when every purpose listing it is granted. */
function grantedByAll<K extends string>(
  purposes: readonly PurposeConfig[],
  choices: Choices,
  keysOf: (purpose: PurposeConfig) => readonly K[],
): Partial<Record<K, Choice>> {
  const state: Partial<Record<K, Choice>> = {};
  for (const purpose of purposes) {
    const choice: Choice = choices[purpose.id] === 'granted' ? 'granted' : 'denied';
    for (const key of keysOf(purpose)) state[key] = state[key] === 'denied' ? 'denied' : choice;
  }
  return state;
}

/**
 * The defaults to declare before any Google tag runs. A returning visitor gets the state
 * kept from the last page (keys it lacks are denied) so tags need not wait; a first visit,
 * or anything unreadable, gets every key denied and a short wait for the element's update.
 */
export function defaultConsentState(stored: unknown): ConsentModeDefaults {
  const record = isRecord(stored) ? stored : {};
  // Every key is set by the loop just below.
  const defaults = {} as ConsentModeDefaults;
  let isReturning = false;
  for (const key of CONSENT_MODE_KEYS) {
    const value = record[key];
    const isValid = value === 'granted' || value === 'denied';
    defaults[key] = isValid ? value : 'denied';
    isReturning ||= isValid;
  }
  if (!isReturning) defaults.wait_for_update = WAIT_FOR_UPDATE_MS;
  return defaults;
}
