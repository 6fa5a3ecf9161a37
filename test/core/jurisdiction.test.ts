import {expect} from '@open-wc/testing';
import {
  normalizeRegion,
  OPT_IN,
  ruleFor,
  type AppliedRule,
  type JurisdictionRule,
} from '../../src/core/jurisdiction.js';

const OPT_IN_REJECT: JurisdictionRule = {
  model: 'opt-in',
  reaskAfterRefusalDays: 182,
  maxAgeDays: 395,
  closeMeans: 'reject',
};
const EU_RULE: JurisdictionRule = {model: 'opt-in', reaskAfterRefusalDays: 90, maxAgeDays: 365};
const US: JurisdictionRule = {model: 'opt-out', reaskAfterRefusalDays: 365, maxAgeDays: 395};
const US_CA: JurisdictionRule = {model: 'opt-out', reaskAfterRefusalDays: 400, maxAgeDays: 730};
const REST_OF_WORLD: JurisdictionRule = {
  model: 'opt-out',
  reaskAfterRefusalDays: 30,
  maxAgeDays: 90,
};
const NOTICE: JurisdictionRule = {model: 'notice', reaskAfterRefusalDays: 182, maxAgeDays: 395};
const NOTICE_SHORT: JurisdictionRule = {
  model: 'notice',
  reaskAfterRefusalDays: 30,
  maxAgeDays: 90,
};

/** The documented example (docs/configuration.md#jurisdictions), with the US and the EU added
 * and opt-out everywhere else. */
const shop: Readonly<Record<string, JurisdictionRule>> = {
  EEA: OPT_IN_REJECT,
  EU: EU_RULE,
  GB: OPT_IN_REJECT,
  'US-CA': US_CA,
  US,
  '*': REST_OF_WORLD,
};

describe('normalizeRegion', () => {
  const rows: {input: unknown; expected: string | undefined}[] = [
    {input: 'DE', expected: 'DE'},
    {input: 'de', expected: 'DE'},
    {input: ' de ', expected: 'DE'},
    {input: '\tgb\n', expected: 'GB'},
    {input: 'US-CA', expected: 'US-CA'},
    {input: 'us-ca', expected: 'US-CA'},
    {input: 'Us-Ca', expected: 'US-CA'},
    {input: 'FR-75C', expected: 'FR-75C'},
    {input: 'GB-1', expected: 'GB-1'},
    {input: 'EU', expected: 'EU'},
    {input: '', expected: undefined},
    {input: '   ', expected: undefined},
    {input: 'D', expected: undefined},
    {input: 'DEU', expected: undefined},
    {input: 'EEA', expected: undefined},
    {input: 'US-', expected: undefined},
    {input: 'US-CAL1', expected: undefined},
    {input: 'US_CA', expected: undefined},
    {input: 'US CA', expected: undefined},
    {input: 'U1', expected: undefined},
    {input: '*', expected: undefined},
    {input: 'DE\u0000', expected: undefined},
    {input: undefined, expected: undefined},
    {input: null, expected: undefined},
    {input: 49, expected: undefined},
    {input: ['DE'], expected: undefined},
    {input: {region: 'DE'}, expected: undefined},
  ];
  for (const {input, expected} of rows) {
    it(`gives ${String(expected)} for ${JSON.stringify(input) ?? 'undefined'}`, () => {
      expect(normalizeRegion(input)).to.equal(expected);
    });
  }
});

describe('ruleFor', () => {
  const rows: {
    name: string;
    jurisdictions: Readonly<Record<string, JurisdictionRule>> | undefined;
    region: string | undefined;
    expected: AppliedRule;
  }[] = [
    {
      name: 'a region with its own key (US-CA over US over *)',
      jurisdictions: shop,
      region: 'US-CA',
      expected: {...US_CA, region: 'US-CA'},
    },
    {
      name: "a region without a key of its own gets its country's (US-NY: US)",
      jurisdictions: shop,
      region: 'US-NY',
      expected: {...US, region: 'US-NY'},
    },
    {
      name: 'a country with its own key (GB)',
      jurisdictions: shop,
      region: 'GB',
      expected: {...OPT_IN_REJECT, region: 'GB'},
    },
    {
      name: 'an EU member: EU before EEA, whatever the order of the keys',
      jurisdictions: shop,
      region: 'DE',
      expected: {...EU_RULE, region: 'DE'},
    },
    {
      name: 'a subdivision of an EU member: EU',
      jurisdictions: shop,
      region: 'FR-75C',
      expected: {...EU_RULE, region: 'FR-75C'},
    },
    {
      name: 'Greece, written GR: EU',
      jurisdictions: shop,
      region: 'GR',
      expected: {...EU_RULE, region: 'GR'},
    },
    {
      name: 'Norway: EEA only',
      jurisdictions: shop,
      region: 'NO',
      expected: {...OPT_IN_REJECT, region: 'NO'},
    },
    {
      name: 'Iceland and Liechtenstein: EEA only',
      jurisdictions: shop,
      region: 'LI',
      expected: {...OPT_IN_REJECT, region: 'LI'},
    },
    {
      name: 'an EU member with only EEA configured: EEA',
      jurisdictions: {EEA: OPT_IN_REJECT, '*': REST_OF_WORLD},
      region: 'DE',
      expected: {...OPT_IN_REJECT, region: 'DE'},
    },
    {
      name: 'a country key wins over its group (DE over EU)',
      jurisdictions: {EU: EU_RULE, DE: US},
      region: 'DE',
      expected: {...US, region: 'DE'},
    },
    {
      name: 'a region that no key names: *',
      jurisdictions: shop,
      region: 'JP',
      expected: {...REST_OF_WORLD, region: 'JP'},
    },
    {
      name: 'Switzerland is in neither group: *',
      jurisdictions: shop,
      region: 'CH',
      expected: {...REST_OF_WORLD, region: 'CH'},
    },
    {
      name: 'a region nothing covers, without *: the strictest rule',
      jurisdictions: {'US-CA': US_CA, EEA: OPT_IN_REJECT},
      region: 'JP',
      expected: {...OPT_IN_REJECT, region: 'JP'},
    },
    {
      name: 'an unknown region: the strictest rule (the first opt-in, EEA), not *',
      jurisdictions: shop,
      region: undefined,
      expected: {...OPT_IN_REJECT, region: undefined},
    },
    {
      name: 'strictest: opt-in over opt-out',
      jurisdictions: {'*': REST_OF_WORLD, US, GB: EU_RULE},
      region: undefined,
      expected: {...EU_RULE, region: undefined},
    },
    {
      name: 'strictest: the first opt-in in configuration order',
      jurisdictions: {US, GB: OPT_IN_REJECT, EU: EU_RULE},
      region: 'JP',
      expected: {...OPT_IN_REJECT, region: 'JP'},
    },
    {
      name: 'strictest: the first opt-out in configuration order, when there is no opt-in',
      jurisdictions: {'US-CA': US_CA, '*': REST_OF_WORLD, US},
      region: undefined,
      expected: {...US_CA, region: undefined},
    },
    {
      name: 'strictest: opt-in over opt-out over notice, whatever the order',
      jurisdictions: {'*': NOTICE, US, GB: EU_RULE},
      region: undefined,
      expected: {...EU_RULE, region: undefined},
    },
    {
      name: 'strictest: opt-out over notice, for a region nothing covers',
      jurisdictions: {JP: NOTICE_SHORT, 'US-CA': US_CA, BR: NOTICE},
      region: 'DE',
      expected: {...US_CA, region: 'DE'},
    },
    {
      name: 'strictest: notice when that is all there is, the first in configuration order',
      jurisdictions: {JP: NOTICE_SHORT, BR: NOTICE},
      region: undefined,
      expected: {...NOTICE_SHORT, region: undefined},
    },
    {
      name: 'a region with a notice key gets the notice, stricter rules elsewhere or not',
      jurisdictions: {EEA: OPT_IN_REJECT, US, JP: NOTICE},
      region: 'JP',
      expected: {...NOTICE, region: 'JP'},
    },
    {
      name: 'a region nothing covers, with only opt-out rules: opt-out',
      jurisdictions: {'US-CA': US_CA},
      region: 'DE',
      expected: {...US_CA, region: 'DE'},
    },
    {
      name: 'no jurisdictions: opt-in, the region kept',
      jurisdictions: undefined,
      region: 'US-CA',
      expected: {...OPT_IN, region: 'US-CA'},
    },
    {
      name: 'no jurisdictions and an unknown region: opt-in',
      jurisdictions: undefined,
      region: undefined,
      expected: {...OPT_IN, region: undefined},
    },
  ];
  for (const {name, jurisdictions, region, expected} of rows) {
    it(name, () => {
      expect(ruleFor(jurisdictions, region)).to.deep.equal(expected);
    });
  }

  it('gives OPT_IN the contract defaults', () => {
    expect(OPT_IN).to.deep.equal({model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395});
  });
});
