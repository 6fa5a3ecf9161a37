/**
 * The shared state's pure functions (core/shared-state.ts): decide. The fixtures are in
 * test/support/shared-state-fixtures.ts.
 */
import {expect} from '@open-wc/testing';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {
  decide,
  EMPTY_STATE,
  readSharedState,
  type Decision,
  type SharedState,
} from '../../src/core/shared-state.js';
import {consentRecord, OTHER_SUBJECT} from '../fixtures/record.js';
import {
  T0,
  iso,
  snapshot,
  action,
  stored,
  state,
  entry,
  ALL_DENIED,
  ANALYTICS_ON,
  ADS_ON,
  BOTH_ON,
  theirs,
  savedSettlement,
} from '../support/shared-state-fixtures.js';

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

  it("marks Global Privacy Control's own record as the signal's, until the customer decides", () => {
    const signal = decide(
      EMPTY_STATE,
      action({method: 'gpc', gpc: true, decided: {analytics: 'denied'}}),
    );
    expect(signal.state.decision?.bySignal).to.equal(true);
    const answered = decide(
      signal.state,
      action({recordId: 'tab-a-0002', method: 'reject-all', gpc: true, at: T0 + 1}),
    );
    expect(answered.state.decision).not.to.have.property('bySignal');
    // The signal seen again later (a new policy) leaves the customer's answer theirs.
    const again = decide(
      answered.state,
      action({recordId: 'tab-a-0003', method: 'gpc', gpc: true, at: T0 + 2}),
    );
    expect(again.state.decision).not.to.have.property('bySignal');
  });

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
