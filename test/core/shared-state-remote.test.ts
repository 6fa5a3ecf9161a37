/**
 * The shared state's pure functions (core/shared-state.ts): adoptRemote. The fixtures are in
 * test/support/shared-state-fixtures.ts.
 */
import {expect} from '@open-wc/testing';
import type {ConsentReceipt, RestoredReceipt} from '../../src/core/protocol.js';
import {
  adoptRemote,
  EMPTY_STATE,
  MAX_CLOCK_SKEW_MS,
  type SharedState,
  type StoredDecision,
} from '../../src/core/shared-state.js';
import {consentRecord, OTHER_SUBJECT} from '../fixtures/record.js';
import {
  T0,
  iso,
  PURPOSES,
  snapshot,
  stored,
  state,
  entry,
  ALL_DENIED,
  BOTH_ON,
  theirs,
  savedSettlement,
} from '../support/shared-state-fixtures.js';

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
    receipt: RestoredReceipt;
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
      name: "adopts a record the site's backend wrote with only what a restore needs (gpc: false)",
      state: state({decision: stored({gpc: true, decidedAt: iso(T0 - 1)})}),
      receipt: {
        receiptId: undefined,
        recordedAt: undefined,
        record: {
          subject: remoteRecord.subject,
          policyVersion: remoteRecord.policyVersion,
          choices: BOTH_ON,
          collectedAt: iso(T0),
        },
      },
      expected: state({
        decision: adopted(T0, {
          gpc: false,
          savedAt: iso(T0),
          receiptId: undefined,
          recordedAt: undefined,
        }),
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
