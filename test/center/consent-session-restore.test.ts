/**
 * The restore at start (center/restore.ts) when the endpoint says "come back later": a 429 or
 * 503 is asked again after its Retry-After, or a short backoff, a bounded number of times and
 * never past the request's timeout. Timed by a fake clock: every wait is a step of the test.
 */
import {expect} from '@open-wc/testing';
import {
  MAX_RESTORE_RETRIES,
  RESTORE_TIMEOUT_MS,
  RESTORE_WAIT_MS,
  restoreRetryDelay,
} from '../../src/center/restore.js';
import {textResponse, type FetchAnswer} from '../support/fake-fetch.js';
import {fakeClock, type FakeClock} from '../support/fake-clock.js';
import {
  DEFAULTS,
  LOCAL_DECISION,
  NOW,
  REMOTE_CHOICES,
  closeTab,
  currentRecord,
  endpoint,
  mirrorWith,
  noRecord,
  openTab,
  quiet,
  reply,
  sessionStatus,
  until,
  useSessionHarness,
  type Tab,
} from '../support/session-harness.js';

const NOW_MINUS_DAY = new Date(NOW - 86_400_000).toISOString();

describe('restoreRetryDelay', () => {
  const rows: {
    name: string;
    status: number | undefined;
    retryAfterMs?: number;
    retries: number;
    remainingMs: number;
    expected: number | undefined;
  }[] = [
    {
      name: '429 with Retry-After',
      status: 429,
      retryAfterMs: 2_000,
      retries: 0,
      remainingMs: 20_000,
      expected: 2_000,
    },
    {
      name: '503 with Retry-After',
      status: 503,
      retryAfterMs: 3_000,
      retries: 1,
      remainingMs: 9_000,
      expected: 3_000,
    },
    {
      name: 'Retry-After: 0',
      status: 429,
      retryAfterMs: 0,
      retries: 0,
      remainingMs: 20_000,
      expected: 0,
    },
    {
      name: '429 without Retry-After: 1 s',
      status: 429,
      retries: 0,
      remainingMs: 20_000,
      expected: 1_000,
    },
    {
      name: '503 without Retry-After, second time: 2 s',
      status: 503,
      retries: 1,
      remainingMs: 20_000,
      expected: 2_000,
    },
    {
      name: 'without Retry-After, third time: 4 s',
      status: 503,
      retries: 2,
      remainingMs: 20_000,
      expected: 4_000,
    },
    {
      name: 'asked again often enough',
      status: 429,
      retryAfterMs: 1_000,
      retries: MAX_RESTORE_RETRIES,
      remainingMs: 20_000,
      expected: undefined,
    },
    {
      name: 'a wait that ends just before the timeout',
      status: 429,
      retryAfterMs: 19_999,
      retries: 0,
      remainingMs: 20_000,
      expected: 19_999,
    },
    {
      name: 'a wait that ends at the timeout',
      status: 429,
      retryAfterMs: 20_000,
      retries: 0,
      remainingMs: 20_000,
      expected: undefined,
    },
    {
      name: 'a backoff past the timeout',
      status: 503,
      retries: 2,
      remainingMs: 4_000,
      expected: undefined,
    },
    {
      name: 'a Retry-After of a day',
      status: 429,
      retryAfterMs: 86_400_000,
      retries: 0,
      remainingMs: 20_000,
      expected: undefined,
    },
    {
      name: '500 (not "come back later")',
      status: 500,
      retryAfterMs: 1_000,
      retries: 0,
      remainingMs: 20_000,
      expected: undefined,
    },
    {name: '502', status: 502, retries: 0, remainingMs: 20_000, expected: undefined},
    {name: '408', status: 408, retries: 0, remainingMs: 20_000, expected: undefined},
    {name: '401', status: 401, retries: 0, remainingMs: 20_000, expected: undefined},
    {
      name: 'a network failure',
      status: undefined,
      retries: 0,
      remainingMs: 20_000,
      expected: undefined,
    },
  ];
  for (const {name, status, retryAfterMs, retries, remainingMs, expected} of rows) {
    it(`${name}: ${expected === undefined ? 'gives up' : `${expected} ms`}`, () => {
      expect(restoreRetryDelay({status, retryAfterMs}, retries, remainingMs)).to.equal(expected);
    });
  }
});

describe('ConsentSession: a restore answered "come back later"', () => {
  useSessionHarness();

  /** The endpoint is busy: `status`, with `Retry-After` when given. */
  const busy =
    (status: number, retryAfter?: string): FetchAnswer =>
    () =>
      textResponse(status, 'Busy', retryAfter === undefined ? {} : {'Retry-After': retryAfter});

  /** The n-th GET gets the n-th answer; the last one repeats. */
  function inTurn(...answers: FetchAnswer[]): FetchAnswer {
    let count = 0;
    return (call) => reply(answers[Math.min(count++, answers.length - 1)], call);
  }

  function started(tab: Tab): () => boolean {
    let isStarted = false;
    void tab.starting.then(() => (isStarted = true));
    return () => isStarted;
  }

  /**
   * Resolves once the session has set the wait an answer asked for: the clock moves on only
   * then, however slowly the engine got the answer to it.
   */
  const waitIsSet = (clock: FakeClock, ms: number) =>
    until(() => clock.dueIn().includes(ms), `a wait of ${ms} ms`);

  it('429 with Retry-After: 2 — asked again after 2 s, and the record is the start', async () => {
    const clock = fakeClock(NOW);
    const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
    const fake = endpoint({get: inTurn(busy(429, '2'), answer)});
    const tab = openTab({endpoint: fake, timers: clock.timers, now: clock.now});
    const isStarted = started(tab);
    await until(() => fake.gets().length === 1, 'the first GET');
    await waitIsSet(clock, 2_000);

    await clock.advance(1_999);
    expect(fake.gets(), 'not before Retry-After').to.have.length(1);
    expect(isStarted()).to.be.false;
    await clock.advance(1);
    await until(() => isStarted(), 'the start');

    expect(fake.gets()).to.have.length(2);
    expect(await tab.starting).to.deep.equal({choices: REMOTE_CHOICES, source: 'endpoint'});
    expect(tab.heard.changes, 'it is the start, not a change').to.deep.equal([]);
    expect(tab.heard.statuses).to.deep.equal([sessionStatus('idle', receipt.recordedAt, false)]);
    expect(tab.heard.errors).to.deep.equal([]);
  });

  it('503 without Retry-After — asked again after 1 s; no record: the defaults then, not at 5 s', async () => {
    const clock = fakeClock(NOW);
    const fake = endpoint({get: inTurn(busy(503), noRecord)});
    const tab = openTab({endpoint: fake, timers: clock.timers, now: clock.now});
    const isStarted = started(tab);
    await until(() => fake.gets().length === 1, 'the first GET');
    await waitIsSet(clock, 1_000);

    await clock.advance(999);
    expect(fake.gets()).to.have.length(1);
    await clock.advance(1);
    await until(() => isStarted(), 'the start');

    expect(fake.gets()).to.have.length(2);
    expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
    expect(tab.heard.errors).to.deep.equal([]);
    expect(tab.heard.statuses).to.deep.equal([sessionStatus('idle', undefined, false)]);
  });

  it(`asked again at most ${MAX_RESTORE_RETRIES} times, then the defaults, and no error`, async () => {
    const clock = fakeClock(NOW);
    const fake = endpoint({get: busy(503, '1')});
    const tab = openTab({endpoint: fake, timers: clock.timers, now: clock.now});
    const isStarted = started(tab);
    // Each wait is set once its answer is in: the clock moves on only then (however slow the
    // engine), one Retry-After at a time.
    for (let asked = 1; asked <= MAX_RESTORE_RETRIES; asked++) {
      await until(() => fake.gets().length === asked, `GET ${asked}`);
      await waitIsSet(clock, 1_000);
      await clock.advance(1_000);
    }
    await until(() => isStarted(), 'the start');
    await clock.runAll();
    await quiet();

    expect(fake.gets()).to.have.length(1 + MAX_RESTORE_RETRIES);
    expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
    expect(tab.heard.changes).to.deep.equal([]);
    expect(tab.heard.errors).to.deep.equal([]);
  });

  it('a Retry-After that ends after the request is abandoned: the defaults at once', async () => {
    const clock = fakeClock(NOW);
    const fake = endpoint({
      get: inTurn(
        busy(429, String(RESTORE_TIMEOUT_MS / 1000)),
        currentRecord(NOW_MINUS_DAY).answer,
      ),
    });
    const tab = openTab({endpoint: fake, timers: clock.timers, now: clock.now});
    const isStarted = started(tab);
    await until(() => isStarted(), 'the start, with no time passed');

    expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
    await clock.runAll();
    await quiet();
    expect(fake.gets()).to.have.length(1);
    expect(tab.heard.changes).to.deep.equal([]);
  });

  it('429 with Retry-After: 8 — asked at 0, 8 and 16 s; not at 24 s, past the timeout', async () => {
    const clock = fakeClock(NOW);
    const fake = endpoint({get: busy(429, '8')});
    const tab = openTab({endpoint: fake, timers: clock.timers, now: clock.now});
    await until(() => fake.gets().length === 1, 'the first GET');
    await waitIsSet(clock, 8_000);

    await clock.advance(RESTORE_WAIT_MS);
    expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
    await clock.advance(3_000);
    await until(() => fake.gets().length === 2, 'the GET at 8 s');
    await waitIsSet(clock, 8_000);
    await clock.advance(8_000);
    await until(() => fake.gets().length === 3, 'the GET at 16 s');
    await clock.runAll();
    await quiet();
    expect(fake.gets()).to.have.length(3);
    expect(tab.heard.errors).to.deep.equal([]);
  });

  it(`a record answered after the ${RESTORE_WAIT_MS} ms wait comes as a sync change`, async () => {
    const clock = fakeClock(NOW);
    const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
    const fake = endpoint({get: inTurn(busy(429, '6'), answer)});
    const tab = openTab({endpoint: fake, timers: clock.timers, now: clock.now});
    await until(() => fake.gets().length === 1, 'the first GET');
    await waitIsSet(clock, 6_000);

    await clock.advance(RESTORE_WAIT_MS);
    expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
    await clock.advance(1_000);
    await until(() => tab.heard.changes.length > 0, 'the sync change');

    expect(fake.gets()).to.have.length(2);
    expect(tab.heard.changes).to.deep.equal([
      {choices: REMOTE_CHOICES, changed: ['recommendations', 'ads'], method: 'sync'},
    ]);
    expect(tab.heard.statuses).to.deep.equal([
      sessionStatus('idle', undefined, false),
      sessionStatus('idle', receipt.recordedAt, false),
    ]);
    expect(tab.heard.errors).to.deep.equal([]);
  });

  it("with this browser's copy: the local start at once, a newer record after Retry-After", async () => {
    const clock = fakeClock(NOW);
    const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
    const fake = endpoint({get: inTurn(busy(429, '1'), answer)});
    const tab = openTab({
      endpoint: fake,
      mirror: mirrorWith(LOCAL_DECISION),
      timers: clock.timers,
      now: clock.now,
    });
    expect(await tab.starting).to.deep.equal({choices: LOCAL_DECISION.choices, source: 'local'});

    await waitIsSet(clock, 1_000);
    await clock.advance(1_000);
    await until(() => tab.heard.changes.length > 0, 'the sync change');
    expect(fake.gets()).to.have.length(2);
    expect(tab.heard.changes).to.deep.equal([
      {choices: REMOTE_CHOICES, changed: ['analytics', 'recommendations', 'ads'], method: 'sync'},
    ]);
    expect(tab.session.decision?.receiptId).to.equal(receipt.receiptId);
  });

  it('a session that ends during the wait asks nothing more', async () => {
    const clock = fakeClock(NOW);
    const fake = endpoint({get: inTurn(busy(429, '2'), currentRecord(NOW_MINUS_DAY).answer)});
    const tab = openTab({endpoint: fake, timers: clock.timers, now: clock.now});
    await until(() => fake.gets().length === 1, 'the first GET');
    await waitIsSet(clock, 2_000);
    await clock.advance(1_000);

    await closeTab(tab);
    await clock.runAll();
    expect(fake.gets()).to.have.length(1);
    expect(tab.heard.changes).to.deep.equal([]);
  });
});
