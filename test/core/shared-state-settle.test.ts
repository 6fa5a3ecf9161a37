/**
 * The shared state's pure functions (core/shared-state.ts): settleSaved, settleRefused and standingOf. The fixtures are in
 * test/support/shared-state-fixtures.ts.
 */
import {expect} from '@open-wc/testing';
import type {Acknowledgement, ConsentRecord} from '../../src/core/protocol.js';
import {
  EMPTY_STATE,
  MAX_SETTLEMENTS,
  settleRefused,
  settleSaved,
  standingOf,
  type SharedState,
  type Standing,
} from '../../src/core/shared-state.js';
import {consentRecord, OTHER_SUBJECT} from '../fixtures/record.js';
import {
  T0,
  iso,
  snapshot,
  stored,
  state,
  entry,
  ADS_ON,
  BOTH_ON,
  savedSettlement,
  refusedSettlement,
} from '../support/shared-state-fixtures.js';

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
