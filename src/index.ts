/** Public exports. Importing this module registers nothing; `privacy-preferences.js` does. */
export {
  PrivacyPreferences,
  type DisplayMode,
  type HeadingLevel,
  type PrivacyPreferencesAttributes,
  type Theme,
} from './element/privacy-preferences-element.js';
export type {
  Choice,
  ConsentModeKey,
  Controller,
  LegalBasis,
  LocalizedText,
  PrivacyConfig,
  PrivacyConfigInput,
  PurposeConfig,
  PurposeConfigInput,
  Recipient,
} from './core/config.js';
export type {ChangeMethod, Choices} from './core/consent.js';
export type {ConsentReceipt, ConsentRecord, RecordedMethod} from './core/protocol.js';
export type * from './events.js';
