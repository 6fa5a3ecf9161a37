import {expect} from '@open-wc/testing';
import type {PurposeConfig} from '../../src/core/config.js';
import {purpose} from '../fixtures/purpose.js';
import {
  changedIds,
  resolveChoices,
  startingChoices,
  type Choices,
  type PriorDecision,
  type StartingChoices,
} from '../../src/core/consent.js';

/** An online shop: one required purpose, two consent purposes, one pre-ticked legitimate interest. */
const shop: readonly PurposeConfig[] = [
  purpose('essential', {required: true, legalBasis: 'contract', default: 'granted'}),
  purpose('analytics'),
  purpose('recommendations', {legalBasis: 'legitimate-interest', default: 'granted'}),
  purpose('ads', {gpc: true}),
];

const defaults: Choices = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'granted',
  ads: 'denied',
};

describe('resolveChoices', () => {
  const rows: {name: string; stored?: Record<string, unknown>; expected: Choices}[] = [
    {name: 'uses the defaults when nothing is stored', expected: defaults},
    {name: 'uses the defaults for an empty stored object', stored: {}, expected: defaults},
    {
      name: 'lets a stored choice win over the default',
      stored: {analytics: 'granted', recommendations: 'denied'},
      expected: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'denied',
        ads: 'denied',
      },
    },
    {
      name: 'keeps a required purpose granted whatever was stored',
      stored: {essential: 'denied', ads: 'granted'},
      expected: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'granted',
        ads: 'granted',
      },
    },
    {
      name: 'drops stored ids that are no longer configured',
      stored: {analytics: 'granted', newsletter: 'granted'},
      expected: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'denied',
      },
    },
    {
      name: 'ignores stored values that are not a choice',
      stored: {analytics: 'yes', recommendations: false, ads: 1},
      expected: defaults,
    },
  ];
  for (const {name, stored, expected} of rows) {
    it(name, () => {
      expect(resolveChoices(shop, stored)).to.deep.equal(expected);
    });
  }

  it('has a choice for every purpose, in configuration order', () => {
    expect(Object.keys(resolveChoices(shop))).to.deep.equal([
      'essential',
      'analytics',
      'recommendations',
      'ads',
    ]);
  });

  it('does not read inherited properties as stored choices', () => {
    // "constructor" is a valid id and an inherited property of every object.
    expect(resolveChoices([purpose('constructor')], {})).to.deep.equal({constructor: 'denied'});
  });
});

describe('changedIds', () => {
  const rows: {name: string; before: Choices; after: Choices; expected: string[]}[] = [
    {name: 'nothing for equal choices', before: defaults, after: {...defaults}, expected: []},
    {
      name: 'the one id that changed',
      before: defaults,
      after: {...defaults, analytics: 'granted'},
      expected: ['analytics'],
    },
    {
      name: 'every changed id in the order of the new choices',
      before: defaults,
      after: {
        ads: 'granted',
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
      },
      expected: ['ads', 'analytics'],
    },
    {
      name: 'an id that is new',
      before: {analytics: 'denied'},
      after: {analytics: 'denied', ads: 'denied'},
      expected: ['ads'],
    },
    {
      name: 'every id against no earlier choices',
      before: {},
      after: {analytics: 'denied', ads: 'granted'},
      expected: ['analytics', 'ads'],
    },
    {
      name: 'nothing for an id that was removed',
      before: {analytics: 'denied', ads: 'granted'},
      after: {analytics: 'denied'},
      expected: [],
    },
    {
      name: 'accept all after the defaults',
      before: defaults,
      after: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'granted',
      },
      expected: ['analytics', 'ads'],
    },
    {
      name: 'reject all after the defaults',
      before: defaults,
      after: {essential: 'granted', analytics: 'denied', recommendations: 'denied', ads: 'denied'},
      expected: ['recommendations'],
    },
  ];
  for (const {name, before, after, expected} of rows) {
    it(`gives ${name}`, () => {
      expect(changedIds(before, after)).to.deep.equal(expected);
    });
  }
});

describe('startingChoices', () => {
  const optOutAds = shop.map((entry) =>
    entry.id === 'ads'
      ? {...entry, legalBasis: 'legitimate-interest' as const, default: 'granted' as const}
      : entry,
  );
  const rows: {
    name: string;
    purposes?: readonly PurposeConfig[];
    prior: PriorDecision | undefined;
    gpc: boolean;
    expected: StartingChoices;
  }[] = [
    {
      name: 'a first visit gets the defaults',
      prior: undefined,
      gpc: false,
      expected: {choices: defaults, newPurposeIds: [], isPolicyChanged: false, deniedByGpc: []},
    },
    {
      name: 'a decision under the same policy stands',
      prior: {
        policyVersion: 'v2',
        choices: {analytics: 'granted', recommendations: 'denied', ads: 'granted'},
      },
      gpc: false,
      expected: {
        choices: {
          essential: 'granted',
          analytics: 'granted',
          recommendations: 'denied',
          ads: 'granted',
        },
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: [],
      },
    },
    {
      name: 'purposes new since a decision under another policy start denied, whatever their default',
      prior: {policyVersion: 'v1', choices: {essential: 'granted', analytics: 'granted'}},
      gpc: false,
      expected: {
        choices: {
          essential: 'granted',
          analytics: 'granted',
          recommendations: 'denied',
          ads: 'denied',
        },
        newPurposeIds: ['recommendations', 'ads'],
        isPolicyChanged: true,
        deniedByGpc: [],
      },
    },
    {
      name: 'a changed policy without new purposes still says it changed',
      prior: {
        policyVersion: 'v1',
        choices: {
          essential: 'granted',
          analytics: 'denied',
          recommendations: 'granted',
          ads: 'denied',
        },
      },
      gpc: false,
      expected: {choices: defaults, newPurposeIds: [], isPolicyChanged: true, deniedByGpc: []},
    },
    {
      name: 'GPC denies "gpc" purposes that would start granted',
      purposes: optOutAds,
      prior: undefined,
      gpc: true,
      expected: {
        choices: {
          essential: 'granted',
          analytics: 'denied',
          recommendations: 'granted',
          ads: 'denied',
        },
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: ['ads'],
      },
    },
    {
      name: 'GPC overrides a grant made before the signal was on',
      prior: {policyVersion: 'v2', choices: {ads: 'granted'}, gpc: false},
      gpc: true,
      expected: {
        choices: {...defaults, ads: 'denied'},
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: ['ads'],
      },
    },
    {
      name: 'an explicit opt-in made while the signal was on stands',
      prior: {policyVersion: 'v2', choices: {ads: 'granted'}, gpc: true},
      gpc: true,
      expected: {
        choices: {...defaults, ads: 'granted'},
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: [],
      },
    },
    {
      name: 'GPC changes nothing that is already denied',
      prior: undefined,
      gpc: true,
      expected: {choices: defaults, newPurposeIds: [], isPolicyChanged: false, deniedByGpc: []},
    },
  ];
  for (const {name, purposes = shop, prior, gpc, expected} of rows) {
    it(name, () => {
      expect(startingChoices(purposes, 'v2', prior, gpc)).to.deep.equal(expected);
    });
  }
});
