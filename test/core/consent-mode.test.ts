import {expect} from '@open-wc/testing';
import type {PurposeConfig} from '../../src/core/config.js';
import {purpose} from '../fixtures/purpose.js';
import type {Choices} from '../../src/core/consent.js';
import {
  consentModeState,
  defaultConsentState,
  type ConsentModeDefaults,
  type ConsentModeState,
} from '../../src/core/consent-mode.js';

/** A news site: required security, audience measurement, and ads sharing `ad_storage` with it. */
const news: readonly PurposeConfig[] = [
  purpose('essential', {
    required: true,
    legalBasis: 'contract',
    default: 'granted',
    consentMode: ['security_storage', 'functionality_storage'],
  }),
  purpose('comments'),
  purpose('audience', {consentMode: ['analytics_storage', 'ad_storage']}),
  purpose('ads', {consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization']}),
];

describe('consentModeState', () => {
  const rows: {
    name: string;
    purposes?: readonly PurposeConfig[];
    choices: Choices;
    expected: ConsentModeState;
  }[] = [
    {
      name: 'grants every listed key after accept all',
      choices: {essential: 'granted', comments: 'granted', audience: 'granted', ads: 'granted'},
      expected: {
        security_storage: 'granted',
        functionality_storage: 'granted',
        analytics_storage: 'granted',
        ad_storage: 'granted',
        ad_user_data: 'granted',
        ad_personalization: 'granted',
      },
    },
    {
      name: 'denies a shared key when only the first purpose listing it is granted',
      choices: {essential: 'granted', audience: 'granted', ads: 'denied'},
      expected: {
        security_storage: 'granted',
        functionality_storage: 'granted',
        analytics_storage: 'granted',
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
      },
    },
    {
      name: 'denies a shared key when only the last purpose listing it is granted',
      choices: {essential: 'granted', audience: 'denied', ads: 'granted'},
      expected: {
        security_storage: 'granted',
        functionality_storage: 'granted',
        analytics_storage: 'denied',
        ad_storage: 'denied',
        ad_user_data: 'granted',
        ad_personalization: 'granted',
      },
    },
    {
      name: 'counts a purpose missing from the choices as denied',
      choices: {essential: 'granted', ads: 'granted'},
      expected: {
        security_storage: 'granted',
        functionality_storage: 'granted',
        analytics_storage: 'denied',
        ad_storage: 'denied',
        ad_user_data: 'granted',
        ad_personalization: 'granted',
      },
    },
    {
      name: 'grants only the required purpose’s keys after reject all',
      choices: {essential: 'granted', comments: 'denied', audience: 'denied', ads: 'denied'},
      expected: {
        security_storage: 'granted',
        functionality_storage: 'granted',
        analytics_storage: 'denied',
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
      },
    },
    {
      name: 'names no key for purposes without Consent Mode keys',
      purposes: [purpose('comments'), purpose('newsletter')],
      choices: {comments: 'granted', newsletter: 'denied'},
      expected: {},
    },
    {
      name: 'names no key without purposes',
      purposes: [],
      choices: {},
      expected: {},
    },
    {
      name: 'grants a key listed twice by one granted purpose',
      purposes: [purpose('audience', {consentMode: ['analytics_storage', 'analytics_storage']})],
      choices: {audience: 'granted'},
      expected: {analytics_storage: 'granted'},
    },
  ];

  for (const {name, purposes = news, choices, expected} of rows) {
    it(name, () => {
      expect(consentModeState(purposes, choices)).to.deep.equal(expected);
    });
  }
});

describe('defaultConsentState', () => {
  const firstVisit: ConsentModeDefaults = {
    ad_storage: 'denied',
    analytics_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
    functionality_storage: 'denied',
    personalization_storage: 'denied',
    security_storage: 'denied',
    wait_for_update: 500,
  };
  const allDenied: ConsentModeDefaults = {...firstVisit};
  delete allDenied.wait_for_update;

  const rows: {name: string; stored: unknown; expected: ConsentModeDefaults}[] = [
    {
      name: 'denies everything and waits when nothing is stored',
      stored: undefined,
      expected: firstVisit,
    },
    {name: 'treats null as nothing stored', stored: null, expected: firstVisit},
    {name: 'treats a string as nothing stored', stored: 'granted', expected: firstVisit},
    {name: 'treats an array as nothing stored', stored: ['ad_storage'], expected: firstVisit},
    {name: 'treats an empty object as nothing stored', stored: {}, expected: firstVisit},
    {
      name: 'treats an object with no valid key as nothing stored',
      stored: {ad_storage: 'yes', analytics_storage: true, tracking: 'granted'},
      expected: firstVisit,
    },
    {
      name: 'applies a stored state with every key',
      stored: {
        ad_storage: 'granted',
        analytics_storage: 'granted',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
      },
      expected: {
        ad_storage: 'granted',
        analytics_storage: 'granted',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
      },
    },
    {
      name: 'denies the keys a partial stored state lacks, without waiting',
      stored: {analytics_storage: 'granted'},
      expected: {...allDenied, analytics_storage: 'granted'},
    },
    {
      name: 'applies a stored state where every key is denied, without waiting',
      stored: {ad_storage: 'denied'},
      expected: allDenied,
    },
    {
      name: 'drops unknown keys and invalid values from a stored state',
      stored: {
        analytics_storage: 'granted',
        ad_storage: 'GRANTED',
        wait_for_update: 10_000,
        region: ['DE'],
      },
      expected: {...allDenied, analytics_storage: 'granted'},
    },
  ];

  for (const {name, stored, expected} of rows) {
    it(name, () => {
      expect(defaultConsentState(stored)).to.deep.equal(expected);
    });
  }
});
