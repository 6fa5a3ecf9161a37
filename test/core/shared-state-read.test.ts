/**
 * The shared state's pure functions (core/shared-state.ts): readSharedState. The fixtures are in
 * test/support/shared-state-fixtures.ts.
 */
import {expect} from '@open-wc/testing';
import type {Outbox, OutboxEntry} from '../../src/core/outbox.js';
import {
  adoptRemote,
  decide,
  EMPTY_STATE,
  MAX_CLOCK_SKEW_MS,
  MAX_SETTLEMENTS,
  readSharedState,
  type SharedState,
} from '../../src/core/shared-state.js';
import {consentRecord, OTHER_SUBJECT} from '../fixtures/record.js';
import {
  T0,
  iso,
  action,
  PURPOSES,
  snapshot,
  stored,
  state,
  entry,
  ALL_DENIED,
  ADS_ON,
  ANALYTICS_ON,
  BOTH_ON,
  savedSettlement,
  refusedSettlement,
} from '../support/shared-state-fixtures.js';

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
      name: 'decision times up to the clock skew ahead are kept as stored',
      raw: {
        decision: {
          ...goodDecision,
          decidedAt: iso(NOW + MAX_CLOCK_SKEW_MS),
          changedAt: {analytics: iso(NOW + MAX_CLOCK_SKEW_MS)},
          savedAt: iso(NOW + MAX_CLOCK_SKEW_MS),
          recordedAt: iso(NOW + MAX_CLOCK_SKEW_MS),
        },
      },
      expected: state({
        decision: {
          ...goodDecision,
          decidedAt: iso(NOW + MAX_CLOCK_SKEW_MS),
          changedAt: {analytics: iso(NOW + MAX_CLOCK_SKEW_MS)},
          savedAt: iso(NOW + MAX_CLOCK_SKEW_MS),
          recordedAt: iso(NOW + MAX_CLOCK_SKEW_MS),
        },
      }),
    },
    {
      name: 'a decision dated 9999: from when the endpoint recorded it; a purpose so far ahead has no time',
      raw: {
        decision: {
          ...goodDecision,
          decidedAt: '9999-12-31T23:59:59.999Z',
          changedAt: {analytics: '9999-12-31T23:59:59Z', ads: iso(T0 - 9)},
          savedAt: '9999-12-31T23:59:59Z',
        },
      },
      expected: state({
        decision: {
          ...goodDecision,
          decidedAt: iso(T0 - 4),
          changedAt: {ads: iso(T0 - 9)},
          savedAt: iso(T0 - 4),
        },
      }),
    },
    {
      name: 'a millisecond beyond the clock skew is as far ahead as 9999, in any RFC 3339 form',
      raw: {
        decision: {
          ...goodDecision,
          decidedAt: '2026-11-23T07:05:00.001+01:00',
          changedAt: {analytics: '2026-11-23t06:05:00.001z'},
          savedAt: iso(NOW + MAX_CLOCK_SKEW_MS + 1),
          recordedAt: '2026-11-23T06:00:00-00:01',
        },
      },
      expected: state({
        decision: {
          ...goodDecision,
          decidedAt: iso(NOW + 60_000),
          changedAt: {},
          savedAt: iso(NOW + 60_000),
          recordedAt: '2026-11-23T06:00:00-00:01',
        },
      }),
    },
    {
      name: 'a decision dated 9999 with a receipt from 9999 (or none) counts from now',
      raw: {
        decision: {
          ...goodDecision,
          decidedAt: '9999-12-31T23:59:59Z',
          changedAt: {},
          savedAt: '9999-12-31T23:59:59Z',
          recordedAt: '9999-12-31T23:59:59Z',
        },
      },
      expected: state({
        decision: {
          ...goodDecision,
          decidedAt: iso(NOW),
          changedAt: {},
          savedAt: iso(NOW),
          recordedAt: '9999-12-31T23:59:59Z',
        },
      }),
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

describe('what follows a decision read back from the future', () => {
  const NOW = T0;
  const FUTURE = '9999-12-31T23:59:59.999Z';
  /** Analytics on since 9999, acknowledged (by the endpoint's clock) at T0 - 60 s. */
  const poisoned = stored({
    choices: ANALYTICS_ON,
    decidedAt: FUTURE,
    changedAt: {analytics: FUTURE},
    savedAt: FUTURE,
    receiptId: 'rcpt-9999',
    recordedAt: iso(T0 - 60_000),
  });
  const read = (decision: unknown) => readSharedState({decision}, NOW);

  const decisions: {
    name: string;
    decision: unknown;
    decided: Record<string, 'granted' | 'denied'>;
    expected: {collectedAt: string; choices: Record<string, string>; changed: string[]};
  }[] = [
    {
      name: 'the customer turns analytics off: it applies, collected when decided',
      decision: poisoned,
      decided: {analytics: 'denied'},
      expected: {collectedAt: iso(NOW), choices: ALL_DENIED, changed: ['analytics']},
    },
    {
      name: 'the customer turns ads on: collected when decided',
      decision: poisoned,
      decided: {ads: 'granted'},
      expected: {collectedAt: iso(NOW), choices: BOTH_ON, changed: ['ads']},
    },
    {
      name: 'never acknowledged: 1 ms after now, which it counts from',
      decision: {...poisoned, savedAt: undefined, receiptId: undefined, recordedAt: undefined},
      decided: {analytics: 'denied'},
      expected: {collectedAt: iso(NOW + 1), choices: ALL_DENIED, changed: ['analytics']},
    },
  ];
  for (const {name, decision, decided, expected} of decisions) {
    it(name, () => {
      const {record, state: next} = decide(read(decision), action({at: NOW, decided}));
      expect({
        collectedAt: record.collectedAt,
        choices: record.choices,
        changed: record.changed,
      }).to.deep.equal(expected);
      expect(next.decision?.decidedAt).to.equal(expected.collectedAt);
    });
  }

  const remotes: {name: string; collectedAt: string; isTaken: boolean}[] = [
    {
      name: 'another device’s record from after the receipt is taken',
      collectedAt: iso(T0 - 30_000),
      isTaken: true,
    },
    {name: 'one from before the receipt is not', collectedAt: iso(T0 - 90_000), isTaken: false},
    {
      name: 'one from the receipt’s very time is not',
      collectedAt: iso(T0 - 60_000),
      isTaken: false,
    },
  ];
  for (const {name, collectedAt, isTaken} of remotes) {
    it(name, () => {
      const remote = {
        receiptId: 'rcpt-phone',
        recordedAt: collectedAt,
        record: consentRecord('phone-0001', {choices: ADS_ON, collectedAt}),
      };
      const before = read(poisoned);
      const after = adoptRemote(before, remote, PURPOSES, NOW);
      expect(after.decision?.choices).to.deep.equal(isTaken ? ADS_ON : ANALYTICS_ON);
    });
  }
});
