import {expect} from '@open-wc/testing';
import type {PurposeConfig} from '../../src/core/config.js';
import type {Outbox, OutboxEntry} from '../../src/core/outbox.js';
import type {Acknowledgement, ConsentReceipt, ConsentRecord} from '../../src/core/protocol.js';
import {
  adoptRemote,
  decide,
  EMPTY_STATE,
  MAX_CLOCK_SKEW_MS,
  MAX_SETTLEMENTS,
  readSharedState,
  settleRefused,
  settleSaved,
  standingOf,
  type Decision,
  type Settlement,
  type SharedState,
  type Standing,
  type StoredDecision,
} from '../../src/core/shared-state.js';
import {purpose} from '../fixtures/purpose.js';
import {CHOICES, consentRecord, OTHER_SUBJECT, SUBJECT} from '../fixtures/record.js';

/** 2026-11-23T06:00:00.000Z: the moment this tab's customer acts, unless a row says otherwise. */
const T0 = Date.UTC(2026, 10, 23, 6, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const POLICY = '2026-11-01';

/** An online shop: one required purpose, two the customer may refuse. */
const PURPOSES: readonly PurposeConfig[] = [
  purpose('essential', {required: true, legalBasis: 'contract', default: 'granted'}),
  purpose('analytics'),
  purpose('ads'),
];

/** A deep copy, to check that a function left its input alone. */
const snapshot = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** One customer action in this tab: decides analytics on, from the defaults, at T0. */
function action(overrides: Partial<Decision> = {}): Decision {
  return {
    recordId: 'tab-a-0001',
    subject: SUBJECT,
    policyVersion: POLICY,
    purposes: PURPOSES,
    shown: CHOICES,
    decided: {analytics: 'granted'},
    method: 'toggle',
    locale: 'en',
    gpc: false,
    at: T0,
    isDelivered: true,
    ...overrides,
  };
}

/** What another tab already stored. */
function stored(overrides: Partial<StoredDecision> = {}): StoredDecision {
  return {
    subject: SUBJECT,
    policyVersion: POLICY,
    choices: CHOICES,
    decidedAt: iso(T0 - 5),
    changedAt: {},
    gpc: false,
    ...overrides,
  };
}

function state(overrides: Partial<SharedState> = {}): SharedState {
  return {...EMPTY_STATE, ...overrides};
}

function entry(
  record: ConsentRecord,
  attempts = 0,
  notBefore = T0 - 5,
  extra: Partial<OutboxEntry> = {},
): OutboxEntry {
  return {record, attempts, notBefore, ...extra};
}

const ALL_DENIED = {essential: 'granted', analytics: 'denied', ads: 'denied'} as const;
const ANALYTICS_ON = {essential: 'granted', analytics: 'granted', ads: 'denied'} as const;
const ADS_ON = {essential: 'granted', analytics: 'denied', ads: 'granted'} as const;
const BOTH_ON = {essential: 'granted', analytics: 'granted', ads: 'granted'} as const;

/** The record another tab queued a moment earlier when it switched ads on. */
const theirs = consentRecord('tab-b-0001', {
  choices: ADS_ON,
  changed: ['ads'],
  collectedAt: iso(T0 - 5),
});

describe('decide', () => {
  /** Analytics switched on where nothing of this subject and policy is stored. */
  const firstRecord = consentRecord('tab-a-0001', {
    choices: ANALYTICS_ON,
    changed: ['analytics'],
    collectedAt: iso(T0),
  });
  const FIRST_DECISION = {
    record: firstRecord,
    state: {
      decision: stored({
        choices: ANALYTICS_ON,
        decidedAt: iso(T0),
        changedAt: {analytics: iso(T0)},
      }),
      outbox: [entry(firstRecord, 0, T0)],
      settled: [],
    },
  };

  const rows: {
    name: string;
    state: SharedState;
    action: Decision;
    expected: {state: SharedState; record: ConsentRecord};
  }[] = [
    {
      name: 'the first decision: remembered, queued due now, `changed` against what was shown',
      state: EMPTY_STATE,
      action: action(),
      expected: FIRST_DECISION,
    },
    {
      name: 'another tab switched ads on a moment earlier (its record in flight): both purposes kept',
      state: state({
        decision: stored({choices: ADS_ON, changedAt: {ads: iso(T0 - 5)}}),
        outbox: [entry(theirs, 1)],
      }),
      // This tab still shows ads off: its page has not heard of the other tab yet.
      action: action(),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: BOTH_ON,
          changed: ['analytics'],
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            choices: BOTH_ON,
            decidedAt: iso(T0),
            changedAt: {ads: iso(T0 - 5), analytics: iso(T0)},
          }),
          outbox: [
            entry(theirs, 1),
            entry(
              consentRecord('tab-a-0001', {
                choices: BOTH_ON,
                changed: ['analytics'],
                collectedAt: iso(T0),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: 'another tab decided the same purpose later: theirs wins, the record still goes (changed: [])',
      state: state({
        decision: stored({decidedAt: iso(T0 + 5), changedAt: {analytics: iso(T0 + 5)}}),
      }),
      action: action(),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: ALL_DENIED,
          changed: [],
          collectedAt: iso(T0 + 6),
        }),
        state: {
          decision: stored({
            choices: ALL_DENIED,
            decidedAt: iso(T0 + 6),
            changedAt: {analytics: iso(T0 + 5)},
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: ALL_DENIED,
                changed: [],
                collectedAt: iso(T0 + 6),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: 'another tab decided the same purpose earlier: this one wins',
      state: state({
        decision: stored({choices: ADS_ON, changedAt: {ads: iso(T0 - 5)}}),
      }),
      action: action({decided: {ads: 'denied'}}),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: ALL_DENIED,
          changed: ['ads'],
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            choices: ALL_DENIED,
            decidedAt: iso(T0),
            changedAt: {ads: iso(T0)},
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: ALL_DENIED,
                changed: ['ads'],
                collectedAt: iso(T0),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: '"Reject all" when everything is already off: a record with changed: []',
      state: EMPTY_STATE,
      action: action({method: 'reject-all', decided: ALL_DENIED}),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: ALL_DENIED,
          changed: [],
          method: 'reject-all',
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            decidedAt: iso(T0),
            changedAt: {essential: iso(T0), analytics: iso(T0), ads: iso(T0)},
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: ALL_DENIED,
                changed: [],
                method: 'reject-all',
                collectedAt: iso(T0),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: 'collectedAt is bumped 1 ms past a stored decision made in the same millisecond',
      state: state({
        decision: stored({choices: ADS_ON, decidedAt: iso(T0), changedAt: {ads: iso(T0)}}),
      }),
      action: action(),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: BOTH_ON,
          changed: ['analytics'],
          collectedAt: iso(T0 + 1),
        }),
        state: {
          decision: stored({
            choices: BOTH_ON,
            decidedAt: iso(T0 + 1),
            changedAt: {ads: iso(T0), analytics: iso(T0)},
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: BOTH_ON,
                changed: ['analytics'],
                collectedAt: iso(T0 + 1),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: 'collectedAt is bumped past a stored decision from a tab whose clock runs ahead',
      state: state({
        decision: stored({
          choices: ADS_ON,
          decidedAt: iso(T0 + 1_000),
          changedAt: {ads: iso(T0 + 1_000)},
        }),
      }),
      action: action(),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: BOTH_ON,
          changed: ['analytics'],
          collectedAt: iso(T0 + 1_001),
        }),
        state: {
          decision: stored({
            choices: BOTH_ON,
            decidedAt: iso(T0 + 1_001),
            changedAt: {ads: iso(T0 + 1_000), analytics: iso(T0)},
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: BOTH_ON,
                changed: ['analytics'],
                collectedAt: iso(T0 + 1_001),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: 'a required purpose stays granted, whatever was decided or stored',
      state: state({
        decision: stored({choices: {essential: 'denied', analytics: 'denied', ads: 'denied'}}),
      }),
      action: action({decided: {essential: 'denied', analytics: 'granted'}}),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: ANALYTICS_ON,
          changed: ['analytics'],
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            choices: ANALYTICS_ON,
            decidedAt: iso(T0),
            changedAt: {essential: iso(T0), analytics: iso(T0)},
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: ANALYTICS_ON,
                changed: ['analytics'],
                collectedAt: iso(T0),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: 'not delivered (no endpoint): remembered, the outbox left as it was',
      state: state({outbox: [entry(consentRecord('old-record-1', {subject: OTHER_SUBJECT}), 2)]}),
      action: action({isDelivered: false}),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: ANALYTICS_ON,
          changed: ['analytics'],
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            choices: ANALYTICS_ON,
            decidedAt: iso(T0),
            changedAt: {analytics: iso(T0)},
          }),
          outbox: [entry(consentRecord('old-record-1', {subject: OTHER_SUBJECT}), 2)],
          settled: [],
        },
      },
    },
    {
      name: "folds into another tab's unattempted toggle: `covers` names it and what it covered",
      state: state({
        decision: stored({choices: ADS_ON, changedAt: {ads: iso(T0 - 5)}}),
        outbox: [entry(theirs, 0, T0 - 5, {covers: ['tab-b-0000']})],
      }),
      action: action(),
      expected: {
        // The record this tab made; the outbox carries it with the folded changes.
        record: consentRecord('tab-a-0001', {
          choices: BOTH_ON,
          changed: ['analytics'],
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            choices: BOTH_ON,
            decidedAt: iso(T0),
            changedAt: {ads: iso(T0 - 5), analytics: iso(T0)},
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: BOTH_ON,
                changed: ['analytics', 'ads'],
                collectedAt: iso(T0),
              }),
              0,
              T0,
              {covers: ['tab-b-0001', 'tab-b-0000']},
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: 'does not fold an unattempted record made another way ("Accept all" then a toggle)',
      state: state({
        decision: stored({choices: BOTH_ON, changedAt: {analytics: iso(T0 - 5), ads: iso(T0 - 5)}}),
        outbox: [entry(consentRecord('tab-b-0002', {choices: BOTH_ON, method: 'accept-all'}))],
      }),
      action: action({decided: {ads: 'denied'}}),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: ANALYTICS_ON,
          changed: ['ads'],
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            choices: ANALYTICS_ON,
            decidedAt: iso(T0),
            changedAt: {analytics: iso(T0 - 5), ads: iso(T0)},
          }),
          outbox: [
            entry(consentRecord('tab-b-0002', {choices: BOTH_ON, method: 'accept-all'})),
            entry(
              consentRecord('tab-a-0001', {
                choices: ANALYTICS_ON,
                changed: ['ads'],
                collectedAt: iso(T0),
              }),
              0,
              T0,
            ),
          ],
          settled: [],
        },
      },
    },
    {
      name: "a stored decision of another subject is not this one's starting point",
      state: state({
        decision: stored({
          subject: OTHER_SUBJECT,
          choices: ADS_ON,
          decidedAt: iso(T0 + 9),
          changedAt: {analytics: iso(T0 + 9)},
        }),
      }),
      action: action(),
      expected: FIRST_DECISION,
    },
    {
      name: 'a stored decision under another policy version is not the starting point',
      state: state({
        decision: stored({
          policyVersion: '2025-01-01',
          choices: ADS_ON,
          decidedAt: iso(T0 + 9),
          changedAt: {analytics: iso(T0 + 9)},
        }),
      }),
      action: action(),
      expected: FIRST_DECISION,
    },
    {
      name: 'keeps the settlements and drops the earlier savedAt and receipt (a new decision)',
      state: state({
        decision: stored({
          choices: ADS_ON,
          changedAt: {ads: iso(T0 - 5)},
          savedAt: iso(T0 - 2),
          receiptId: 'rcpt-old',
          recordedAt: iso(T0 - 2),
        }),
        settled: [savedSettlement(theirs, ['tab-b-0001'])],
      }),
      action: action({gpc: true, locale: 'ja', method: 'api'}),
      expected: {
        record: consentRecord('tab-a-0001', {
          choices: BOTH_ON,
          changed: ['analytics'],
          method: 'api',
          locale: 'ja',
          gpc: true,
          collectedAt: iso(T0),
        }),
        state: {
          decision: stored({
            choices: BOTH_ON,
            decidedAt: iso(T0),
            changedAt: {ads: iso(T0 - 5), analytics: iso(T0)},
            gpc: true,
          }),
          outbox: [
            entry(
              consentRecord('tab-a-0001', {
                choices: BOTH_ON,
                changed: ['analytics'],
                method: 'api',
                locale: 'ja',
                gpc: true,
                collectedAt: iso(T0),
              }),
              0,
              T0,
            ),
          ],
          settled: [savedSettlement(theirs, ['tab-b-0001'])],
        },
      },
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const before = snapshot(row.state);
      expect(decide(row.state, row.action)).to.deep.equal(row.expected);
      expect(snapshot(row.state), 'the input state is left alone').to.deep.equal(before);
    });
  }

  it('compares stored times as instants, whatever RFC 3339 form storage holds them in', () => {
    // readSharedState accepts any RFC 3339 date-time; "06:00:00Z" is 500 ms before this
    // decision, but sorts after "06:00:00.500Z" as a string.
    const read = readSharedState(
      {
        decision: stored({
          decidedAt: '2026-11-23T06:00:00Z',
          changedAt: {analytics: '2026-11-23T07:00:00+01:00'},
        }),
      },
      T0 + 500,
    );
    const {record} = decide(read, action({at: T0 + 500}));
    expect(record.choices, 'the later decision wins').to.deep.equal(ANALYTICS_ON);
    expect(record.changed).to.deep.equal(['analytics']);
    expect(record.collectedAt, 'collected when decided').to.equal(iso(T0 + 500));
  });

  it('two tabs deciding different purposes at the same moment, in either order, keep both', () => {
    // Each tab shows the defaults; the store runs their changes one after the other.
    const tabA = action({recordId: 'tab-a-0001', decided: {analytics: 'granted'}});
    const tabB = action({recordId: 'tab-b-0001', decided: {ads: 'granted'}});
    for (const [first, second] of [
      [tabA, tabB],
      [tabB, tabA],
    ] as const) {
      const after = decide(decide(EMPTY_STATE, first).state, second);
      expect(after.state.decision?.choices).to.deep.equal(BOTH_ON);
      expect(after.record.choices, 'the last record carries both').to.deep.equal(BOTH_ON);
      expect(after.record.collectedAt).to.equal(iso(T0 + 1));
    }
  });
});

describe('adoptRemote', () => {
  const remoteRecord = consentRecord('remote-0001', {
    choices: BOTH_ON,
    changed: ['analytics', 'ads'],
    collectedAt: iso(T0),
  });
  const receipt: ConsentReceipt = {
    receiptId: 'rcpt-remote-1',
    recordedAt: iso(T0 + 40),
    record: remoteRecord,
  };
  /** The decision adopted from `receipt` (collected at `at`). */
  const adopted = (at: number, overrides: Partial<StoredDecision> = {}): StoredDecision =>
    stored({
      choices: BOTH_ON,
      decidedAt: iso(at),
      changedAt: {essential: iso(at), analytics: iso(at), ads: iso(at)},
      savedAt: iso(T0 + 40),
      receiptId: 'rcpt-remote-1',
      recordedAt: iso(T0 + 40),
      ...overrides,
    });
  const NOW = T0 + 1_000;

  const rows: {
    name: string;
    state: SharedState;
    receipt: ConsentReceipt;
    now?: number;
    /** `'unchanged'`: the very same state object comes back. */
    expected: SharedState | 'unchanged';
  }[] = [
    {
      name: 'ignores a record older than the stored decision',
      state: state({decision: stored({decidedAt: iso(T0 + 1)})}),
      receipt,
      expected: 'unchanged',
    },
    {
      name: 'ignores a record exactly as old as the stored decision',
      state: state({decision: stored({decidedAt: iso(T0)})}),
      receipt,
      expected: 'unchanged',
    },
    {
      name: 'adopts a newer record, with its receipt',
      state: state({decision: stored({decidedAt: iso(T0 - 1)})}),
      receipt,
      expected: state({decision: adopted(T0)}),
    },
    {
      name: 'adopts a record when nothing is stored',
      state: EMPTY_STATE,
      receipt,
      expected: state({decision: adopted(T0)}),
    },
    {
      name: 'ignores a record from 2099, however old the stored decision',
      state: state({decision: stored({decidedAt: iso(T0 - 1)})}),
      receipt: {...receipt, record: {...remoteRecord, collectedAt: '2099-01-01T00:00:00.000Z'}},
      expected: 'unchanged',
    },
    {
      name: 'ignores a record from 2099 when nothing is stored',
      state: EMPTY_STATE,
      receipt: {...receipt, record: {...remoteRecord, collectedAt: '2099-01-01T00:00:00.000Z'}},
      expected: 'unchanged',
    },
    {
      name: 'ignores a record collected just more than the clock skew ahead',
      state: EMPTY_STATE,
      receipt: {
        ...receipt,
        record: {...remoteRecord, collectedAt: iso(NOW + MAX_CLOCK_SKEW_MS + 1)},
      },
      expected: 'unchanged',
    },
    {
      name: 'adopts a record from a clock running ahead by the skew, at its own time',
      state: EMPTY_STATE,
      receipt: {...receipt, record: {...remoteRecord, collectedAt: iso(NOW + MAX_CLOCK_SKEW_MS)}},
      expected: state({decision: adopted(NOW + MAX_CLOCK_SKEW_MS)}),
    },
    {
      name: 'reads a collectedAt with an offset as the instant it names',
      state: state({decision: stored({decidedAt: iso(T0 - 1)})}),
      receipt: {...receipt, record: {...remoteRecord, collectedAt: '2026-11-23T07:00:00+01:00'}},
      expected: state({decision: adopted(T0)}),
    },
    {
      // RFC 3339 allows a lowercase "t" and "z"; Firefox's Date refuses them.
      name: 'reads a collectedAt with a lowercase t and z as the instant it names',
      state: state({decision: stored({decidedAt: iso(T0 - 1)})}),
      receipt: {...receipt, record: {...remoteRecord, collectedAt: '2026-11-23t06:00:00z'}},
      expected: state({decision: adopted(T0)}),
    },
    {
      name: 'makes up no receipt for an answer without one (savedAt: collectedAt)',
      state: EMPTY_STATE,
      receipt: {receiptId: undefined, recordedAt: undefined, record: remoteRecord},
      expected: state({
        decision: adopted(T0, {savedAt: iso(T0), receiptId: undefined, recordedAt: undefined}),
      }),
    },
    {
      name: 'ignores a newer record while the outbox holds records of the subject',
      state: state({
        decision: stored({decidedAt: iso(T0 - 1)}),
        outbox: [
          entry(consentRecord('pending-0001'), 3, T0 + 60_000, {
            failure: {kind: 'held', attempt: 3},
          }),
        ],
      }),
      receipt,
      expected: 'unchanged',
    },
    {
      name: 'adopts while the outbox holds only records of other subjects',
      state: state({
        decision: stored({decidedAt: iso(T0 - 1)}),
        outbox: [entry(consentRecord('pending-0002', {subject: OTHER_SUBJECT}), 1)],
      }),
      receipt,
      expected: state({
        decision: adopted(T0),
        outbox: [entry(consentRecord('pending-0002', {subject: OTHER_SUBJECT}), 1)],
      }),
    },
    {
      name: "replaces another subject's decision, however recent (a sign-in changed the subject)",
      state: state({decision: stored({subject: OTHER_SUBJECT, decidedAt: iso(T0 + 500)})}),
      receipt,
      expected: state({decision: adopted(T0)}),
    },
    {
      name: "resolves the record's choices against the purposes of this page",
      state: EMPTY_STATE,
      receipt: {
        ...receipt,
        record: {...remoteRecord, choices: {essential: 'denied', 'retired-purpose': 'granted'}},
      },
      expected: state({
        decision: adopted(T0, {
          choices: ALL_DENIED,
          changedAt: {essential: iso(T0), analytics: iso(T0), ads: iso(T0)},
        }),
      }),
    },
    {
      name: 'keeps the settlements and takes gpc and the policy version from the record',
      state: state({settled: [savedSettlement(theirs, ['tab-b-0001'])]}),
      receipt: {...receipt, record: {...remoteRecord, gpc: true, policyVersion: '2026-12-01'}},
      expected: state({
        decision: adopted(T0, {gpc: true, policyVersion: '2026-12-01'}),
        settled: [savedSettlement(theirs, ['tab-b-0001'])],
      }),
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const before = snapshot(row.state);
      const result = adoptRemote(row.state, row.receipt, PURPOSES, row.now ?? NOW);
      if (row.expected === 'unchanged') expect(result).to.equal(row.state);
      else expect(result).to.deep.equal(row.expected);
      expect(snapshot(row.state), 'the input state is left alone').to.deep.equal(before);
    });
  }
});

function savedSettlement(
  record: ConsentRecord,
  recordIds: readonly string[],
  ack: Acknowledgement = {receiptId: `rcpt-${record.recordId}`, recordedAt: iso(T0 + 50)},
): Settlement {
  return {outcome: 'saved', recordIds, record, ...ack};
}

function refusedSettlement(
  record: ConsentRecord,
  recordIds: readonly string[],
  status: number | undefined,
  message: string,
): Settlement {
  return {outcome: 'refused', recordIds, record, status, message};
}

describe('settleSaved', () => {
  const latest = consentRecord('latest-0001', {choices: BOTH_ON, collectedAt: iso(T0)});
  const older = consentRecord('older-0001', {choices: ADS_ON, collectedAt: iso(T0 - 5)});
  const other = consentRecord('other-0001', {subject: OTHER_SUBJECT, collectedAt: iso(T0)});
  const decision = stored({choices: BOTH_ON, decidedAt: iso(T0)});
  const ack: Acknowledgement = {receiptId: 'rcpt-9', recordedAt: iso(T0 + 50)};
  const NOW = T0 + 60;
  /** 50 settlements of other records, oldest first. */
  const fifty = Array.from({length: MAX_SETTLEMENTS}, (_, n) =>
    savedSettlement(consentRecord(`earlier-${1000 + n}`), [`earlier-${1000 + n}`]),
  );

  const rows: {
    name: string;
    state: SharedState;
    record: ConsentRecord;
    ack: Acknowledgement;
    expected: SharedState | 'unchanged';
  }[] = [
    {
      name: 'the latest decision gets savedAt and the receipt; the settlement lists what it covers',
      state: state({
        decision,
        outbox: [entry(latest, 1, T0, {covers: ['folded-0001', 'folded-0002']})],
      }),
      record: latest,
      ack,
      expected: {
        decision: {
          ...decision,
          savedAt: iso(T0 + 50),
          receiptId: 'rcpt-9',
          recordedAt: iso(T0 + 50),
        },
        outbox: [],
        settled: [savedSettlement(latest, ['latest-0001', 'folded-0001', 'folded-0002'], ack)],
      },
    },
    {
      name: 'an answer without a receipt: savedAt is now, and no receipt id is made up',
      state: state({decision, outbox: [entry(latest, 1, T0)]}),
      record: latest,
      ack: {receiptId: undefined, recordedAt: undefined},
      expected: {
        decision: {...decision, savedAt: iso(NOW), receiptId: undefined, recordedAt: undefined},
        outbox: [],
        settled: [
          savedSettlement(latest, ['latest-0001'], {receiptId: undefined, recordedAt: undefined}),
        ],
      },
    },
    {
      name: 'an older record saved leaves the latest decision unsaved',
      state: state({decision, outbox: [entry(older, 1), entry(latest, 0, T0)]}),
      record: older,
      ack,
      expected: {
        decision,
        outbox: [entry(latest, 0, T0)],
        settled: [savedSettlement(older, ['older-0001'], ack)],
      },
    },
    {
      name: "another subject's record saved leaves the decision alone",
      state: state({decision, outbox: [entry(other, 1)]}),
      record: other,
      ack,
      expected: {
        decision,
        outbox: [],
        settled: [savedSettlement(other, ['other-0001'], ack)],
      },
    },
    {
      name: 'a record no longer in the outbox (settled already) changes nothing',
      state: state({
        decision: {...decision, savedAt: iso(T0 + 7), receiptId: 'rcpt-first'},
        outbox: [entry(older, 1)],
        settled: [savedSettlement(latest, ['latest-0001'])],
      }),
      record: latest,
      ack,
      expected: 'unchanged',
    },
    {
      name: 'a record only covered by an entry is not settled by itself',
      state: state({decision, outbox: [entry(latest, 1, T0, {covers: ['older-0001']})]}),
      record: older,
      ack,
      expected: 'unchanged',
    },
    {
      name: `keeps the newest ${MAX_SETTLEMENTS} settlements`,
      state: state({decision, outbox: [entry(latest, 1, T0)], settled: fifty}),
      record: latest,
      ack,
      expected: {
        decision: {
          ...decision,
          savedAt: iso(T0 + 50),
          receiptId: 'rcpt-9',
          recordedAt: iso(T0 + 50),
        },
        outbox: [],
        settled: [...fifty.slice(1), savedSettlement(latest, ['latest-0001'], ack)],
      },
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const before = snapshot(row.state);
      const result = settleSaved(row.state, row.record, row.ack, NOW);
      if (row.expected === 'unchanged') expect(result).to.equal(row.state);
      else expect(result).to.deep.equal(row.expected);
      expect(snapshot(row.state), 'the input state is left alone').to.deep.equal(before);
    });
  }
});

describe('settleRefused', () => {
  const rec = consentRecord('refused-0001', {choices: BOTH_ON, collectedAt: iso(T0)});
  const next = consentRecord('next-0001', {subject: OTHER_SUBJECT});
  const decision = stored({choices: BOTH_ON, decidedAt: iso(T0)});

  const rows: {
    name: string;
    state: SharedState;
    status: number | undefined;
    expected: SharedState | 'unchanged';
  }[] = [
    {
      name: 'removes the record, keeps the decision, tells every tab whose record it carried',
      state: state({
        decision,
        outbox: [entry(rec, 1, T0, {covers: ['folded-0001']}), entry(next)],
      }),
      status: 422,
      expected: {
        decision,
        outbox: [entry(next)],
        settled: [
          refusedSettlement(rec, ['refused-0001', 'folded-0001'], 422, 'Unknown purpose "x".'),
        ],
      },
    },
    {
      name: 'a refusal without a status (none known) is recorded as such',
      state: state({outbox: [entry(rec, 1)]}),
      status: undefined,
      expected: {
        decision: undefined,
        outbox: [],
        settled: [refusedSettlement(rec, ['refused-0001'], undefined, 'Unknown purpose "x".')],
      },
    },
    {
      name: 'a record no longer in the outbox changes nothing',
      state: state({decision, outbox: [entry(next)]}),
      status: 422,
      expected: 'unchanged',
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const result = settleRefused(row.state, rec, row.status, 'Unknown purpose "x".');
      if (row.expected === 'unchanged') expect(result).to.equal(row.state);
      else expect(result).to.deep.equal(row.expected);
    });
  }
});

describe('standingOf', () => {
  const mine = consentRecord('mine-0001');
  const carrier = entry(consentRecord('carrier-0001'), 0, T0, {covers: ['mine-0001', 'x-000001']});
  const refused = refusedSettlement(mine, ['mine-0001'], 422, 'No.');
  const saved = savedSettlement(consentRecord('carrier-0001'), ['carrier-0001', 'mine-0001']);

  const rows: {name: string; state: SharedState; expected: Standing}[] = [
    {
      name: 'pending while its own entry waits',
      state: state({outbox: [entry(consentRecord('first-0001')), entry(mine, 2)]}),
      expected: {kind: 'pending', entry: entry(mine, 2)},
    },
    {
      name: 'pending while a later record that folded it in waits',
      state: state({outbox: [carrier]}),
      expected: {kind: 'pending', entry: carrier},
    },
    {
      name: 'settled by the settlement that lists it, through covers',
      state: state({
        settled: [savedSettlement(consentRecord('other-0001'), ['other-0001']), saved],
      }),
      expected: {kind: 'settled', settlement: saved},
    },
    {
      name: 'the last settlement wins (refused, then saved after "Try again")',
      state: state({settled: [refused, saved]}),
      expected: {kind: 'settled', settlement: saved},
    },
    {
      name: 'the last settlement wins (saved, then a later refusal)',
      state: state({settled: [saved, refused]}),
      expected: {kind: 'settled', settlement: refused},
    },
    {
      name: 'pending again when offered once more, whatever settled before',
      state: state({outbox: [entry(mine, 1)], settled: [refused]}),
      expected: {kind: 'pending', entry: entry(mine, 1)},
    },
    {
      name: 'unknown when nothing mentions it',
      state: state({
        outbox: [entry(consentRecord('first-0001'))],
        settled: [savedSettlement(consentRecord('other-0001'), ['other-0001'])],
      }),
      expected: {kind: 'unknown'},
    },
    {name: 'unknown in an empty state', state: EMPTY_STATE, expected: {kind: 'unknown'}},
  ];
  for (const {name, state: given, expected} of rows) {
    it(name, () => {
      expect(standingOf(given, 'mine-0001')).to.deep.equal(expected);
    });
  }
});

describe('readSharedState', () => {
  const NOW = T0;
  const MAX_WAIT = 3_600_000;
  const good = consentRecord('good-0001');
  const good2 = consentRecord('good-0002', {subject: OTHER_SUBJECT});
  const goodEntry = {record: good, attempts: 1, notBefore: NOW + 100};
  const goodDecision = stored({
    choices: ANALYTICS_ON,
    decidedAt: iso(T0 - 5),
    changedAt: {analytics: iso(T0 - 5)},
    savedAt: iso(T0 - 4),
    receiptId: 'rcpt-1',
    recordedAt: iso(T0 - 4),
  });
  const goodSaved = savedSettlement(good, ['good-0001']);
  const goodRefused = refusedSettlement(good2, ['good-0002'], 422, 'Unknown purpose.');

  /** Only the outbox, the rest empty. */
  const outboxOf = (...entries: OutboxEntry[]): SharedState => state({outbox: entries});

  const rows: {name: string; raw: Record<string, unknown>; expected: SharedState}[] = [
    {name: 'nothing stored', raw: {}, expected: EMPTY_STATE},
    {
      name: 'nulls',
      raw: {decision: null, outbox: null, settled: null},
      expected: EMPTY_STATE,
    },
    {
      name: 'strings, numbers and booleans in place of each part',
      raw: {decision: 'granted', outbox: 'x', settled: 42},
      expected: EMPTY_STATE,
    },
    {
      name: 'objects in place of arrays, arrays in place of objects',
      raw: {decision: [goodDecision], outbox: {0: goodEntry}, settled: {0: goodSaved}},
      expected: EMPTY_STATE,
    },
    {
      name: 'a well-formed state, read back as it was',
      raw: snapshot({
        decision: goodDecision,
        outbox: [goodEntry, {...goodEntry, record: good2, attempts: 0, covers: ['fold-0001']}],
        settled: [goodSaved, goodRefused],
      }) as Record<string, unknown>,
      expected: {
        decision: goodDecision,
        outbox: [goodEntry, {...goodEntry, record: good2, attempts: 0, covers: ['fold-0001']}],
        settled: [goodSaved, goodRefused],
      },
    },
    {
      name: 'outbox entries that are not objects are skipped',
      raw: {outbox: [null, 'x', 42, true, [], [goodEntry], goodEntry]},
      expected: outboxOf(goodEntry),
    },
    {
      name: 'entries with invalid records are skipped',
      raw: {
        outbox: [
          {...goodEntry, record: undefined},
          {...goodEntry, record: 'good-0001'},
          {...goodEntry, record: {...good, recordId: 'short'}},
          {...goodEntry, record: {...good, recordId: 'has spaces in it'}},
          {...goodEntry, record: {...good, choices: {}}},
          {...goodEntry, record: {...good, choices: {analytics: 'yes'}}},
          {...goodEntry, record: {...good, method: 'sync'}},
          {...goodEntry, record: {...good, collectedAt: 'yesterday'}},
          {...goodEntry, record: {...good, collectedAt: '2026-02-30T00:00:00Z'}},
          {...goodEntry, record: {...good, changed: ['unknown-purpose']}},
          {...goodEntry, record: {...good, gpc: 'false'}},
          {...goodEntry, record: {...good, injected: '<script>'}},
          {...goodEntry, record: {...good, subject: ''}},
          {...goodEntry, record: {...good, locale: 'en_US'}},
          goodEntry,
        ],
      },
      expected: outboxOf(goodEntry),
    },
    {
      name: 'entries with negative, fractional, non-numeric or missing attempts are skipped',
      raw: {
        outbox: [
          {...goodEntry, attempts: -1},
          {...goodEntry, attempts: 1.5},
          {...goodEntry, attempts: '1'},
          {...goodEntry, attempts: Number.NaN},
          {...goodEntry, attempts: Number.POSITIVE_INFINITY},
          {...goodEntry, attempts: 2 ** 53},
          {...goodEntry, attempts: null},
          {record: good, notBefore: NOW},
          {...goodEntry, attempts: 0},
        ],
      },
      expected: outboxOf({...goodEntry, attempts: 0}),
    },
    {
      name: 'entries with a NaN, infinite or non-numeric notBefore are skipped',
      raw: {
        outbox: [
          {...goodEntry, notBefore: Number.NaN},
          {...goodEntry, notBefore: Number.POSITIVE_INFINITY},
          {...goodEntry, notBefore: Number.NEGATIVE_INFINITY},
          {...goodEntry, notBefore: String(NOW)},
          {...goodEntry, notBefore: null},
          {record: good, attempts: 1},
          {...goodEntry, record: good2, notBefore: 0},
        ],
      },
      expected: outboxOf({...goodEntry, record: good2, notBefore: 0}),
    },
    {
      name: 'a notBefore beyond the longest Retry-After honored is due now; up to it, kept',
      raw: {
        outbox: [
          {...goodEntry, notBefore: NOW + MAX_WAIT + 1},
          {...goodEntry, record: good2, notBefore: NOW + MAX_WAIT},
          {...goodEntry, record: consentRecord('good-0003'), notBefore: 8.64e15},
        ],
      },
      expected: outboxOf(
        {...goodEntry, notBefore: NOW},
        {...goodEntry, record: good2, notBefore: NOW + MAX_WAIT},
        {...goodEntry, record: consentRecord('good-0003'), notBefore: NOW},
      ),
    },
    {
      name: 'a second entry with the same record id is dropped, the first kept',
      raw: {
        outbox: [
          goodEntry,
          {...goodEntry, attempts: 7, record: {...good, choices: BOTH_ON}},
          {...goodEntry, record: good2},
          goodEntry,
        ],
      },
      expected: outboxOf(goodEntry, {...goodEntry, record: good2}),
    },
    {
      name: 'covers: only well-formed record ids are kept; none left, no covers',
      raw: {
        outbox: [
          {...goodEntry, covers: ['fold-0001', 42, null, 'bad id!', 'short', 'fold-0002']},
          {...goodEntry, record: good2, covers: 'fold-0001'},
          {...goodEntry, record: consentRecord('good-0003'), covers: [7]},
        ],
      },
      expected: outboxOf(
        {...goodEntry, covers: ['fold-0001', 'fold-0002']},
        {...goodEntry, record: good2},
        {...goodEntry, record: consentRecord('good-0003')},
      ),
    },
    {
      name: 'failure: held and retrying kept, with a well-formed status, message and attempt only',
      raw: {
        outbox: [
          {
            ...goodEntry,
            failure: {kind: 'held', status: 401, message: 'Sign in again.', attempt: 1},
          },
          {
            ...goodEntry,
            record: good2,
            failure: {kind: 'retrying', status: '503', message: 5, attempt: '1'},
          },
          {...goodEntry, record: consentRecord('good-0003'), failure: {kind: 'exploded'}},
          {...goodEntry, record: consentRecord('good-0004'), failure: 'held'},
          {...goodEntry, record: consentRecord('good-0005'), failure: {kind: 'held', status: 4.5}},
          {
            ...goodEntry,
            record: consentRecord('good-0006'),
            failure: {kind: 'retrying', attempt: -3},
          },
        ],
      },
      expected: outboxOf(
        {
          ...goodEntry,
          failure: {kind: 'held', status: 401, message: 'Sign in again.', attempt: 1},
        },
        {
          ...goodEntry,
          record: good2,
          failure: {kind: 'retrying', status: undefined, message: undefined, attempt: 1},
        },
        {...goodEntry, record: consentRecord('good-0003')},
        {...goodEntry, record: consentRecord('good-0004')},
        {
          ...goodEntry,
          record: consentRecord('good-0005'),
          failure: {kind: 'held', status: undefined, message: undefined, attempt: 1},
        },
        {
          ...goodEntry,
          record: consentRecord('good-0006'),
          failure: {kind: 'retrying', status: undefined, message: undefined, attempt: 1},
        },
      ),
    },
    {
      name: 'a decision with a bad choice, purpose id or shape is dropped',
      raw: {decision: {...goodDecision, choices: {analytics: 'yes'}}},
      expected: EMPTY_STATE,
    },
    ...(
      [
        ['choices that are an array', {choices: ['analytics']}],
        ['choices with an invalid purpose id', {choices: {'Bad Id': 'granted'}}],
        ['choices missing', {choices: undefined}],
        ['an empty subject', {subject: ''}],
        ['a numeric subject', {subject: 42}],
        ['a numeric policy version', {policyVersion: 20261101}],
        ['decidedAt that is not a date-time', {decidedAt: 'yesterday'}],
        ['decidedAt on a day that does not exist', {decidedAt: '2026-02-30T06:00:00.000Z'}],
        ['decidedAt as epoch milliseconds', {decidedAt: T0}],
      ] as const
    ).map(([what, change]) => ({
      name: `a decision with ${what} is dropped`,
      raw: {decision: {...goodDecision, ...change}, outbox: [goodEntry]},
      expected: outboxOf(goodEntry),
    })),
    {
      name: 'a decision keeps only its well-formed optional parts',
      raw: {
        decision: {
          ...goodDecision,
          changedAt: {analytics: iso(T0 - 5), ads: 'later', 'Bad Id': iso(T0), essential: 5},
          gpc: 'true',
          savedAt: 'just now',
          receiptId: '',
          recordedAt: 12,
          extra: 'ignored',
        },
      },
      expected: state({
        decision: stored({
          choices: ANALYTICS_ON,
          decidedAt: iso(T0 - 5),
          changedAt: {analytics: iso(T0 - 5)},
        }),
      }),
    },
    {
      name: 'decision times in any RFC 3339 form are read as UTC with milliseconds',
      raw: {
        decision: {
          ...goodDecision,
          decidedAt: '2026-11-23T07:00:00+01:00',
          changedAt: {analytics: '2026-11-23T06:00:00Z', ads: '2026-11-23t05:59:59.9991-00:00'},
        },
      },
      expected: state({
        decision: {
          ...goodDecision,
          decidedAt: iso(T0),
          changedAt: {analytics: iso(T0), ads: '2026-11-23T05:59:59.999Z'},
        },
      }),
    },
    {
      name: 'changedAt that is not an object reads as empty',
      raw: {decision: {...goodDecision, changedAt: [iso(T0)]}},
      expected: state({decision: {...goodDecision, changedAt: {}}}),
    },
    {
      name: 'settlements that are malformed are skipped',
      raw: {
        settled: [
          null,
          'saved',
          {...goodSaved, recordIds: []},
          {...goodSaved, recordIds: 'good-0001'},
          {...goodSaved, recordIds: [42, 'bad id!']},
          {...goodSaved, record: {...good, choices: {}}},
          {...goodSaved, record: undefined},
          {...goodSaved, outcome: 'lost'},
          {...goodRefused, message: undefined},
          {...goodRefused, message: 404},
          goodSaved,
          goodRefused,
        ],
      },
      expected: state({settled: [goodSaved, goodRefused]}),
    },
    {
      name: 'settlement fields of the wrong type are dropped, well-formed record ids kept',
      raw: {
        settled: [
          {...goodSaved, recordIds: ['good-0001', 'x', 9], receiptId: 5, recordedAt: 'soon'},
          {...goodSaved, recordIds: ['good-0003'], receiptId: 'rcpt 1\n<b>'},
          {...goodSaved, recordIds: ['good-0004'], receiptId: 'r'.repeat(10_000)},
          {...goodRefused, status: '422'},
        ],
      },
      expected: state({
        settled: [
          savedSettlement(good, ['good-0001'], {receiptId: undefined, recordedAt: undefined}),
          savedSettlement(good, ['good-0003'], {receiptId: undefined, recordedAt: iso(T0 + 50)}),
          savedSettlement(good, ['good-0004'], {receiptId: undefined, recordedAt: iso(T0 + 50)}),
          refusedSettlement(good2, ['good-0002'], undefined, 'Unknown purpose.'),
        ],
      }),
    },
    {
      name: `no more than the newest ${MAX_SETTLEMENTS} settlements`,
      raw: {
        settled: Array.from({length: 60}, (_, n) =>
          savedSettlement(consentRecord(`rec-${1000 + n}`), [`rec-${1000 + n}`]),
        ),
      },
      expected: state({
        settled: Array.from({length: 50}, (_, n) =>
          savedSettlement(consentRecord(`rec-${1010 + n}`), [`rec-${1010 + n}`]),
        ),
      }),
    },
  ];

  for (const {name, raw, expected} of rows) {
    it(name, () => {
      expect(readSharedState(raw, NOW)).to.deep.equal(expected);
    });
  }

  it('takes the longest wait as a parameter', () => {
    expect(
      readSharedState({outbox: [{...goodEntry, notBefore: NOW + 101}]}, NOW, 100).outbox,
    ).to.deep.equal([{...goodEntry, notBefore: NOW}]);
  });

  it('reads a state of 500 outbox entries and 500 purposes each without throwing', () => {
    const choices = Object.fromEntries(
      Array.from({length: 500}, (_, n) => [`purpose-${n}`, 'granted' as const]),
    );
    const outbox: Outbox = Array.from({length: 500}, (_, n) =>
      entry(consentRecord(`bulk-${10_000 + n}`, {choices}), 1, NOW),
    );
    expect(readSharedState({outbox}, NOW).outbox).to.deep.equal(outbox);
  });
});
