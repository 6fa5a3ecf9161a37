import {expect} from '@open-wc/testing';
import type {Choices} from '../../src/core/consent.js';
import {
  afterFailure,
  DEFAULT_BACKOFF,
  dueNow,
  enqueue,
  entryCarrying,
  markAttempt,
  nextDue,
  removeRecord,
  retryDelay,
  type BackoffPolicy,
  type DeliveryFailure,
  type EntryFailure,
  type Outbox,
  type OutboxEntry,
} from '../../src/core/outbox.js';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {CHOICES, consentRecord, OTHER_SUBJECT} from '../fixtures/record.js';

const NOW = Date.UTC(2026, 10, 23, 6, 0, 0);
const record = consentRecord;

function entry(
  rec: ConsentRecord,
  attempts = 0,
  notBefore = NOW - 1_000,
  extra: Pick<OutboxEntry, 'covers' | 'failure'> = {},
): OutboxEntry {
  return {record: rec, attempts, notBefore, ...extra};
}

/** How an attempt failed, as afterFailure marks it. */
function failed(
  kind: EntryFailure['kind'],
  attempt: number,
  status?: number,
  message?: string,
): EntryFailure {
  return {kind, status, message, attempt};
}

/** A random source that always answers `value`. */
const fixed = (value: number) => () => value;

/** A deep copy, to check that a function left its input alone. */
const snapshot = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// Records of the subject, each changing one purpose.
const a1 = record('a1', {changed: ['ads'], choices: {...CHOICES, ads: 'granted'}});
const a2 = record('a2', {
  changed: ['analytics'],
  choices: {...CHOICES, ads: 'granted', analytics: 'granted'},
});
const a3 = record('a3', {
  changed: ['ads'],
  choices: {...CHOICES, ads: 'denied', analytics: 'granted'},
});
const b1 = record('b1', {subject: OTHER_SUBJECT, changed: ['analytics']});
const c1 = record('c1', {subject: 'third-subject', changed: ['ads']});

describe('enqueue', () => {
  const rows: {name: string; outbox: Outbox; record: ConsentRecord; expected: Outbox}[] = [
    {
      name: 'adds the first record, due now, not yet attempted',
      outbox: [],
      record: a1,
      expected: [{record: a1, attempts: 0, notBefore: NOW}],
    },
    {
      name: 'orders `changed` as the keys of the choices',
      outbox: [],
      record: record('x', {changed: ['ads', 'essential', 'analytics']}),
      expected: [entry(record('x', {changed: ['essential', 'analytics', 'ads']}), 0, NOW)],
    },
    {
      name: 'folds a never-attempted record of the same subject and method, unions `changed`',
      outbox: [entry(a1)],
      record: a2,
      expected: [entry({...a2, changed: ['analytics', 'ads']}, 0, NOW, {covers: ['a1']})],
    },
    {
      name: 'folds several never-attempted records of the subject into the newest',
      outbox: [entry(a1), entry(a2)],
      record: a3,
      expected: [entry({...a3, changed: ['analytics', 'ads']}, 0, NOW, {covers: ['a1', 'a2']})],
    },
    {
      name: 'folds a record whose `changed` is empty into one that has changes',
      outbox: [entry(a1)],
      record: record('a2', {changed: [], choices: a2.choices}),
      expected: [entry({...a2, changed: ['ads']}, 0, NOW, {covers: ['a1']})],
    },
    {
      name: 'orders the union by the final choices, whatever their key order',
      outbox: [entry(record('a1', {changed: ['essential']}))],
      record: record('a2', {
        changed: ['analytics', 'ads'],
        choices: {ads: 'granted', analytics: 'granted', essential: 'granted'},
      }),
      expected: [
        entry(
          record('a2', {
            changed: ['ads', 'analytics', 'essential'],
            choices: {ads: 'granted', analytics: 'granted', essential: 'granted'},
          }),
          0,
          NOW,
          {covers: ['a1']},
        ),
      ],
    },
    {
      name: 'drops a folded change the final choices no longer have',
      outbox: [entry(record('a1', {changed: ['retired-purpose', 'ads']}))],
      record: record('a2', {changed: ['analytics']}),
      expected: [entry(record('a2', {changed: ['analytics', 'ads']}), 0, NOW, {covers: ['a1']})],
    },
    {
      name: 'never folds a record in flight (attempted once)',
      outbox: [entry(a1, 1)],
      record: a2,
      expected: [entry(a1, 1), entry(a2, 0, NOW)],
    },
    {
      name: 'never folds a retried record waiting for its next attempt',
      outbox: [entry(a1, 3, NOW + 30_000)],
      record: a2,
      expected: [entry(a1, 3, NOW + 30_000), entry(a2, 0, NOW)],
    },
    {
      name: 'keeps the records of other subjects, in order',
      outbox: [entry(b1), entry(c1, 2, NOW + 5_000)],
      record: a1,
      expected: [entry(b1), entry(c1, 2, NOW + 5_000), entry(a1, 0, NOW)],
    },
    {
      name: 'folds only the never-attempted records of the subject in a mixed outbox',
      outbox: [entry(a1, 1), entry(b1), entry(a2), entry(c1, 1)],
      record: a3,
      expected: [
        entry(a1, 1),
        entry(b1),
        entry(c1, 1),
        // a1's `ads` is not in the union: a1 was attempted and still goes under its own key.
        entry({...a3, changed: ['analytics', 'ads']}, 0, NOW, {covers: ['a2']}),
      ],
    },
    {
      name: 'a folded record passes on what it covered, newest fold first',
      outbox: [entry(a2, 0, NOW - 5, {covers: ['a1']})],
      record: a3,
      expected: [entry({...a3, changed: ['analytics', 'ads']}, 0, NOW, {covers: ['a2', 'a1']})],
    },
    {
      name: 'does not fold a record made another way: "Reject all", then a toggle, are two decisions',
      outbox: [entry(record('r1', {method: 'reject-all'}))],
      record: a2,
      expected: [entry(record('r1', {method: 'reject-all'})), entry(a2, 0, NOW)],
    },
    {
      name: 'does not fold a toggle into "Accept all" either way round',
      outbox: [entry(a1)],
      record: record('x1', {method: 'accept-all', changed: ['analytics']}),
      expected: [
        entry(a1),
        entry(record('x1', {method: 'accept-all', changed: ['analytics']}), 0, NOW),
      ],
    },
    {
      name: 'folds only the records made the same way, keeping the others in order',
      outbox: [entry(a1), entry(record('g1', {method: 'gpc', changed: ['ads']})), entry(a2)],
      record: a3,
      expected: [
        entry(record('g1', {method: 'gpc', changed: ['ads']})),
        entry({...a3, changed: ['analytics', 'ads']}, 0, NOW, {covers: ['a1', 'a2']}),
      ],
    },
    {
      name: 'never folds a held record (it was attempted)',
      outbox: [entry(a1, 1, NOW - 5, {failure: failed('held', 1, 401)})],
      record: a2,
      expected: [entry(a1, 1, NOW - 5, {failure: failed('held', 1, 401)}), entry(a2, 0, NOW)],
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const before = snapshot(row.outbox);
      expect(enqueue(row.outbox, row.record, NOW)).to.deep.equal(row.expected);
      expect(snapshot(row.outbox), 'the input outbox is left alone').to.deep.equal(before);
    });
  }

  for (const row of rows) {
    it(`${row.name}: the last entry carries the final choices`, () => {
      const last = enqueue(row.outbox, row.record, NOW).at(-1);
      expect(last?.record.recordId).to.equal(row.record.recordId);
      expect(last?.record.choices).to.deep.equal(row.record.choices);
      expect(last?.attempts).to.equal(0);
    });
  }
});

describe('enqueue: seven rapid toggles', () => {
  // Toggles analytics, ads, analytics, ads… starting from CHOICES; record n carries the state
  // after n toggles.
  const toggles: ConsentRecord[] = [];
  let state: Choices = CHOICES;
  for (let n = 1; n <= 7; n++) {
    const id = n % 2 === 1 ? 'analytics' : 'ads';
    state = {...state, [id]: state[id] === 'granted' ? 'denied' : 'granted'};
    toggles.push(
      record(`t${n}`, {
        choices: state,
        changed: [id],
        collectedAt: new Date(NOW + n).toISOString(),
      }),
    );
  }
  const final = toggles[6]!;
  const first = toggles[0]!;

  const rows: {
    name: string;
    /** What happened to the first record before the other six came. */
    afterFirst: (outbox: Outbox) => Outbox;
    expected: Outbox;
  }[] = [
    {
      name: 'with the first in flight: the first and one record with the final choices',
      afterFirst: (outbox) => markAttempt(outbox, 't1'),
      expected: [
        {record: first, attempts: 1, notBefore: NOW},
        {
          record: {...final, changed: ['analytics', 'ads']},
          attempts: 0,
          notBefore: NOW,
          covers: ['t6', 't5', 't4', 't3', 't2'],
        },
      ],
    },
    {
      name: 'with the first waiting for a retry: the first and one with the final choices',
      afterFirst: (outbox) =>
        afterFailure(markAttempt(outbox, 't1'), 't1', {isRetryable: true}, NOW, fixed(0.5)).outbox,
      expected: [
        {record: first, attempts: 1, notBefore: NOW + 250, failure: failed('retrying', 1)},
        {
          record: {...final, changed: ['analytics', 'ads']},
          attempts: 0,
          notBefore: NOW,
          covers: ['t6', 't5', 't4', 't3', 't2'],
        },
      ],
    },
    {
      name: 'with nothing attempted: one record with the final choices',
      afterFirst: (outbox) => outbox,
      expected: [
        {
          record: {...final, changed: ['analytics', 'ads']},
          attempts: 0,
          notBefore: NOW,
          covers: ['t6', 't5', 't4', 't3', 't2', 't1'],
        },
      ],
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      let outbox = row.afterFirst(enqueue([], first, NOW));
      for (const toggle of toggles.slice(1)) outbox = enqueue(outbox, toggle, NOW);
      expect(outbox).to.deep.equal(row.expected);
      expect(outbox.at(-1)?.record.choices).to.deep.equal(state);
    });
  }
});

describe('nextDue', () => {
  const rows: {name: string; outbox: Outbox; expected: ReturnType<typeof nextDue>}[] = [
    {name: 'has nothing for an empty outbox', outbox: [], expected: undefined},
    {
      name: 'gives the first entry with no wait when it is due',
      outbox: [entry(a1, 0, NOW - 1), entry(b1)],
      expected: {entry: entry(a1, 0, NOW - 1), waitMs: 0},
    },
    {
      name: 'gives no wait for an entry due exactly now',
      outbox: [entry(a1, 0, NOW)],
      expected: {entry: entry(a1, 0, NOW), waitMs: 0},
    },
    {
      name: 'gives the wait of a first entry that is not due yet',
      outbox: [entry(a1, 2, NOW + 1_500)],
      expected: {entry: entry(a1, 2, NOW + 1_500), waitMs: 1_500},
    },
    {
      name: 'keeps the order: a later due entry does not overtake a waiting first one',
      outbox: [entry(a1, 2, NOW + 1_500), entry(b1, 0, NOW - 10)],
      expected: {entry: entry(a1, 2, NOW + 1_500), waitMs: 1_500},
    },
    {
      name: 'skips a held entry: the next one goes',
      outbox: [entry(a1, 1, NOW - 10, {failure: failed('held', 1, 401)}), entry(b1, 0, NOW - 10)],
      expected: {entry: entry(b1, 0, NOW - 10), waitMs: 0},
    },
    {
      name: 'skips several held entries, and gives the wait of the first one not held',
      outbox: [
        entry(a1, 1, NOW - 10, {failure: failed('held', 1, 401)}),
        entry(c1, 3, NOW - 10, {failure: failed('held', 3)}),
        entry(b1, 2, NOW + 700, {failure: failed('retrying', 2, 503)}),
      ],
      expected: {
        entry: entry(b1, 2, NOW + 700, {failure: failed('retrying', 2, 503)}),
        waitMs: 700,
      },
    },
    {
      name: 'has nothing when every entry is held',
      outbox: [
        entry(a1, 1, NOW - 10, {failure: failed('held', 1, 403)}),
        entry(b1, 1, NOW - 10, {failure: failed('held', 1)}),
      ],
      expected: undefined,
    },
    {
      name: 'a retrying entry that is due goes',
      outbox: [entry(a1, 1, NOW, {failure: failed('retrying', 1, 503)})],
      expected: {entry: entry(a1, 1, NOW, {failure: failed('retrying', 1, 503)}), waitMs: 0},
    },
  ];
  for (const {name, outbox, expected} of rows) {
    it(name, () => {
      expect(nextDue(outbox, NOW)).to.deep.equal(expected);
    });
  }
});

describe('markAttempt', () => {
  const rows: {name: string; outbox: Outbox; recordId: string; expected: Outbox}[] = [
    {
      name: 'counts an attempt for the record only',
      outbox: [entry(a1, 0), entry(b1, 2)],
      recordId: 'a1',
      expected: [entry(a1, 1), entry(b1, 2)],
    },
    {
      name: 'counts further attempts, keeping the wait',
      outbox: [entry(a1, 2, NOW + 10)],
      recordId: 'a1',
      expected: [entry(a1, 3, NOW + 10)],
    },
    {
      name: 'leaves the outbox alone for an unknown record',
      outbox: [entry(a1, 0)],
      recordId: 'nope',
      expected: [entry(a1, 0)],
    },
    {name: 'works on an empty outbox', outbox: [], recordId: 'a1', expected: []},
  ];
  for (const {name, outbox, recordId, expected} of rows) {
    it(name, () => {
      const before = snapshot(outbox);
      expect(markAttempt(outbox, recordId)).to.deep.equal(expected);
      expect(snapshot(outbox)).to.deep.equal(before);
    });
  }
});

describe('removeRecord', () => {
  const rows: {name: string; outbox: Outbox; recordId: string; expected: Outbox}[] = [
    {
      name: 'removes the record and keeps the order of the rest',
      outbox: [entry(b1), entry(a1, 1), entry(c1)],
      recordId: 'a1',
      expected: [entry(b1), entry(c1)],
    },
    {
      name: 'leaves the outbox alone for an unknown record',
      outbox: [entry(a1)],
      recordId: 'nope',
      expected: [entry(a1)],
    },
    {name: 'removes the last record', outbox: [entry(a1)], recordId: 'a1', expected: []},
  ];
  for (const {name, outbox, recordId, expected} of rows) {
    it(name, () => {
      expect(removeRecord(outbox, recordId)).to.deep.equal(expected);
    });
  }
});

describe('afterFailure', () => {
  const policy: BackoffPolicy = {baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000};
  const retryable: DeliveryFailure = {isRetryable: true};
  const refused: DeliveryFailure = {isRetryable: false};

  const rows: {
    name: string;
    outbox: Outbox;
    recordId: string;
    failure: DeliveryFailure;
    random?: number;
    expected: ReturnType<typeof afterFailure>;
  }[] = [
    {
      name: 'keeps a retryable record and sets when it may go (first attempt)',
      outbox: [entry(a1, 1)],
      recordId: 'a1',
      failure: retryable,
      random: 0.5,
      expected: {
        outbox: [entry(a1, 1, NOW + 50, {failure: failed('retrying', 1)})],
        willRetry: true,
        delayMs: 50,
      },
    },
    {
      name: 'backs off further after more attempts',
      outbox: [entry(a1, 3)],
      recordId: 'a1',
      failure: retryable,
      random: 0.5,
      expected: {
        outbox: [entry(a1, 3, NOW + 200, {failure: failed('retrying', 3)})],
        willRetry: true,
        delayMs: 200,
      },
    },
    {
      name: 'treats a record never counted as a first attempt',
      outbox: [entry(a1, 0)],
      recordId: 'a1',
      failure: retryable,
      random: 0.5,
      expected: {
        outbox: [entry(a1, 0, NOW + 50, {failure: failed('retrying', 0)})],
        willRetry: true,
        delayMs: 50,
      },
    },
    {
      name: 'may retry at once when the jitter is zero',
      outbox: [entry(a1, 4)],
      recordId: 'a1',
      failure: retryable,
      random: 0,
      expected: {
        outbox: [entry(a1, 4, NOW, {failure: failed('retrying', 4)})],
        willRetry: true,
        delayMs: 0,
      },
    },
    {
      name: 'waits for a longer Retry-After',
      outbox: [entry(a1, 1)],
      recordId: 'a1',
      failure: {isRetryable: true, retryAfterMs: 3_000},
      random: 0.5,
      expected: {
        outbox: [entry(a1, 1, NOW + 3_000, {failure: failed('retrying', 1)})],
        willRetry: true,
        delayMs: 3_000,
      },
    },
    {
      name: 'caps Retry-After',
      outbox: [entry(a1, 1)],
      recordId: 'a1',
      failure: {isRetryable: true, retryAfterMs: 86_400_000},
      random: 0.5,
      expected: {
        outbox: [entry(a1, 1, NOW + 5_000, {failure: failed('retrying', 1)})],
        willRetry: true,
        delayMs: 5_000,
      },
    },
    {
      name: 'leaves the other entries alone when retrying',
      outbox: [entry(b1, 2, NOW + 7), entry(a1, 1), entry(c1)],
      recordId: 'a1',
      failure: retryable,
      random: 0.5,
      expected: {
        outbox: [
          entry(b1, 2, NOW + 7),
          entry(a1, 1, NOW + 50, {failure: failed('retrying', 1)}),
          entry(c1),
        ],
        willRetry: true,
        delayMs: 50,
      },
    },
    {
      name: 'records the status and message of a retryable failure for every tab',
      outbox: [entry(a1, 2, NOW, {covers: ['a0']})],
      recordId: 'a1',
      failure: {isRetryable: true, status: 503, message: 'Service Unavailable'},
      random: 0.5,
      expected: {
        outbox: [
          entry(a1, 2, NOW + 100, {
            covers: ['a0'],
            failure: failed('retrying', 2, 503, 'Service Unavailable'),
          }),
        ],
        willRetry: true,
        delayMs: 100,
      },
    },
    {
      name: 'a later failure replaces the mark of an earlier one',
      outbox: [entry(a1, 3, NOW - 1, {failure: failed('retrying', 2, 503, 'Service Unavailable')})],
      recordId: 'a1',
      failure: {isRetryable: true, status: 429, message: 'Slow down.', retryAfterMs: 700},
      random: 0,
      expected: {
        outbox: [entry(a1, 3, NOW + 700, {failure: failed('retrying', 3, 429, 'Slow down.')})],
        willRetry: true,
        delayMs: 700,
      },
    },
    {
      name: 'holds a record the endpoint did not acknowledge: kept, marked, its wait unchanged',
      outbox: [entry(b1, 0), entry(a1, 1, NOW - 3, {covers: ['a0']}), entry(c1)],
      recordId: 'a1',
      failure: {isRetryable: false, isHeld: true, status: 401, message: 'Sign in again.'},
      expected: {
        outbox: [
          entry(b1, 0),
          entry(a1, 1, NOW - 3, {
            covers: ['a0'],
            failure: failed('held', 1, 401, 'Sign in again.'),
          }),
          entry(c1),
        ],
        willRetry: true,
        delayMs: 0,
      },
    },
    {
      name: 'holding wins over retrying, and over a Retry-After',
      outbox: [entry(a1, 2, NOW)],
      recordId: 'a1',
      failure: {isRetryable: true, isHeld: true, status: undefined, retryAfterMs: 9_000},
      expected: {
        outbox: [entry(a1, 2, NOW, {failure: failed('held', 2)})],
        willRetry: true,
        delayMs: 0,
      },
    },
    {
      name: 'holding replaces a retrying mark',
      outbox: [entry(a1, 2, NOW, {failure: failed('retrying', 1, 503)})],
      recordId: 'a1',
      failure: {isRetryable: false, isHeld: true, status: 302, message: 'Redirected.'},
      expected: {
        outbox: [entry(a1, 2, NOW, {failure: failed('held', 2, 302, 'Redirected.')})],
        willRetry: true,
        delayMs: 0,
      },
    },
    {
      name: 'has nothing to hold for an unknown record',
      outbox: [entry(b1, 1)],
      recordId: 'a1',
      failure: {isRetryable: false, isHeld: true, status: 401},
      expected: {outbox: [entry(b1, 1)], willRetry: false, delayMs: 0},
    },
    {
      name: 'removes a refused record, without retry',
      outbox: [entry(a1, 1)],
      recordId: 'a1',
      failure: refused,
      expected: {outbox: [], willRetry: false, delayMs: 0},
    },
    {
      name: 'removes a refused record even with a Retry-After',
      outbox: [entry(a1, 1)],
      recordId: 'a1',
      failure: {isRetryable: false, retryAfterMs: 3_000},
      expected: {outbox: [], willRetry: false, delayMs: 0},
    },
    {
      name: 'removes only the refused record, keeping the order of the rest',
      outbox: [entry(b1), entry(a1, 1), entry(c1, 1, NOW + 9)],
      recordId: 'a1',
      failure: refused,
      expected: {outbox: [entry(b1), entry(c1, 1, NOW + 9)], willRetry: false, delayMs: 0},
    },
    {
      name: 'has nothing to retry for an unknown record',
      outbox: [entry(b1, 1)],
      recordId: 'a1',
      failure: retryable,
      random: 0.5,
      expected: {outbox: [entry(b1, 1)], willRetry: false, delayMs: 0},
    },
    {
      name: 'has nothing to retry in an empty outbox',
      outbox: [],
      recordId: 'a1',
      failure: retryable,
      expected: {outbox: [], willRetry: false, delayMs: 0},
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      const before = snapshot(row.outbox);
      const result = afterFailure(
        row.outbox,
        row.recordId,
        row.failure,
        NOW,
        fixed(row.random ?? 0.5),
        policy,
      );
      expect(result).to.deep.equal(row.expected);
      expect(snapshot(row.outbox)).to.deep.equal(before);
    });
  }

  it('uses the default policy when none is given', () => {
    expect(afterFailure([entry(a1, 1)], 'a1', retryable, NOW, fixed(0.5))).to.deep.equal({
      outbox: [entry(a1, 1, NOW + 250, {failure: failed('retrying', 1)})],
      willRetry: true,
      delayMs: 250,
    });
  });
});

describe('retryDelay', () => {
  it('defaults to a first wait of 500 ms, at most a minute, Retry-After up to an hour', () => {
    expect(DEFAULT_BACKOFF).to.deep.equal({
      baseDelayMs: 500,
      maxDelayMs: 60_000,
      maxRetryAfterMs: 3_600_000,
    });
  });

  describe('full jitter: a random wait below base·2^(attempt−1), capped', () => {
    const policies: {name: string; policy: BackoffPolicy; ceilings: number[]}[] = [
      {
        name: 'the default policy',
        policy: DEFAULT_BACKOFF,
        // Attempts 1..10.
        ceilings: [500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000],
      },
      {
        name: 'a fast policy',
        policy: {baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50},
        ceilings: [5, 10, 20, 20, 20, 20, 20, 20, 20, 20],
      },
    ];
    const randoms = [0, 0.5, 0.999];

    for (const {name, policy, ceilings} of policies) {
      ceilings.forEach((ceiling, index) => {
        const attempt = index + 1;
        for (const random of randoms) {
          it(`${name}, attempt ${attempt}, random ${random}: about ${random}·${ceiling} ms`, () => {
            const delay = retryDelay(attempt, fixed(random), undefined, policy);
            expect(delay).to.be.at.least(0).and.below(ceiling);
            expect(delay).to.be.closeTo(random * ceiling, 1);
            expect(Number.isInteger(delay), 'whole milliseconds').to.be.true;
          });
        }
      });
    }

    it('stays capped for a very high attempt count', () => {
      expect(retryDelay(2_000, fixed(0.5), undefined, DEFAULT_BACKOFF)).to.equal(30_000);
    });
  });

  describe('Retry-After', () => {
    const rows: {
      name: string;
      attempt: number;
      random: number;
      retryAfterMs: number | undefined;
      policy?: BackoffPolicy;
      expected: number;
    }[] = [
      {name: 'wins when larger', attempt: 1, random: 0.5, retryAfterMs: 30_000, expected: 30_000},
      {
        name: 'wins over the largest backoff when larger',
        attempt: 10,
        random: 0.999,
        retryAfterMs: 120_000,
        expected: 120_000,
      },
      {name: 'loses when smaller', attempt: 1, random: 0.5, retryAfterMs: 100, expected: 250},
      {
        name: 'loses to a long backoff',
        attempt: 10,
        random: 0.999,
        retryAfterMs: 10_000,
        expected: 59_940,
      },
      {name: 'of zero keeps the backoff', attempt: 2, random: 0.5, retryAfterMs: 0, expected: 500},
      {
        name: 'of zero with no jitter retries at once',
        attempt: 1,
        random: 0,
        retryAfterMs: 0,
        expected: 0,
      },
      {
        name: 'equal to the cap is honored',
        attempt: 1,
        random: 0.5,
        retryAfterMs: 3_600_000,
        expected: 3_600_000,
      },
      {
        name: 'is capped at maxRetryAfterMs',
        attempt: 1,
        random: 0.5,
        retryAfterMs: 86_400_000,
        expected: 3_600_000,
      },
      {
        name: 'is capped by a custom policy',
        attempt: 1,
        random: 0,
        retryAfterMs: 1_000,
        policy: {baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50},
        expected: 50,
      },
      {
        name: 'absent leaves the backoff',
        attempt: 3,
        random: 0.5,
        retryAfterMs: undefined,
        expected: 1_000,
      },
    ];
    for (const {name, attempt, random, retryAfterMs, policy, expected} of rows) {
      it(name, () => {
        expect(retryDelay(attempt, fixed(random), retryAfterMs, policy)).to.equal(expected);
      });
    }
  });
});

describe('dueNow', () => {
  const rows: {name: string; outbox: Outbox; expected: Outbox}[] = [
    {name: 'works on an empty outbox', outbox: [], expected: []},
    {
      name: 'makes a waiting entry due now, keeping its attempts',
      outbox: [entry(a1, 3, NOW + 60_000)],
      expected: [entry(a1, 3, NOW)],
    },
    {
      name: 'leaves an entry that is already due alone',
      outbox: [entry(a1, 1, NOW - 5_000)],
      expected: [entry(a1, 1, NOW - 5_000)],
    },
    {
      name: 'leaves an entry due exactly now alone',
      outbox: [entry(a1, 1, NOW)],
      expected: [entry(a1, 1, NOW)],
    },
    {
      name: 'moves only the future entries, in order',
      outbox: [entry(b1, 0, NOW - 1), entry(a1, 2, NOW + 1), entry(c1, 1, NOW + 9_999)],
      expected: [entry(b1, 0, NOW - 1), entry(a1, 2, NOW), entry(c1, 1, NOW)],
    },
    {
      name: 'releases a held entry: due, its mark dropped, its attempts and covers kept',
      outbox: [entry(a1, 2, NOW - 50, {covers: ['a0'], failure: failed('held', 2, 401)})],
      expected: [entry(a1, 2, NOW - 50, {covers: ['a0']})],
    },
    {
      name: 'releases a held entry that also waited',
      outbox: [entry(a1, 1, NOW + 500, {failure: failed('held', 1)})],
      expected: [entry(a1, 1, NOW)],
    },
    {
      name: 'a waiting retry made due loses its retrying mark; a due one keeps it',
      outbox: [
        entry(a1, 1, NOW + 500, {failure: failed('retrying', 1, 503)}),
        entry(b1, 1, NOW - 1, {failure: failed('retrying', 1, 500)}),
      ],
      expected: [entry(a1, 1, NOW), entry(b1, 1, NOW - 1, {failure: failed('retrying', 1, 500)})],
    },
  ];
  for (const {name, outbox, expected} of rows) {
    it(name, () => {
      const before = snapshot(outbox);
      expect(dueNow(outbox, NOW)).to.deep.equal(expected);
      expect(snapshot(outbox)).to.deep.equal(before);
    });
  }
});

describe('entryCarrying', () => {
  const carrier = entry(a3, 0, NOW, {covers: ['a2', 'a1']});
  const rows: {
    name: string;
    outbox: Outbox;
    recordId: string;
    expected: OutboxEntry | undefined;
  }[] = [
    {
      name: 'finds the entry of the record itself',
      outbox: [entry(b1), entry(a1, 1)],
      recordId: 'a1',
      expected: entry(a1, 1),
    },
    {
      name: 'finds the later entry a record was folded into',
      outbox: [entry(b1), carrier],
      recordId: 'a1',
      expected: carrier,
    },
    {
      name: 'finds the carrier by any id it covers',
      outbox: [entry(b1), carrier],
      recordId: 'a2',
      expected: carrier,
    },
    {
      name: 'has nothing for a record no entry carries',
      outbox: [entry(b1), carrier],
      recordId: 'c1',
      expected: undefined,
    },
    {name: 'has nothing in an empty outbox', outbox: [], recordId: 'a1', expected: undefined},
  ];
  for (const {name, outbox, recordId, expected} of rows) {
    it(name, () => {
      expect(entryCarrying(outbox, recordId)).to.deep.equal(expected);
    });
  }

  it('carries a folded record from enqueue on', () => {
    const outbox = enqueue(enqueue([], a1, NOW), a2, NOW);
    expect(entryCarrying(outbox, 'a1')?.record.recordId).to.equal('a2');
  });
});
