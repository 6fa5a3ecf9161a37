/**
 * Global Privacy Control's record, apart from the choices every page applies (core/consent.ts):
 * only the session, loaded on demand, asks for it.
 */
import type {PurposeConfig} from './config.js';
import {isGpcCovered, type Choices} from './consent.js';

/**
 * What Global Privacy Control asks to record: every purpose it covers that the customer may
 * refuse and that starts denied — also when it was off already, so the site learns of the
 * request.
 */
export function gpcDenials(
  purposes: readonly PurposeConfig[],
  choices: Choices,
): Record<string, 'denied'> {
  return Object.fromEntries(
    purposes
      .filter((purpose) => isGpcCovered(purpose) && choices[purpose.id] === 'denied')
      .map((purpose) => [purpose.id, 'denied' as const]),
  );
}
