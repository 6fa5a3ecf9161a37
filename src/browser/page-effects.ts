/**
 * Makes the choices take effect in the host page: gated scripts run once their purposes are
 * granted, and Google's tags are told through Consent Mode (and the next page's defaults
 * script can read the state before any tag loads).
 */
import type {PrivacyConfig} from '../core/config.js';
import type {Choices} from '../core/consent.js';
import {consentModeState} from '../core/consent-mode.js';
import {rememberConsentMode, updateConsentMode} from './consent-mode.js';
import {gateScripts} from './gating.js';
import type {KeyValueStore} from './storage.js';

export interface PageEffects {
  apply(choices: Choices): void;
  /** Of these purposes, those whose scripts already ran here: switching off cannot unload them. */
  alreadyRunning(purposeIds: readonly string[]): string[];
  stop(): void;
}

export function startPageEffects(config: PrivacyConfig, store: KeyValueStore): PageEffects {
  const gate = gateScripts();
  return {
    apply(choices) {
      const state = consentModeState(config.purposes, choices);
      updateConsentMode(state);
      rememberConsentMode(store, state);
      void gate.update(choices);
    },
    alreadyRunning: (purposeIds) => purposeIds.filter((id) => gate.activatedPurposes.has(id)),
    stop: () => gate.stop(),
  };
}
