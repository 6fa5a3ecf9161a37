// Type-checked only (never rendered): the tag and the component are typed, and misuse fails.
import {
  PrivacyPreferences,
  type ConsentChangeEvent,
  type PrivacyConfigInput,
} from 'privacy-preferences/react';
import {config} from '../shop-config.js';

export const tag = (
  <privacy-preferences
    config={config}
    mode="banner"
    theme="dark"
    subject-token="v1.token"
    onconsent-change={(event: ConsentChangeEvent) => event.detail.changed.length}
    onconsent-saved={(event) => event.detail.receiptId?.length}
  />
);

export const component = (
  <PrivacyPreferences
    config={config}
    mode="inline"
    onConsentChange={(event) => {
      const method: 'toggle' | 'accept-all' | 'reject-all' | 'gpc' | 'api' | 'sync' =
        event.detail.method;
      return method;
    }}
  />
);

// @ts-expect-error: "popup" is not a mode
export const wrongMode = <privacy-preferences mode="popup" />;

export const wrongConfig = (
  <PrivacyPreferences
    // @ts-expect-error: policyVersion is a string
    config={{policyVersion: 1, purposes: []}}
  />
);

export const misspelled = {
  policyVersion: '1',
  purposes: [
    {
      id: 'a',
      title: 't',
      description: 'd',
      benefit: 'b',
      // @ts-expect-error: legalbasis is not a key of a purpose (legalBasis is)
      legalbasis: 'consent',
    },
  ],
} satisfies PrivacyConfigInput;

export const untypedDetail = (
  <PrivacyPreferences
    onConsentError={(event) => {
      // @ts-expect-error: the detail has no such field
      return event.detail.reason;
    }}
  />
);
