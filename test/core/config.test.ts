import {expect} from '@open-wc/testing';
import {
  parseConfig,
  parseConfigText,
  type ConfigResult,
  type PrivacyConfig,
  type PurposeConfig,
} from '../../src/core/config.js';
import {describeProblem} from '../../src/core/problem.js';

/** The smallest purpose the contract accepts: id, title, description and benefit. */
function minimalPurpose(
  id: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    title: `${id} title`,
    description: `What ${id} does with your data.`,
    benefit: `What you get from ${id}.`,
    ...overrides,
  };
}

/** A valid configuration around the given purposes (one minimal purpose when none given). */
function configWith(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {policyVersion: '2026-11-01', purposes: [minimalPurpose('analytics')], ...overrides};
}

/** A valid configuration whose only purpose is the minimal one plus these fields. */
function withPurpose(overrides: Record<string, unknown>): Record<string, unknown> {
  return configWith({purposes: [minimalPurpose('analytics', overrides)]});
}

/** What a site owner reads in the console for a result: one line per problem, in order. */
function problemLines(result: ConfigResult): string[] {
  return result.ok ? [] : result.problems.map(describeProblem);
}

function parsedConfig(result: ConfigResult): PrivacyConfig {
  if (!result.ok)
    throw new Error(`expected a valid configuration, got: ${problemLines(result).join('; ')}`);
  return result.config;
}

const ID_RULE = '(lowercase letters, digits, "_" or "-", at most 64)';
const LEGAL_BASES = '"consent", "legitimate-interest", "contract", "legal-obligation"';
const CONSENT_MODE_KEYS =
  '"ad_storage", "analytics_storage", "ad_user_data", "ad_personalization", ' +
  '"functionality_storage", "personalization_storage", "security_storage"';
const NOT_RULES = 'jurisdictions must be an object with a rule per region ("EEA", "US-CA", "*")';
const NOT_A_REGION = 'is not a region: an ISO 3166 code ("DE", "US-CA"), "EU", "EEA" or "*"';
const DAYS_RULE = 'must be a whole number of days from 1 to 3650';

/** A valid configuration with these jurisdictions. */
function withJurisdictions(jurisdictions: unknown): Record<string, unknown> {
  return configWith({jurisdictions});
}

describe('describeProblem', () => {
  const rows = [
    {
      name: 'joins path and message',
      input: {path: 'purposes[2].benefit', message: 'is missing'},
      expected: 'purposes[2].benefit is missing',
    },
    {
      name: 'uses the message alone for the whole document',
      input: {path: '', message: 'configuration must be a JSON object'},
      expected: 'configuration must be a JSON object',
    },
  ];
  for (const {name, input, expected} of rows) {
    it(name, () => {
      expect(describeProblem(input)).to.equal(expected);
    });
  }
});

describe('parseConfig rejects', () => {
  const rows: {name: string; input: unknown; expected: string[]}[] = [
    // The root
    {name: 'null as the root', input: null, expected: ['configuration must be a JSON object']},
    {
      name: 'an array as the root',
      input: [configWith()],
      expected: ['configuration must be a JSON object'],
    },
    {
      name: 'a string as the root',
      input: 'purposes.json',
      expected: ['configuration must be a JSON object'],
    },
    {name: 'a number as the root', input: 42, expected: ['configuration must be a JSON object']},

    // policyVersion
    {
      name: 'a missing policyVersion',
      input: configWith({policyVersion: undefined}),
      expected: ['policyVersion is missing'],
    },
    {
      name: 'an empty policyVersion',
      input: configWith({policyVersion: ''}),
      expected: ['policyVersion must be a non-empty string'],
    },
    {
      name: 'a blank policyVersion',
      input: configWith({policyVersion: '   '}),
      expected: ['policyVersion must be a non-empty string'],
    },
    {
      name: 'a numeric policyVersion',
      input: configWith({policyVersion: 20261101}),
      expected: ['policyVersion must be a non-empty string'],
    },

    // language
    {
      name: 'a language that is not a BCP 47 tag',
      input: configWith({language: 'en_US'}),
      expected: ['language is not a BCP 47 language tag'],
    },
    {
      name: 'a language that is not a string',
      input: configWith({language: ['en']}),
      expected: ['language must be a non-empty string'],
    },

    // policyUrl
    {
      name: 'a javascript: policyUrl',
      input: configWith({policyUrl: 'javascript:alert(1)'}),
      expected: ['policyUrl must be an http(s) or relative URL'],
    },
    {
      name: 'a JavaScript: policyUrl in mixed case',
      input: configWith({policyUrl: 'JavaScript:alert(1)'}),
      expected: ['policyUrl must be an http(s) or relative URL'],
    },
    {
      name: 'a javascript: policyUrl behind spaces',
      input: configWith({policyUrl: '  javascript:alert(1)'}),
      expected: ['policyUrl must be an http(s) or relative URL'],
    },
    {
      name: 'a javascript: policyUrl with a tab inside the scheme',
      input: configWith({policyUrl: 'java\tscript:alert(1)'}),
      expected: ['policyUrl must be an http(s) or relative URL'],
    },
    {
      name: 'a javascript: policyUrl behind a control character',
      input: configWith({policyUrl: '\u0001javascript:alert(1)'}),
      expected: ['policyUrl must be an http(s) or relative URL'],
    },
    {
      name: 'a data: policyUrl',
      input: configWith({policyUrl: 'data:text/html,<script>alert(1)</script>'}),
      expected: ['policyUrl must be an http(s) or relative URL'],
    },
    {
      name: 'an empty policyUrl',
      input: configWith({policyUrl: ''}),
      expected: ['policyUrl must be a non-empty string'],
    },
    {
      name: 'a numeric policyUrl',
      input: configWith({policyUrl: 7}),
      expected: ['policyUrl must be a non-empty string'],
    },

    // controller
    {
      name: 'a controller that is a string',
      input: configWith({controller: 'Example Shop'}),
      expected: ['controller must be an object'],
    },
    {
      name: 'a controller that is an array',
      input: configWith({controller: ['Example Shop']}),
      expected: ['controller must be an object'],
    },
    {
      name: 'a controller without a name',
      input: configWith({controller: {contact: 'privacy@shop.example'}}),
      expected: ['controller.name is missing'],
    },
    {
      name: 'a controller with an empty name',
      input: configWith({controller: {name: ''}}),
      expected: ['controller.name is empty'],
    },
    {
      name: 'a controller with an empty contact',
      input: configWith({controller: {name: 'Example Shop', contact: ''}}),
      expected: ['controller.contact must be a non-empty string'],
    },
    {
      name: 'a controller with a numeric contact',
      input: configWith({controller: {name: 'Example Shop', contact: 5}}),
      expected: ['controller.contact must be a non-empty string'],
    },

    // purposes
    {
      name: 'missing purposes',
      input: configWith({purposes: undefined}),
      expected: ['purposes is missing'],
    },
    {
      name: 'purposes that are an object',
      input: configWith({purposes: {analytics: minimalPurpose('analytics')}}),
      expected: ['purposes must be an array'],
    },
    {
      name: 'purposes that are a string',
      input: configWith({purposes: 'analytics'}),
      expected: ['purposes must be an array'],
    },
    {
      name: 'an empty purposes list',
      input: configWith({purposes: []}),
      expected: ['purposes must list at least one purpose'],
    },
    {
      name: 'a purpose that is a string',
      input: configWith({purposes: [minimalPurpose('analytics'), 'ads']}),
      expected: ['purposes[1] must be an object'],
    },
    {
      name: 'a purpose that is null',
      input: configWith({purposes: [null]}),
      expected: ['purposes[0] must be an object'],
    },
    {
      name: 'a purpose that is an array',
      input: configWith({purposes: [[minimalPurpose('analytics')]]}),
      expected: ['purposes[0] must be an object'],
    },

    // id
    {
      name: 'a purpose without an id',
      input: withPurpose({id: undefined}),
      expected: ['purposes[0].id is missing'],
    },
    {
      name: 'an id with capitals and punctuation',
      input: configWith({purposes: [minimalPurpose('analytics'), minimalPurpose('Ads!')]}),
      expected: [`purposes[1].id "Ads!" is not a valid id ${ID_RULE}`],
    },
    {
      name: 'an id that starts with "-"',
      input: withPurpose({id: '-ads'}),
      expected: [`purposes[0].id "-ads" is not a valid id ${ID_RULE}`],
    },
    {
      name: 'an id with a space',
      input: withPurpose({id: 'ad storage'}),
      expected: [`purposes[0].id "ad storage" is not a valid id ${ID_RULE}`],
    },
    {
      name: 'an empty id',
      input: withPurpose({id: ''}),
      expected: [`purposes[0].id "" is not a valid id ${ID_RULE}`],
    },
    {
      name: 'an id of 65 characters',
      input: withPurpose({id: 'a'.repeat(65)}),
      expected: [`purposes[0].id "${'a'.repeat(65)}" is not a valid id ${ID_RULE}`],
    },
    {
      name: 'a numeric id',
      input: withPurpose({id: 7}),
      expected: [`purposes[0].id 7 is not a valid id ${ID_RULE}`],
    },
    {
      name: 'a duplicate id',
      input: configWith({
        purposes: [minimalPurpose('analytics'), minimalPurpose('ads'), minimalPurpose('analytics')],
      }),
      expected: ['purposes[2].id "analytics" is a duplicate of purposes[0].id'],
    },

    // title, description, benefit (the same rules hold for every text field)
    {
      name: 'a missing benefit in the fourth purpose',
      input: configWith({
        purposes: [
          minimalPurpose('essential'),
          minimalPurpose('analytics'),
          minimalPurpose('personalization'),
          minimalPurpose('ads', {benefit: undefined}),
        ],
      }),
      expected: ['purposes[3].benefit is missing'],
    },
    {
      name: 'a missing title',
      input: withPurpose({title: undefined}),
      expected: ['purposes[0].title is missing'],
    },
    {
      name: 'a null title',
      input: withPurpose({title: null}),
      expected: ['purposes[0].title is missing'],
    },
    {
      name: 'a missing description',
      input: withPurpose({description: undefined}),
      expected: ['purposes[0].description is missing'],
    },
    {
      name: 'an empty title',
      input: withPurpose({title: ''}),
      expected: ['purposes[0].title is empty'],
    },
    {
      name: 'a blank description',
      input: withPurpose({description: ' \n\t'}),
      expected: ['purposes[0].description is empty'],
    },
    {
      name: 'a numeric title',
      input: withPurpose({title: 42}),
      expected: ['purposes[0].title must be a string or an object keyed by locale'],
    },
    {
      name: 'a title that is an array',
      input: withPurpose({title: ['Usage analytics']}),
      expected: ['purposes[0].title must be a string or an object keyed by locale'],
    },
    {
      name: 'a localized title without locales',
      input: withPurpose({title: {}}),
      expected: ['purposes[0].title must have at least one locale'],
    },
    {
      name: 'a localized title keyed by a language name',
      input: withPurpose({title: {english: 'Usage analytics'}}),
      expected: ['purposes[0].title.english is not a BCP 47 language tag'],
    },
    {
      name: 'a localized title keyed with "_"',
      input: withPurpose({title: {en_US: 'Usage analytics'}}),
      expected: ['purposes[0].title.en_US is not a BCP 47 language tag'],
    },
    {
      name: 'a localized benefit with an empty value',
      input: withPurpose({benefit: {en: 'Faster pages', ja: ''}}),
      expected: ['purposes[0].benefit.ja must be a non-empty string'],
    },
    {
      name: 'a localized description with a numeric value',
      input: withPurpose({description: {en: 5}}),
      expected: ['purposes[0].description.en must be a non-empty string'],
    },
    {
      name: 'every bad locale of one localized text',
      input: withPurpose({title: {en: '', english: 'Usage analytics', ja: '利用状況の分析'}}),
      expected: [
        'purposes[0].title.en must be a non-empty string',
        'purposes[0].title.english is not a BCP 47 language tag',
      ],
    },
    {
      name: 'a blank retention',
      input: withPurpose({retention: ' '}),
      expected: ['purposes[0].retention is empty'],
    },
    {
      name: 'a numeric requiredReason',
      input: withPurpose({required: true, requiredReason: 5}),
      expected: ['purposes[0].requiredReason must be a string or an object keyed by locale'],
    },

    // legalBasis, required, gpc, default
    {
      name: 'an unknown legalBasis',
      input: withPurpose({legalBasis: 'opt-in'}),
      expected: [`purposes[0].legalBasis "opt-in" is not one of ${LEGAL_BASES}`],
    },
    {
      name: 'a null legalBasis',
      input: withPurpose({legalBasis: null}),
      expected: [`purposes[0].legalBasis null is not one of ${LEGAL_BASES}`],
    },
    {
      name: 'a required that is a string',
      input: withPurpose({required: 'yes'}),
      expected: ['purposes[0].required must be true or false'],
    },
    {
      name: 'a gpc that is a number',
      input: withPurpose({gpc: 1}),
      expected: ['purposes[0].gpc must be true or false'],
    },
    {
      name: 'an unknown default',
      input: withPurpose({default: 'on'}),
      expected: ['purposes[0].default "on" is not one of "granted", "denied"'],
    },
    {
      name: 'a boolean default',
      input: withPurpose({default: true}),
      expected: ['purposes[0].default true is not one of "granted", "denied"'],
    },
    {
      name: 'a "granted" default with the consent basis',
      input: withPurpose({legalBasis: 'consent', default: 'granted'}),
      expected: ['purposes[0].default "granted" needs a legalBasis other than "consent"'],
    },
    {
      name: 'a "granted" default with the basis left to its default (consent)',
      input: withPurpose({default: 'granted'}),
      expected: ['purposes[0].default "granted" needs a legalBasis other than "consent"'],
    },

    // data, recipients, consentMode
    {
      name: 'data that is a string',
      input: withPurpose({data: 'Pages visited'}),
      expected: ['purposes[0].data must be an array'],
    },
    {
      name: 'an empty entry in data',
      input: withPurpose({data: ['Pages visited', '']}),
      expected: ['purposes[0].data[1] is empty'],
    },
    {
      name: 'a localized entry in data with a bad locale',
      input: withPurpose({data: [{EN_GB: 'Pages visited'}]}),
      expected: ['purposes[0].data[0].EN_GB is not a BCP 47 language tag'],
    },
    {
      name: 'recipients that are an object',
      input: withPurpose({recipients: {name: 'Example Analytics Inc.'}}),
      expected: ['purposes[0].recipients must be an array'],
    },
    {
      name: 'a numeric recipient',
      input: withPurpose({recipients: [42]}),
      expected: ['purposes[0].recipients[0] must be an object with a name'],
    },
    {
      name: 'an empty recipient string',
      input: withPurpose({recipients: ['']}),
      expected: ['purposes[0].recipients[0] is empty'],
    },
    {
      name: 'a recipient without a name',
      input: withPurpose({recipients: [{url: 'https://analytics.example/privacy'}]}),
      expected: ['purposes[0].recipients[0].name is missing'],
    },
    {
      name: 'a recipient url with the javascript: scheme',
      input: withPurpose({
        recipients: [{name: 'Example Analytics Inc.', url: 'javascript:alert(document.cookie)'}],
      }),
      expected: ['purposes[0].recipients[0].url must be an http(s) or relative URL'],
    },
    {
      name: 'a recipient url with the ftp: scheme',
      input: withPurpose({
        recipients: [
          'Example CDN',
          {name: 'Example Analytics Inc.', url: 'ftp://analytics.example/privacy'},
        ],
      }),
      expected: ['purposes[0].recipients[1].url must be an http(s) or relative URL'],
    },
    {
      name: 'a recipient url with a javascript: scheme split by a newline',
      input: withPurpose({
        recipients: [{name: 'Example Analytics Inc.', url: 'java\nscript:alert(1)'}],
      }),
      expected: ['purposes[0].recipients[0].url must be an http(s) or relative URL'],
    },
    {
      name: 'consentMode that is a string',
      input: withPurpose({consentMode: 'analytics_storage'}),
      expected: ['purposes[0].consentMode must be an array'],
    },
    {
      name: 'an unknown consentMode key',
      input: withPurpose({consentMode: ['analytics_storage', 'tracking_storage']}),
      expected: [
        `purposes[0].consentMode[1] "tracking_storage" is not one of ${CONSENT_MODE_KEYS}`,
      ],
    },
    {
      name: 'cookies of just "*" (it would take the site\'s own sign-in), and a "*" inside a name',
      input: withPurpose({cookies: ['_ga', '*', '_ga*x']}),
      expected: [
        'purposes[0].cookies[1] must be a name, or a prefix ending in "*"',
        'purposes[0].cookies[2] must be a name, or a prefix ending in "*"',
      ],
    },
    {
      name: 'storage keys that are not names',
      input: withPurpose({storage: ['my key', 3, '']}),
      expected: [
        'purposes[0].storage[0] must be a name, or a prefix ending in "*"',
        'purposes[0].storage[1] must be a name, or a prefix ending in "*"',
        'purposes[0].storage[2] must be a name, or a prefix ending in "*"',
      ],
    },
    {
      name: 'recipient hosts that are not host names, "*" or a wildcard of one label',
      input: withPurpose({
        recipients: [
          {
            name: 'Ads Ltd.',
            hosts: [
              'ads.example',
              '*',
              '*.com',
              'ADS.example',
              'https://ads.example',
              'a.example/x',
            ],
          },
        ],
      }),
      expected: [2, 3, 4, 5, 6].map(
        (index) =>
          `purposes[0].recipients[0].hosts[${index - 1}] must be a lowercase host name, or "*." and a domain of at least two labels`,
      ),
    },
    {
      name: 'recipient hosts that are a string',
      input: withPurpose({recipients: [{name: 'Ads Ltd.', hosts: 'ads.example'}]}),
      expected: ['purposes[0].recipients[0].hosts must be an array'],
    },
    {
      name: 'an unknown integration',
      input: withPurpose({integrations: ['meta-pixel', 'snap-pixel']}),
      expected: [
        'purposes[0].integrations[1] "snap-pixel" is not one of "meta-pixel", "tiktok-pixel"',
      ],
    },
    {
      name: 'an unknown onWithdraw',
      input: withPurpose({onWithdraw: 'restart'}),
      expected: ['purposes[0].onWithdraw "restart" is not one of "reload"'],
    },
    {
      name: 'cookies that are a string',
      input: withPurpose({cookies: '_ga'}),
      expected: ['purposes[0].cookies must be an array'],
    },

    // optIn, saleOrSharing
    {
      name: 'optIn on a required purpose',
      input: withPurpose({required: true, legalBasis: 'contract', optIn: true}),
      expected: ['purposes[0].optIn cannot be true for a required purpose, which is always on'],
    },
    {
      name: 'saleOrSharing on a required purpose',
      input: withPurpose({required: true, saleOrSharing: true}),
      expected: [
        'purposes[0].saleOrSharing cannot be true for a required purpose, which is always on',
      ],
    },
    {
      name: 'optIn on a purpose whose legal basis is not consent',
      input: withPurpose({legalBasis: 'legitimate-interest', optIn: true}),
      expected: ['purposes[0].optIn needs the legalBasis "consent": it asks before anything is on'],
    },
    {
      name: 'optIn on a required purpose: the required rule, not the legal basis',
      input: withPurpose({required: true, legalBasis: 'legal-obligation', optIn: true}),
      expected: ['purposes[0].optIn cannot be true for a required purpose, which is always on'],
    },
    {
      name: 'an optIn that is a string',
      input: withPurpose({optIn: 'true'}),
      expected: ['purposes[0].optIn must be true or false'],
    },
    {
      name: 'a saleOrSharing of "yes"',
      input: withPurpose({saleOrSharing: 'yes'}),
      expected: ['purposes[0].saleOrSharing must be true or false'],
    },

    // cookieDomain
    ...[
      '.shop.example',
      'Shop.example',
      'https://shop.example',
      'shop.example:443',
      'localhost',
      '',
      42,
    ].map((cookieDomain) => ({
      name: `cookieDomain ${JSON.stringify(cookieDomain)}`,
      input: configWith({cookieDomain}),
      expected: [
        'cookieDomain must be a lowercase domain of two labels or more, such as "shop.example" (no scheme, port or leading dot)',
      ],
    })),

    // jurisdictions
    {name: 'jurisdictions as a string', input: withJurisdictions('EEA'), expected: [NOT_RULES]},
    {
      name: 'jurisdictions as an array',
      input: withJurisdictions([{model: 'opt-in'}]),
      expected: [NOT_RULES],
    },
    {name: 'jurisdictions as null', input: withJurisdictions(null), expected: [NOT_RULES]},
    {name: 'empty jurisdictions', input: withJurisdictions({}), expected: [NOT_RULES]},
    ...[
      'Europe',
      'DEU',
      'D',
      'US-',
      'US-CAL1',
      'US_CA',
      'ALL',
      '',
      'constructor',
      '__proto__',
      'toString',
    ].map((key) => ({
      name: `a jurisdiction keyed ${JSON.stringify(key)}`,
      input: JSON.parse(JSON.stringify(withJurisdictions({[key]: {model: 'opt-in'}}))),
      expected: [`jurisdictions.${key} ${NOT_A_REGION}`],
    })),
    {
      name: 'a jurisdiction keyed in lower case',
      input: withJurisdictions({'us-ca': {model: 'opt-out'}}),
      expected: ['jurisdictions.us-ca is written "US-CA" (upper case, as ISO 3166 writes it)'],
    },
    {
      name: 'a group keyed in lower case',
      input: withJurisdictions({eea: {model: 'opt-in'}}),
      expected: ['jurisdictions.eea is written "EEA" (upper case, as ISO 3166 writes it)'],
    },
    {
      name: 'a jurisdiction keyed with spaces around it',
      input: withJurisdictions({' gb ': {model: 'opt-in'}}),
      expected: ['jurisdictions. gb  is written "GB" (upper case, as ISO 3166 writes it)'],
    },
    {
      name: 'a jurisdiction keyed in mixed case',
      input: withJurisdictions({Gb: {model: 'opt-in'}}),
      expected: ['jurisdictions.Gb is written "GB" (upper case, as ISO 3166 writes it)'],
    },
    {
      name: 'a rule that is a string',
      input: withJurisdictions({GB: 'opt-in'}),
      expected: ['jurisdictions.GB must be an object with a "model"'],
    },
    {
      name: 'a rule without a model',
      input: withJurisdictions({GB: {reaskAfterRefusalDays: 182}}),
      expected: ['jurisdictions.GB.model is missing'],
    },
    {
      name: 'an unknown model',
      input: withJurisdictions({GB: {model: 'opt_in'}}),
      expected: ['jurisdictions.GB.model "opt_in" is not one of "opt-in", "opt-out", "notice"'],
    },
    {
      name: 'a model in capitals',
      input: withJurisdictions({'*': {model: 'Notice'}}),
      expected: ['jurisdictions.*.model "Notice" is not one of "opt-in", "opt-out", "notice"'],
    },
    ...[0, -1, 1.5, 3651, '30', null].flatMap((days) =>
      (['reaskAfterRefusalDays', 'maxAgeDays'] as const).map((field) => ({
        name: `${field} of ${JSON.stringify(days)}`,
        input: withJurisdictions({EEA: {model: 'opt-in', [field]: days}}),
        expected: [`jurisdictions.EEA.${field} ${DAYS_RULE}`],
      })),
    ),
    {
      name: 'closeMeans on an opt-out rule',
      input: withJurisdictions({'US-CA': {model: 'opt-out', closeMeans: 'reject'}}),
      expected: [
        'jurisdictions.US-CA.closeMeans applies to an "opt-in" rule only (the others ask nothing to reject)',
      ],
    },
    {
      name: 'closeMeans on a notice rule',
      input: withJurisdictions({'*': {model: 'notice', closeMeans: 'reject'}}),
      expected: [
        'jurisdictions.*.closeMeans applies to an "opt-in" rule only (the others ask nothing to reject)',
      ],
    },
    {
      name: 'a closeMeans of "dismiss"',
      input: withJurisdictions({GB: {model: 'opt-in', closeMeans: 'dismiss'}}),
      expected: ['jurisdictions.GB.closeMeans "dismiss" is not one of "reject"'],
    },
    {
      name: 'every problem of every rule, in document order',
      input: withJurisdictions({
        EEA: {model: 'opt-in', reaskAfterRefusalDays: 0, maxAgeDays: 3651, closeMeans: true},
        gb: {model: 'opt-in'},
        'US-CA': {model: 'opt-out', closeMeans: 'reject'},
        '*': {},
      }),
      expected: [
        `jurisdictions.EEA.reaskAfterRefusalDays ${DAYS_RULE}`,
        `jurisdictions.EEA.maxAgeDays ${DAYS_RULE}`,
        'jurisdictions.EEA.closeMeans true is not one of "reject"',
        'jurisdictions.gb is written "GB" (upper case, as ISO 3166 writes it)',
        'jurisdictions.US-CA.closeMeans applies to an "opt-in" rule only (the others ask nothing to reject)',
        'jurisdictions.*.model is missing',
      ],
    },

    // Several problems at once: a site owner sees all of them, in document order.
    {
      name: 'several problems together, in document order',
      input: {
        policyVersion: '',
        policyUrl: 'javascript:void(0)',
        controller: {name: 'Example Shop', contact: ''},
        purposes: [
          {id: 'Ads!', title: '', description: 'Ads based on what you viewed.'},
          minimalPurpose('analytics', {legalBasis: 'consent', default: 'granted', gpc: 'yes'}),
        ],
      },
      expected: [
        'policyVersion must be a non-empty string',
        'policyUrl must be an http(s) or relative URL',
        'controller.contact must be a non-empty string',
        `purposes[0].id "Ads!" is not a valid id ${ID_RULE}`,
        'purposes[0].title is empty',
        'purposes[0].benefit is missing',
        'purposes[1].default "granted" needs a legalBasis other than "consent"',
        'purposes[1].gpc must be true or false',
      ],
    },
  ];

  for (const {name, input, expected} of rows) {
    it(name, () => {
      const result = parseConfig(input);
      expect(result.ok, 'result.ok').to.equal(false);
      expect(problemLines(result)).to.deep.equal(expected);
    });
  }
});

describe('parseConfig accepts', () => {
  const rows: {name: string; input: Record<string, unknown>; expected: Partial<PrivacyConfig>}[] = [
    {
      name: 'the language of plain strings',
      input: configWith({language: 'pt-BR'}),
      expected: {language: 'pt-BR'},
    },
    {
      name: 'an https policyUrl',
      input: configWith({policyUrl: 'https://shop.example/privacy'}),
      expected: {policyUrl: 'https://shop.example/privacy'},
    },
    {
      name: 'an http policyUrl',
      input: configWith({policyUrl: 'http://shop.example/privacy'}),
      expected: {policyUrl: 'http://shop.example/privacy'},
    },
    {
      name: 'a relative policyUrl',
      input: configWith({policyUrl: '/privacy'}),
      expected: {policyUrl: '/privacy'},
    },
    {
      name: 'a relative policyUrl with a colon after the path',
      input: configWith({policyUrl: 'privacy?at=10:30'}),
      expected: {policyUrl: 'privacy?at=10:30'},
    },
    {
      name: 'a protocol-relative policyUrl',
      input: configWith({policyUrl: '//shop.example/privacy'}),
      expected: {policyUrl: '//shop.example/privacy'},
    },
    {
      name: 'an HTTPS policyUrl in capitals',
      input: configWith({policyUrl: 'HTTPS://shop.example/privacy'}),
      expected: {policyUrl: 'HTTPS://shop.example/privacy'},
    },
    {
      name: 'a controller without contact',
      input: configWith({controller: {name: 'Example Shop'}}),
      expected: {controller: {name: 'Example Shop'}},
    },
    {
      name: 'a controller with a localized name',
      input: configWith({
        controller: {
          name: {en: 'Example Shop', ja: 'サンプルショップ'},
          contact: 'privacy@shop.example',
        },
      }),
      expected: {
        controller: {
          name: {en: 'Example Shop', ja: 'サンプルショップ'},
          contact: 'privacy@shop.example',
        },
      },
    },
    {
      name: 'no policyUrl and no controller',
      input: configWith(),
      expected: {policyVersion: '2026-11-01'},
    },
    {
      name: 'a cookieDomain',
      input: configWith({cookieDomain: 'shop.example'}),
      expected: {cookieDomain: 'shop.example'},
    },
    {
      name: 'a cookieDomain of three labels',
      input: configWith({cookieDomain: 'shop.co.uk'}),
      expected: {cookieDomain: 'shop.co.uk'},
    },
  ];
  for (const {name, input, expected} of rows) {
    it(name, () => {
      expect(parsedConfig(parseConfig(input))).to.deep.include(expected);
    });
  }

  it('leaves out policyUrl and controller when they are not given', () => {
    const config = parsedConfig(parseConfig(configWith()));
    expect(config).to.not.have.property('policyUrl');
    expect(config).to.not.have.property('controller');
  });
});

describe('parseConfig purposes', () => {
  const minimalDefaults: PurposeConfig = {
    id: 'analytics',
    title: 'analytics title',
    description: 'What analytics does with your data.',
    benefit: 'What you get from analytics.',
    legalBasis: 'consent',
    required: false,
    default: 'denied',
    data: [],
    recipients: [],
    gpc: false,
    consentMode: [],
  };

  const rows: {name: string; input: Record<string, unknown>; expected: PurposeConfig}[] = [
    {name: 'a minimal purpose gets the defaults', input: {}, expected: minimalDefaults},
    {
      name: 'cookies and storage keys, names and prefixes',
      input: {cookies: ['_ga', '_ga_*'], storage: ['amplitude_*'], consentMode: []},
      expected: {...minimalDefaults, cookies: ['_ga', '_ga_*'], storage: ['amplitude_*']},
    },
    {
      name: 'integrations, once each, and onWithdraw',
      input: {integrations: ['meta-pixel', 'tiktok-pixel', 'meta-pixel'], onWithdraw: 'reload'},
      expected: {
        ...minimalDefaults,
        integrations: ['meta-pixel', 'tiktok-pixel'],
        onWithdraw: 'reload',
      },
    },
    {
      name: 'empty cookies and storage lists are left out',
      input: {cookies: [], storage: []},
      expected: minimalDefaults,
    },
    {
      name: 'a required purpose defaulting to denied is forced to granted',
      input: {required: true, default: 'denied', requiredReason: 'Keeps you signed in.'},
      expected: {
        ...minimalDefaults,
        required: true,
        default: 'granted',
        requiredReason: 'Keeps you signed in.',
      },
    },
    {
      name: 'a required purpose without a default is granted',
      input: {required: true, legalBasis: 'contract'},
      expected: {...minimalDefaults, required: true, legalBasis: 'contract', default: 'granted'},
    },
    {
      name: 'a required consent purpose may say "granted"',
      input: {required: true, default: 'granted'},
      expected: {...minimalDefaults, required: true, default: 'granted'},
    },
    {
      name: '"granted" is allowed for legitimate-interest',
      input: {legalBasis: 'legitimate-interest', default: 'granted'},
      expected: {...minimalDefaults, legalBasis: 'legitimate-interest', default: 'granted'},
    },
    {
      name: '"granted" is allowed for contract',
      input: {legalBasis: 'contract', default: 'granted'},
      expected: {...minimalDefaults, legalBasis: 'contract', default: 'granted'},
    },
    {
      name: '"granted" is allowed for legal-obligation',
      input: {legalBasis: 'legal-obligation', default: 'granted'},
      expected: {...minimalDefaults, legalBasis: 'legal-obligation', default: 'granted'},
    },
    {
      name: 'a recipient given as a plain string becomes a named recipient',
      input: {recipients: ['Example Analytics Inc.', {name: 'Example CDN', url: '/partners/cdn'}]},
      expected: {
        ...minimalDefaults,
        recipients: [{name: 'Example Analytics Inc.'}, {name: 'Example CDN', url: '/partners/cdn'}],
      },
    },
    {
      name: 'recipient hosts, exact and wildcard, de-duplicated; none given: no hosts field',
      input: {
        recipients: [
          {name: 'Video Co.', hosts: ['video.example', '*.video-cdn.example', 'video.example']},
          {name: 'CDN', hosts: []},
        ],
      },
      expected: {
        ...minimalDefaults,
        recipients: [
          {name: 'Video Co.', hosts: ['video.example', '*.video-cdn.example']},
          {name: 'CDN'},
        ],
      },
    },
    {
      name: 'consentMode keys are de-duplicated, first occurrence kept',
      input: {
        consentMode: [
          'ad_storage',
          'ad_user_data',
          'ad_storage',
          'ad_personalization',
          'ad_user_data',
        ],
      },
      expected: {
        ...minimalDefaults,
        consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'],
      },
    },
    {
      name: 'localized texts keyed by language, region and script are kept as given',
      input: {
        title: {
          en: 'Usage analytics',
          'pt-BR': 'Análise de uso',
          'zh-Hant-TW': '使用分析',
          ar: 'تحليلات الاستخدام',
        },
        data: [{en: 'Pages visited', de: 'Besuchte Seiten'}, 'Device type'],
        retention: {en: '13 months'},
      },
      expected: {
        ...minimalDefaults,
        title: {
          en: 'Usage analytics',
          'pt-BR': 'Análise de uso',
          'zh-Hant-TW': '使用分析',
          ar: 'تحليلات الاستخدام',
        },
        data: [{en: 'Pages visited', de: 'Besuchte Seiten'}, 'Device type'],
        retention: {en: '13 months'},
      },
    },
    {
      name: 'optIn and saleOrSharing, kept when true',
      input: {optIn: true, saleOrSharing: true},
      expected: {...minimalDefaults, optIn: true, saleOrSharing: true},
    },
    {
      name: 'optIn and saleOrSharing, left out when false',
      input: {optIn: false, saleOrSharing: false},
      expected: minimalDefaults,
    },
    {
      name: 'a required purpose may say false to both',
      input: {required: true, optIn: false, saleOrSharing: false},
      expected: {...minimalDefaults, required: true, default: 'granted'},
    },
    {
      name: 'an id of 64 characters',
      input: {id: 'a'.repeat(64)},
      expected: {...minimalDefaults, id: 'a'.repeat(64)},
    },
    {
      name: 'an id with digits, "_" and "-"',
      input: {id: '0ad_user-data'},
      expected: {...minimalDefaults, id: '0ad_user-data'},
    },
  ];

  for (const {name, input, expected} of rows) {
    it(name, () => {
      const config = parsedConfig(parseConfig(withPurpose(input)));
      expect(config.purposes).to.deep.equal([expected]);
    });
  }

  it('keeps the purposes in the order given', () => {
    const config = parsedConfig(
      parseConfig(
        configWith({purposes: ['essential', 'analytics', 'ads'].map((id) => minimalPurpose(id))}),
      ),
    );
    expect(config.purposes.map((purpose) => purpose.id)).to.deep.equal([
      'essential',
      'analytics',
      'ads',
    ]);
  });

  const policyUrlRows: {url: string; isAccepted: boolean}[] = [
    {url: 'https://shop.example/privacy', isAccepted: true},
    {url: '/privacy', isAccepted: true},
    {url: 'privacy.html', isAccepted: true},
    {url: '//shop.example/privacy', isAccepted: true},
    {url: 'javascript:alert(1)', isAccepted: false},
    {url: ' javascript:alert(1)', isAccepted: false},
    {url: 'java\tscript:alert(1)', isAccepted: false},
    {url: 'java\nscript:alert(1)', isAccepted: false},
    {url: '\u0001javascript:alert(1)', isAccepted: false},
    {url: 'vbscript:msgbox(1)', isAccepted: false},
    {url: 'data:text/html,hi', isAccepted: false},
  ];
  for (const {url, isAccepted} of policyUrlRows) {
    it(`${isAccepted ? 'accepts' : 'refuses'} the policyUrl ${JSON.stringify(url)}`, () => {
      const result = parseConfig(configWith({policyUrl: url}));
      if (isAccepted) {
        expect(parsedConfig(result).policyUrl).to.equal(url);
        expect(new URL(url, document.baseURI).protocol).to.be.oneOf(['http:', 'https:']);
      } else {
        expect(problemLines(result)).to.deep.equal([
          'policyUrl must be an http(s) or relative URL',
        ]);
      }
    });
  }
});

describe('parseConfig jurisdictions', () => {
  const rows: {
    name: string;
    input: Record<string, unknown>;
    expected: PrivacyConfig['jurisdictions'];
  }[] = [
    {
      name: 'the contract example, defaults filled in',
      input: {
        EEA: {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395, closeMeans: 'reject'},
        GB: {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395, closeMeans: 'reject'},
        'US-CA': {model: 'opt-out', reaskAfterRefusalDays: 365},
        '*': {model: 'opt-in'},
      },
      expected: {
        EEA: {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395, closeMeans: 'reject'},
        GB: {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395, closeMeans: 'reject'},
        'US-CA': {model: 'opt-out', reaskAfterRefusalDays: 365, maxAgeDays: 395},
        '*': {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395},
      },
    },
    {
      name: 'the default days of each model: 182 to re-ask (365 after an opt-out), 395 to lapse',
      input: {EU: {model: 'opt-in'}, US: {model: 'opt-out'}, '*': {model: 'notice'}},
      expected: {
        EU: {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395},
        US: {model: 'opt-out', reaskAfterRefusalDays: 365, maxAgeDays: 395},
        '*': {model: 'notice', reaskAfterRefusalDays: 182, maxAgeDays: 395},
      },
    },
    {
      name: 'a notice rule with its own days',
      input: {JP: {model: 'notice', reaskAfterRefusalDays: 30, maxAgeDays: 730}},
      expected: {JP: {model: 'notice', reaskAfterRefusalDays: 30, maxAgeDays: 730}},
    },
    {
      name: 'the bounds of the days, 1 and 3650',
      input: {'FR-75C': {model: 'opt-in', reaskAfterRefusalDays: 1, maxAgeDays: 3650}},
      expected: {'FR-75C': {model: 'opt-in', reaskAfterRefusalDays: 1, maxAgeDays: 3650}},
    },
  ];
  for (const {name, input, expected} of rows) {
    it(name, () => {
      expect(parsedConfig(parseConfig(withJurisdictions(input))).jurisdictions).to.deep.equal(
        expected,
      );
    });
  }

  it('leaves out jurisdictions when they are not given', () => {
    expect(parsedConfig(parseConfig(configWith()))).to.not.have.property('jurisdictions');
  });
});

describe('parseConfig on the documented example (docs/configuration.md#example)', () => {
  const example = {
    policyVersion: '2026-11-01',
    policyUrl: 'https://shop.example/privacy',
    controller: {name: 'Example Shop', contact: 'privacy@shop.example'},
    purposes: [
      {
        id: 'analytics',
        title: {en: 'Usage analytics', ja: '利用状況の分析'},
        description: 'Which pages you visit and how long pages take to load.',
        benefit: 'We find and fix slow or confusing pages sooner.',
        legalBasis: 'consent',
        required: false,
        default: 'denied',
        data: ['Pages visited', 'Device type'],
        recipients: [{name: 'Example Analytics Inc.', url: 'https://analytics.example/privacy'}],
        retention: '13 months',
        gpc: false,
        consentMode: ['analytics_storage'],
      },
    ],
  };

  it('parses as an object', () => {
    expect(parsedConfig(parseConfig(example))).to.deep.equal(example);
  });

  it('parses as JSON text', () => {
    expect(parsedConfig(parseConfigText(JSON.stringify(example, null, 2)))).to.deep.equal(example);
  });
});

describe('parseConfig warns about keys it does not know', () => {
  const rows: {name: string; input: unknown; ok: boolean; expected: string[]}[] = [
    {name: 'none in a valid configuration', input: configWith(), ok: true, expected: []},
    {
      name: 'not $schema at the top (for editors)',
      input: configWith({$schema: './privacy-preferences.schema.json'}),
      ok: true,
      expected: [],
    },
    {
      name: 'a misspelled optional key, whose default then applies',
      input: withPurpose({legalbasis: 'contract', default: 'denied'}),
      ok: true,
      expected: ['purposes[0].legalbasis is not a known key'],
    },
    {
      name: 'one at every level, in order',
      input: configWith({
        policyurl: '/privacy',
        controller: {name: 'Shop', email: 'a@b.example'},
        purposes: [
          minimalPurpose('analytics', {
            Gpc: true,
            recipients: ['By name', {name: 'R', link: 'https://r.example'}],
          }),
          minimalPurpose('ads', {$schema: 'x'}),
        ],
      }),
      ok: true,
      expected: [
        'policyurl is not a known key',
        'controller.email is not a known key',
        'purposes[0].Gpc is not a known key',
        'purposes[0].recipients[1].link is not a known key',
        'purposes[1].$schema is not a known key',
      ],
    },
    {
      name: 'one inside a jurisdiction rule, whose default then applies',
      input: withJurisdictions({GB: {model: 'opt-in', maxAgeDays: 395, closemeans: 'reject'}}),
      ok: true,
      expected: ['jurisdictions.GB.closemeans is not a known key'],
    },
    {
      name: 'one inside a rule that has problems of its own',
      input: withJurisdictions({GB: {modle: 'opt-in'}}),
      ok: false,
      expected: ['jurisdictions.GB.modle is not a known key'],
    },
    {
      name: 'beside the problems of an invalid configuration',
      input: withPurpose({benefit: undefined, benifit: 'A typo'}),
      ok: false,
      expected: ['purposes[0].benifit is not a known key'],
    },
    {name: 'none for a value that is not an object', input: 'config', ok: false, expected: []},
  ];
  for (const {name, input, ok, expected} of rows) {
    it(name, () => {
      const result = parseConfig(input);
      expect(result.ok).to.equal(ok);
      expect(result.warnings.map(describeProblem)).to.deep.equal(expected);
    });
  }
});

describe('parseConfigText', () => {
  const rows: {name: string; input: string; expected: RegExp}[] = [
    {
      name: 'an unterminated object',
      input: '{"policyVersion": "2026-11-01"',
      expected: /^configuration is not valid JSON: /,
    },
    {name: 'an empty document', input: '', expected: /^configuration is not valid JSON: /},
    {
      name: 'a trailing comma',
      input: '{"policyVersion": "2026-11-01",}',
      expected: /^configuration is not valid JSON: /,
    },
    {
      name: 'an HTML error page',
      input: '<!doctype html><title>Not found</title>',
      expected: /^configuration is not valid JSON: /,
    },
    {name: 'JSON null', input: 'null', expected: /^configuration must be a JSON object$/},
    {name: 'a JSON array', input: '[]', expected: /^configuration must be a JSON object$/},
    {
      name: 'a JSON string',
      input: '"purposes.json"',
      expected: /^configuration must be a JSON object$/,
    },
  ];
  for (const {name, input, expected} of rows) {
    it(`rejects ${name} with one whole-document problem`, () => {
      const result = parseConfigText(input);
      expect(result.ok, 'result.ok').to.equal(false);
      const lines = problemLines(result);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(expected);
    });
  }

  it('validates the parsed document like parseConfig', () => {
    expect(
      problemLines(parseConfigText('{"policyVersion": "2026-11-01", "purposes": []}')),
    ).to.deep.equal(['purposes must list at least one purpose']);
  });
});
