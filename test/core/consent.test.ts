import {expect} from '@open-wc/testing';
import type {PurposeConfig} from '../../src/core/config.js';
import {purpose} from '../fixtures/purpose.js';
import {
  changedIds,
  decisionStanding,
  resolveChoices,
  startingChoices,
  type Ask,
  type Choices,
  type PriorDecision,
  type StartingChoices,
} from '../../src/core/consent.js';
import {OPT_IN, type JurisdictionRule} from '../../src/core/jurisdiction.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00.000Z');
const DECIDED = '2026-11-01T00:00:00.000Z';
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();
const OPT_OUT: JurisdictionRule = {model: 'opt-out', reaskAfterRefusalDays: 365, maxAgeDays: 395};
const NOTICE: JurisdictionRule = {model: 'notice', reaskAfterRefusalDays: 182, maxAgeDays: 395};

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
      expected: {
        choices: defaults,
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: [],
        ask: 'everything',
      },
    },
    {
      name: 'a decision under the same policy stands',
      prior: {
        policyVersion: 'v2',
        decidedAt: DECIDED,
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
        ask: 'nothing',
      },
    },
    {
      name: 'purposes new since a decision under another policy start denied, whatever their default',
      prior: {
        policyVersion: 'v1',
        decidedAt: DECIDED,
        choices: {essential: 'granted', analytics: 'granted'},
      },
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
        ask: 'everything',
      },
    },
    {
      name: 'a changed policy without new purposes still says it changed',
      prior: {
        policyVersion: 'v1',
        decidedAt: DECIDED,
        choices: {
          essential: 'granted',
          analytics: 'denied',
          recommendations: 'granted',
          ads: 'denied',
        },
      },
      gpc: false,
      expected: {
        choices: defaults,
        newPurposeIds: [],
        isPolicyChanged: true,
        deniedByGpc: [],
        ask: 'nothing',
      },
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
        ask: 'everything',
      },
    },
    {
      name: 'GPC overrides a grant made before the signal was on',
      prior: {policyVersion: 'v2', decidedAt: DECIDED, choices: {ads: 'granted'}, gpc: false},
      gpc: true,
      expected: {
        choices: {...defaults, ads: 'denied'},
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: ['ads'],
        ask: 'nothing',
      },
    },
    {
      name: 'an explicit opt-in made while the signal was on stands',
      prior: {policyVersion: 'v2', decidedAt: DECIDED, choices: {ads: 'granted'}, gpc: true},
      gpc: true,
      expected: {
        choices: {...defaults, ads: 'granted'},
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: [],
        ask: 'nothing',
      },
    },
    {
      name: 'GPC changes nothing that is already denied',
      prior: undefined,
      gpc: true,
      expected: {
        choices: defaults,
        newPurposeIds: [],
        isPolicyChanged: false,
        deniedByGpc: [],
        ask: 'everything',
      },
    },
  ];
  for (const {name, purposes = shop, prior, gpc, expected} of rows) {
    it(name, () => {
      expect(startingChoices(purposes, 'v2', prior, gpc, OPT_IN, NOW)).to.deep.equal(expected);
    });
  }
});

describe('decisionStanding', () => {
  const accepted = {
    essential: 'granted',
    analytics: 'granted',
    recommendations: 'granted',
    ads: 'granted',
  };
  const refused = {
    essential: 'granted',
    analytics: 'denied',
    recommendations: 'granted',
    ads: 'denied',
  };
  const older = {essential: 'granted', analytics: 'denied'}; // before "recommendations" and "ads"
  const rows: {
    name: string;
    rule?: JurisdictionRule;
    prior?: {
      policyVersion?: string;
      choices: Record<string, string>;
      decidedAt: string;
      bySignal?: boolean;
    };
    /** The policy version a notice was dismissed under ("OK"), as this browser keeps it. */
    noticeSeen?: unknown;
    ask: Ask;
    isExpired?: boolean;
    newPurposeIds?: string[];
  }[] = [
    {name: 'opt-in: a first visit is asked', ask: 'everything'},
    {name: 'opt-out: a first visit is not asked', rule: OPT_OUT, ask: 'nothing'},
    {
      name: 'an acceptance 394 days old stands',
      prior: {choices: accepted, decidedAt: daysAgo(394)},
      ask: 'nothing',
    },
    {
      name: 'an acceptance 395 days old lapses',
      prior: {choices: accepted, decidedAt: daysAgo(395)},
      ask: 'everything',
      isExpired: true,
    },
    {
      name: 'a refusal 181 days old is not asked again',
      prior: {choices: refused, decidedAt: daysAgo(181)},
      ask: 'nothing',
    },
    {
      name: 'a refusal 182 days old is asked again, and has not lapsed',
      prior: {choices: refused, decidedAt: daysAgo(182)},
      ask: 'everything',
    },
    {
      name: 'the rule sets the re-ask time',
      rule: {...OPT_IN, reaskAfterRefusalDays: 30},
      prior: {choices: refused, decidedAt: daysAgo(30)},
      ask: 'everything',
    },
    {
      name: 'the rule sets the age',
      rule: {...OPT_IN, maxAgeDays: 30},
      prior: {choices: accepted, decidedAt: daysAgo(30)},
      ask: 'everything',
      isExpired: true,
    },
    {
      name: 'a new policy alone does not ask again after a refusal',
      prior: {policyVersion: 'v1', choices: refused, decidedAt: daysAgo(30)},
      ask: 'nothing',
    },
    {
      name: 'after a refusal, a new policy asks about its new purposes only',
      prior: {policyVersion: 'v1', choices: older, decidedAt: daysAgo(30)},
      ask: 'new',
      newPurposeIds: ['recommendations', 'ads'],
    },
    {
      name: 'after an acceptance, a new policy asks again',
      prior: {policyVersion: 'v1', choices: accepted, decidedAt: daysAgo(30)},
      ask: 'everything',
    },
    {
      name: 'a refusal past its re-ask time asks everything, new purposes or not',
      prior: {policyVersion: 'v1', choices: older, decidedAt: daysAgo(200)},
      ask: 'everything',
      newPurposeIds: ['recommendations', 'ads'],
    },
    {
      name: 'a clock set back (decided 10 days "ahead") does not ask early',
      prior: {choices: refused, decidedAt: daysAgo(-10)},
      ask: 'nothing',
    },
    {
      name: 'a decision dated further ahead than the rule allows has lapsed',
      prior: {choices: accepted, decidedAt: daysAgo(-400)},
      ask: 'everything',
      isExpired: true,
    },
    {
      name: 'an unreadable date has lapsed',
      prior: {choices: accepted, decidedAt: 'yesterday'},
      ask: 'everything',
      isExpired: true,
    },
    {
      name: 'opt-out: a lapsed refusal is not asked again',
      rule: OPT_OUT,
      prior: {choices: refused, decidedAt: daysAgo(400)},
      ask: 'nothing',
      isExpired: true,
    },
    {
      name: "opt-in: Global Privacy Control's own record is no answer: the banner asks",
      prior: {choices: refused, decidedAt: daysAgo(0), bySignal: true},
      ask: 'everything',
    },
    {
      name: "opt-out: Global Privacy Control's own record asks nothing",
      rule: OPT_OUT,
      prior: {choices: refused, decidedAt: daysAgo(0), bySignal: true},
      ask: 'nothing',
    },
    {
      name: "notice: Global Privacy Control's own record does not stand for the notice",
      rule: NOTICE,
      prior: {choices: refused, decidedAt: daysAgo(0), bySignal: true},
      ask: 'everything',
    },
    {
      name: 'opt-out: a new policy asks nothing',
      rule: OPT_OUT,
      prior: {policyVersion: 'v1', choices: accepted, decidedAt: daysAgo(1)},
      ask: 'nothing',
    },
    {name: 'notice: a first visit is told', rule: NOTICE, ask: 'everything'},
    {
      name: 'notice: dismissed under this policy, it is not told again',
      rule: NOTICE,
      noticeSeen: 'v2',
      ask: 'nothing',
    },
    {
      name: 'notice: dismissed under an older policy, it is told again',
      rule: NOTICE,
      noticeSeen: 'v1',
      ask: 'everything',
    },
    {
      name: 'notice: a kept value that is not a version tells again',
      rule: NOTICE,
      noticeSeen: true,
      ask: 'everything',
    },
    {
      name: 'opt-in: a dismissed notice asks all the same',
      noticeSeen: 'v2',
      ask: 'everything',
    },
    {
      name: 'notice: a refusal past the re-ask time asks nothing',
      rule: NOTICE,
      prior: {choices: refused, decidedAt: daysAgo(200)},
      ask: 'nothing',
    },
    {
      name: 'notice: a new policy with new purposes asks nothing after a decision',
      rule: NOTICE,
      prior: {policyVersion: 'v1', choices: older, decidedAt: daysAgo(30)},
      ask: 'nothing',
      newPurposeIds: ['recommendations', 'ads'],
    },
    {
      name: 'notice: a new policy asks nothing after an acceptance, dismissed before or not',
      rule: NOTICE,
      prior: {policyVersion: 'v1', choices: accepted, decidedAt: daysAgo(30)},
      noticeSeen: 'v1',
      ask: 'nothing',
    },
    {
      name: 'notice: a lapsed decision is not asked again',
      rule: NOTICE,
      prior: {choices: accepted, decidedAt: daysAgo(395)},
      ask: 'nothing',
      isExpired: true,
    },
  ];
  for (const {
    name,
    rule = OPT_IN,
    prior,
    noticeSeen,
    ask,
    isExpired = false,
    newPurposeIds = [],
  } of rows) {
    it(name, () => {
      const decision = prior && {policyVersion: 'v2', ...prior};
      expect(decisionStanding(shop, 'v2', decision, rule, NOW, noticeSeen)).to.deep.equal({
        ask,
        isExpired,
        newPurposeIds,
      });
    });
  }
});

describe('startingChoices by rule', () => {
  const purposes: readonly PurposeConfig[] = [
    ...shop,
    purpose('health', {optIn: true}),
    purpose('partners', {saleOrSharing: true}),
  ];
  const rows: {
    name: string;
    rule: JurisdictionRule;
    prior?: PriorDecision;
    gpc?: boolean;
    noticeSeen?: string;
    choices: Record<string, string>;
    deniedByGpc?: string[];
    /** What the banner asks, where the row is about it. */
    ask?: Ask;
  }[] = [
    {
      name: 'opt-in: consent purposes start denied',
      rule: OPT_IN,
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'granted',
        ads: 'denied',
        health: 'denied',
        partners: 'denied',
      },
    },
    {
      name: 'opt-out: consent purposes start granted, except sensitive data',
      rule: OPT_OUT,
      choices: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
        partners: 'granted',
      },
    },
    {
      name: 'opt-out with GPC: "gpc" purposes and every sale or sharing start denied',
      rule: OPT_OUT,
      gpc: true,
      choices: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'denied',
        health: 'denied',
        partners: 'denied',
      },
      deniedByGpc: ['ads', 'partners'],
    },
    {
      name: 'notice: starts as opt-out does, consent purposes granted except sensitive data',
      rule: NOTICE,
      ask: 'everything',
      choices: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
        partners: 'granted',
      },
    },
    {
      name: 'notice with GPC: "gpc" purposes and every sale or sharing start denied',
      rule: NOTICE,
      gpc: true,
      choices: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'denied',
        health: 'denied',
        partners: 'denied',
      },
      deniedByGpc: ['ads', 'partners'],
    },
    {
      name: 'notice: dismissed under this policy, it asks nothing and changes no choice',
      rule: NOTICE,
      noticeSeen: 'v2',
      ask: 'nothing',
      choices: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
        partners: 'granted',
      },
    },
    {
      name: 'notice: a lapsed decision keeps its refusals, its grants fall back to the defaults',
      rule: NOTICE,
      prior: {
        policyVersion: 'v2',
        decidedAt: daysAgo(400),
        choices: {analytics: 'denied', recommendations: 'denied', health: 'granted'},
      },
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'denied',
        ads: 'granted',
        health: 'denied',
        partners: 'granted',
      },
    },
    {
      name: "notice: purposes new since an older policy start at the rule's default",
      rule: NOTICE,
      prior: {policyVersion: 'v1', decidedAt: daysAgo(3), choices: {analytics: 'denied'}},
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
        partners: 'granted',
      },
    },
    {
      name: 'opt-in: a lapsed decision keeps its refusals, its grants fall back to the defaults',
      rule: OPT_IN,
      prior: {
        policyVersion: 'v2',
        decidedAt: daysAgo(400),
        choices: {analytics: 'granted', recommendations: 'denied', health: 'granted'},
      },
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'denied',
        ads: 'denied',
        health: 'denied',
        partners: 'denied',
      },
    },
    {
      name: 'opt-out: a lapsed opt-out stands',
      rule: OPT_OUT,
      prior: {
        policyVersion: 'v2',
        decidedAt: daysAgo(400),
        choices: {partners: 'denied', ads: 'granted'},
      },
      choices: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
        partners: 'denied',
      },
    },
    {
      name: 'a lapsed decision made with GPC: the signal is honored again',
      rule: OPT_IN,
      prior: {policyVersion: 'v2', decidedAt: daysAgo(400), gpc: true, choices: {ads: 'granted'}},
      gpc: true,
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'granted',
        ads: 'denied',
        health: 'denied',
        partners: 'denied',
      },
    },
    {
      name: "opt-out: purposes new since an older policy start at the rule's default",
      rule: OPT_OUT,
      prior: {policyVersion: 'v1', decidedAt: daysAgo(3), choices: {analytics: 'denied'}},
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
        partners: 'granted',
      },
    },
  ];
  for (const {name, rule, prior, gpc = false, noticeSeen, choices, deniedByGpc = [], ask} of rows) {
    it(name, () => {
      const start = startingChoices(purposes, 'v2', prior, gpc, rule, NOW, noticeSeen);
      expect(start.choices).to.deep.equal(choices);
      expect(start.deniedByGpc).to.deep.equal(deniedByGpc);
      if (ask) expect(start.ask).to.equal(ask);
    });
  }
});
