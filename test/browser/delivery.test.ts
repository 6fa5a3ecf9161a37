import {aTimeout, expect, waitUntil} from '@open-wc/testing';
import {ConsentDelivery} from '../../src/browser/delivery.js';
import type {EndpointError} from '../../src/browser/endpoint.js';
import {
  memoryStore,
  OUTBOX_KEY,
  readOutbox,
  writeOutbox,
  type KeyValueStore,
} from '../../src/browser/storage.js';
import type {Choices} from '../../src/core/consent.js';
import type {BackoffPolicy} from '../../src/core/delivery.js';
import type {ConsentReceipt, ConsentRecord} from '../../src/core/record.js';
import {
  fakeFetch,
  jsonResponse,
  textResponse,
  type FetchAnswer,
  type FetchCall,
} from './fake-fetch.js';
import {CHOICES, consentRecord, OTHER_SUBJECT, SUBJECT} from '../fixtures/record.js';

const ENDPOINT_URL = '/api/consent';

/** Tiny waits, so retries happen within a test. */
const FAST: BackoffPolicy = {baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50};
/** Waits of about a minute: a retry that goes within a test was sent early on purpose. */
const SLOW: BackoffPolicy = {baseDelayMs: 60_000, maxDelayMs: 60_000, maxRetryAfterMs: 60_000};
/** A 20 ms wait (random 0.5): long enough to act between a failure and its retry. */
const MEDIUM: BackoffPolicy = {baseDelayMs: 40, maxDelayMs: 40, maxRetryAfterMs: 40};
/** Longer than any FAST or MEDIUM wait, to see that nothing more happens. */
const QUIET_MS = 80;

let nextId = 1;

/** A record as the element makes it; every record gets its own id (the Idempotency-Key). */
function record(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return consentRecord(`rec-${nextId++}-${crypto.randomUUID()}`, overrides);
}

/** The record a request carried. */
function bodyOf(call: FetchCall): ConsentRecord {
  return JSON.parse(String(call.init.body)) as ConsentRecord;
}

function keyOf(call: FetchCall): string | null {
  return call.headers.get('Idempotency-Key');
}

function receiptFor(rec: ConsentRecord): ConsentReceipt {
  return {
    receiptId: `rcpt-${rec.recordId}`,
    recordedAt: '2026-11-23T06:00:00.412Z',
    record: rec,
  };
}

/** The endpoint storing the record it was sent. */
const created: FetchAnswer = (call) => jsonResponse(201, receiptFor(bodyOf(call)));
const unavailable = () => (): Response => textResponse(503, 'Service Unavailable');

/** A promise the test resolves when it chooses, e.g. to hold an answer back. */
interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

const cleanups: (() => void)[] = [];

function gate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  // A held answer would keep the Web Lock, and every later test would wait for it.
  cleanups.push(() => open());
  return {opened, open: () => open()};
}

/** Answers as `answer` once the gate opens. */
function heldBy(held: Gate, answer: FetchAnswer = created) {
  return async (call: FetchCall): Promise<Response> => {
    await held.opened;
    const result = typeof answer === 'function' ? await answer(call) : answer;
    if (result instanceof Error) throw result;
    return result;
  };
}

interface Failure {
  readonly error: EndpointError;
  readonly record: ConsentRecord;
  readonly willRetry: boolean;
}

function start(
  answers: FetchAnswer[],
  options: {store?: KeyValueStore; policy?: BackoffPolicy; random?: () => number} = {},
) {
  const fake = fakeFetch(...answers);
  const store = options.store ?? memoryStore();
  const saved: ConsentReceipt[] = [];
  const failed: Failure[] = [];
  /** Both listener calls, in the order they came. */
  const log: string[] = [];
  const delivery = new ConsentDelivery({
    endpoint: {url: ENDPOINT_URL, credentials: 'same-origin', fetch: fake.fetch},
    store,
    listener: {
      onSaved: (receipt) => {
        saved.push(receipt);
        log.push(`saved ${receipt.record.recordId}`);
      },
      onFailed: (error, rec, willRetry) => {
        failed.push({error, record: rec, willRetry});
        log.push(`failed ${rec.recordId} ${error.status} ${willRetry ? 'retry' : 'final'}`);
      },
    },
    policy: options.policy ?? FAST,
    random: options.random ?? (() => 0.5),
  });
  cleanups.push(() => delivery.dispose());
  return {
    delivery,
    store,
    calls: fake.calls,
    saved,
    failed,
    log,
    keys: () => fake.calls.map(keyOf),
    outbox: () => readOutbox(store),
  };
}

const until = (predicate: () => boolean, message: string) =>
  waitUntil(predicate, message, {timeout: 3_000, interval: 2});

describe('ConsentDelivery', () => {
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    // Let a send still in flight settle and give the Web Lock back before the next test.
    await aTimeout(10);
  });

  describe('a successful send', () => {
    const rows: {name: string; answer: FetchAnswer; expectedReceiptId?: string}[] = [
      {name: '201 with a receipt', answer: created},
      {
        name: '200 for a replayed key',
        answer: (call) => jsonResponse(200, receiptFor(bodyOf(call))),
      },
      {
        name: '201 with a bare record',
        answer: (call) => jsonResponse(201, bodyOf(call)),
        expectedReceiptId: 'record id',
      },
      {
        name: '201 with an unreadable body',
        answer: () => textResponse(201, 'stored'),
        expectedReceiptId: 'record id',
      },
    ];
    for (const {name, answer, expectedReceiptId} of rows) {
      it(`${name}: onSaved once with the receipt, outbox empty`, async () => {
        const t = start([answer]);
        const rec = record({changed: ['analytics'], choices: {...CHOICES, analytics: 'granted'}});
        t.delivery.send(rec);
        await until(() => t.saved.length > 0, 'onSaved');
        await aTimeout(QUIET_MS);

        expect(t.calls).to.have.length(1);
        const [call] = t.calls;
        expect(call!.url).to.equal(new URL(ENDPOINT_URL, document.baseURI).href);
        expect(call!.init.method).to.equal('POST');
        expect(call!.init.credentials).to.equal('same-origin');
        expect(keyOf(call!)).to.equal(rec.recordId);
        expect(bodyOf(call!)).to.deep.equal(rec);

        expect(t.saved).to.have.length(1);
        expect(t.saved[0]!.receiptId).to.equal(
          expectedReceiptId === 'record id' ? rec.recordId : `rcpt-${rec.recordId}`,
        );
        expect(t.saved[0]!.record).to.deep.equal(rec);
        expect(t.failed).to.deep.equal([]);
        expect(t.outbox()).to.deep.equal([]);
        expect(t.store.getItem(OUTBOX_KEY)).to.equal(null);
        expect(t.delivery.hasPending(SUBJECT)).to.be.false;
      });
    }

    it('keeps the record in the outbox until the endpoint answers', async () => {
      const held = gate();
      const t = start([heldBy(held)]);
      const rec = record();
      t.delivery.send(rec);
      expect(t.delivery.hasPending(SUBJECT), 'pending at once').to.be.true;
      await until(() => t.calls.length === 1, 'the request');
      expect(t.outbox().map((entry) => [entry.record.recordId, entry.attempts])).to.deep.equal([
        [rec.recordId, 1],
      ]);
      expect(t.saved).to.deep.equal([]);

      held.open();
      await until(() => t.saved.length === 1, 'onSaved');
      expect(t.delivery.hasPending(SUBJECT)).to.be.false;
    });
  });

  describe('retryable failures', () => {
    const rows: {name: string; failure: () => FetchAnswer; status: number | undefined}[] = [
      {
        name: 'a network failure',
        failure: () => new TypeError('Failed to fetch'),
        status: undefined,
      },
      {name: '408', failure: () => () => textResponse(408, 'Request Timeout'), status: 408},
      {name: '429', failure: () => () => textResponse(429, 'Too Many Requests'), status: 429},
      {name: '500', failure: () => () => textResponse(500, null), status: 500},
      {
        name: '502',
        failure: () => () => textResponse(502, '<html>Bad Gateway</html>'),
        status: 502,
      },
      {name: '503', failure: unavailable, status: 503},
      {name: '504', failure: () => () => textResponse(504, null), status: 504},
    ];
    for (const {name, failure, status} of rows) {
      it(`${name} ×3 then 201: four requests under one key, three retries, saved once`, async () => {
        const t = start([failure(), failure(), failure(), created]);
        const rec = record();
        t.delivery.send(rec);
        await until(() => t.saved.length > 0, 'onSaved');
        await aTimeout(QUIET_MS);

        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId, rec.recordId, rec.recordId]);
        expect(t.calls.map((call) => bodyOf(call))).to.deep.equal([rec, rec, rec, rec]);
        expect(t.failed.map((f) => [f.record.recordId, f.error.status, f.willRetry])).to.deep.equal(
          [
            [rec.recordId, status, true],
            [rec.recordId, status, true],
            [rec.recordId, status, true],
          ],
        );
        expect(t.failed.every((f) => f.error.isRetryable)).to.be.true;
        expect(t.log.at(-1)).to.equal(`saved ${rec.recordId}`);
        expect(t.saved.map((receipt) => receipt.record)).to.deep.equal([rec]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('keeps a failed record in the outbox while it waits', async () => {
      const t = start([unavailable()], {policy: SLOW});
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length === 1, 'onFailed');
      const [waiting] = t.outbox();
      expect(waiting?.record).to.deep.equal(rec);
      expect(waiting?.attempts).to.equal(1);
      expect(waiting!.notBefore).to.be.above(Date.now() + 10_000);
      expect(t.delivery.hasPending(SUBJECT)).to.be.true;
    });
  });

  describe('Retry-After', () => {
    const rows: {name: string; retryAfter: string; minGapMs: number; maxGapMs: number}[] = [
      // random 0: no jitter, so the gap is the Retry-After alone.
      {name: '429 with Retry-After: 0 retries at once', retryAfter: '0', minGapMs: 0, maxGapMs: 40},
      {
        name: '429 with Retry-After: 1 waits, capped at maxRetryAfterMs (50 ms)',
        retryAfter: '1',
        minGapMs: 49,
        maxGapMs: 900,
      },
      {
        name: '503 with an HTTP-date Retry-After an hour ahead waits only the cap',
        retryAfter: new Date(Date.now() + 3_600_000).toUTCString(),
        minGapMs: 49,
        maxGapMs: 900,
      },
    ];
    for (const {name, retryAfter, minGapMs, maxGapMs} of rows) {
      it(name, async () => {
        const times: number[] = [];
        const status = name.startsWith('503') ? 503 : 429;
        const t = start(
          [
            () => {
              times.push(performance.now());
              return textResponse(status, null, {'Retry-After': retryAfter});
            },
            (call) => {
              times.push(performance.now());
              return jsonResponse(201, receiptFor(bodyOf(call)));
            },
          ],
          {random: () => 0},
        );
        const rec = record();
        t.delivery.send(rec);
        await until(() => t.saved.length > 0, 'onSaved');

        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
        expect(t.failed.map((f) => [f.error.status, f.willRetry])).to.deep.equal([[status, true]]);
        const gap = times[1]! - times[0]!;
        expect(gap).to.be.at.least(minGapMs).and.below(maxGapMs);
        expect(t.saved).to.have.length(1);
      });
    }
  });

  describe('refused records', () => {
    const rows: {status: number}[] = [
      {status: 400},
      {status: 401},
      {status: 403},
      {status: 404},
      {status: 409},
      {status: 413},
      {status: 422},
    ];
    for (const {status} of rows) {
      it(`${status}: one request, onFailed without retry, outbox empty`, async () => {
        const t = start([
          () => jsonResponse(status, {error: {message: `Refused with ${status}.`}}),
        ]);
        const rec = record();
        t.delivery.send(rec);
        await until(() => t.failed.length > 0, 'onFailed');
        await aTimeout(QUIET_MS);

        expect(t.calls).to.have.length(1);
        expect(t.failed).to.have.length(1);
        expect(t.failed[0]!.willRetry).to.be.false;
        expect(t.failed[0]!.error.status).to.equal(status);
        expect(t.failed[0]!.error.message).to.equal(`Refused with ${status}.`);
        expect(t.failed[0]!.record).to.deep.equal(rec);
        expect(t.saved).to.deep.equal([]);
        expect(t.outbox()).to.deep.equal([]);
        expect(t.delivery.hasPending(SUBJECT)).to.be.false;
      });
    }

    it('422, then retry(record) offers it again under the same key', async () => {
      const t = start([() => textResponse(422, 'Unknown purpose'), created]);
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length > 0, 'onFailed');
      expect(t.calls).to.have.length(1);

      t.delivery.retry(t.failed[0]!.record);
      await until(() => t.saved.length > 0, 'onSaved');
      await aTimeout(QUIET_MS);

      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
      expect(bodyOf(t.calls[1]!)).to.deep.equal(rec);
      expect(t.log).to.deep.equal([`failed ${rec.recordId} 422 final`, `saved ${rec.recordId}`]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('retry(record) does not offer a refused record when a newer one waits', async () => {
      const newerHeld = gate();
      const t = start([() => textResponse(422, 'Unknown purpose'), heldBy(newerHeld)]);
      const refused = record();
      t.delivery.send(refused);
      await until(() => t.failed.length > 0, 'onFailed');
      const newer = record({changed: ['ads'], choices: {...CHOICES, ads: 'granted'}});
      t.delivery.send(newer);
      await until(() => t.calls.length === 2, 'the newer record');

      t.delivery.retry(refused);
      newerHeld.open();
      await until(() => t.saved.length > 0, 'onSaved');
      await aTimeout(QUIET_MS);

      expect(t.keys()).to.deep.equal([refused.recordId, newer.recordId]);
      expect(t.saved.map((receipt) => receipt.record.recordId)).to.deep.equal([newer.recordId]);
    });

    it('a refused record does not hold up the next one', async () => {
      const t = start([() => textResponse(422, 'Unknown purpose'), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      t.delivery.send(first);
      t.delivery.send(second);
      await until(() => t.saved.length > 0, 'onSaved');

      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.log).to.deep.equal([
        `failed ${first.recordId} 422 final`,
        `saved ${second.recordId}`,
      ]);
    });
  });

  describe('order', () => {
    it('sends the second record only after the first is acknowledged', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      t.delivery.send(first);
      t.delivery.send(second);
      await until(() => t.calls.length === 1, 'the first request');
      await aTimeout(QUIET_MS);
      expect(t.keys(), 'the second waits for the first answer').to.deep.equal([first.recordId]);

      firstHeld.open();
      await until(() => t.saved.length === 2, 'both saved');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.saved.map((receipt) => receipt.record.recordId)).to.deep.equal([
        first.recordId,
        second.recordId,
      ]);
    });

    it('a retried first record still goes before the second', async () => {
      const t = start([unavailable(), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      t.delivery.send(first);
      t.delivery.send(second);
      await until(() => t.saved.length === 2, 'both saved');

      expect(t.keys()).to.deep.equal([first.recordId, first.recordId, second.recordId]);
      expect(t.log).to.deep.equal([
        `failed ${first.recordId} 503 retry`,
        `saved ${first.recordId}`,
        `saved ${second.recordId}`,
      ]);
    });

    it('a change made while one is in flight goes after it, under its own key', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const first = record({changed: ['ads'], choices: {...CHOICES, ads: 'granted'}});
      t.delivery.send(first);
      await until(() => t.calls.length === 1, 'the first request');
      const second = record({
        changed: ['analytics'],
        choices: {...CHOICES, ads: 'granted', analytics: 'granted'},
      });
      t.delivery.send(second);

      firstHeld.open();
      await until(() => t.saved.length === 2, 'both saved');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(bodyOf(t.calls[1]!)).to.deep.equal(second);
    });
  });

  describe('coalescing', () => {
    /** Toggles analytics, ads, analytics… from CHOICES; record n carries the state after n. */
    function toggles(count: number): ConsentRecord[] {
      const records: ConsentRecord[] = [];
      let state: Choices = CHOICES;
      for (let n = 1; n <= count; n++) {
        const id = n % 2 === 1 ? 'analytics' : 'ads';
        state = {...state, [id]: state[id] === 'granted' ? 'denied' : 'granted'};
        records.push(record({choices: state, changed: [id]}));
      }
      return records;
    }

    it('seven rapid toggles with the first in flight: two requests, the last the final state', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const [first, ...rest] = toggles(7);
      t.delivery.send(first!);
      await until(() => t.calls.length === 1, 'the first request');
      for (const rec of rest) t.delivery.send(rec);

      firstHeld.open();
      await until(() => t.saved.length === 2, 'both saved');
      await aTimeout(QUIET_MS);

      const last = rest.at(-1)!;
      expect(t.calls).to.have.length(2);
      expect(bodyOf(t.calls[0]!)).to.deep.equal(first);
      expect(bodyOf(t.calls[1]!)).to.deep.equal({...last, changed: ['analytics', 'ads']});
      expect(keyOf(t.calls[1]!)).to.equal(last.recordId);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('toggles made before the first request goes fold into one request', async () => {
      const t = start([created]);
      const records = toggles(4);
      for (const rec of records) t.delivery.send(rec);
      await until(() => t.saved.length > 0, 'onSaved');
      await aTimeout(QUIET_MS);

      const last = records.at(-1)!;
      expect(t.calls).to.have.length(1);
      expect(bodyOf(t.calls[0]!)).to.deep.equal({...last, changed: ['analytics', 'ads']});
      expect(t.saved).to.have.length(1);
    });

    it('a toggle made while a record waits for a retry keeps the retried one apart', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const [first, second] = toggles(2);
      t.delivery.send(first!);
      await until(() => t.failed.length === 1, 'onFailed');
      t.delivery.send(second!);
      expect(t.outbox().map((entry) => entry.record.recordId)).to.deep.equal([
        first!.recordId,
        second!.recordId,
      ]);
    });
  });

  describe('resume()', () => {
    const rows: {name: string; attempts: number; notBeforeFromNow: number}[] = [
      {name: 'a never-attempted record', attempts: 0, notBeforeFromNow: -60_000},
      {name: 'a record that failed twice, due', attempts: 2, notBeforeFromNow: -1},
      {name: 'a record still waiting a little', attempts: 1, notBeforeFromNow: 30},
    ];
    for (const {name, attempts, notBeforeFromNow} of rows) {
      it(`sends ${name} left by a previous page`, async () => {
        const store = memoryStore();
        const rec = record();
        writeOutbox(store, [{record: rec, attempts, notBefore: Date.now() + notBeforeFromNow}]);
        const t = start([created], {store});
        await aTimeout(20);
        expect(t.calls, 'nothing before resume()').to.have.length(0);

        t.delivery.resume();
        await until(() => t.saved.length > 0, 'onSaved');
        expect(t.keys()).to.deep.equal([rec.recordId]);
        expect(bodyOf(t.calls[0]!)).to.deep.equal(rec);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('sends several left records in their order', async () => {
      const store = memoryStore();
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      writeOutbox(store, [
        {record: first, attempts: 1, notBefore: 0},
        {record: second, attempts: 0, notBefore: 0},
      ]);
      const t = start([created], {store});
      t.delivery.resume();
      await until(() => t.saved.length === 2, 'both saved');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
    });

    it('sends nothing when nothing was left', async () => {
      const t = start([created]);
      t.delivery.resume();
      await aTimeout(QUIET_MS);
      expect(t.calls).to.have.length(0);
    });
  });

  describe('leaving the page', () => {
    it('pagehide sends a waiting record at once with keepalive, under its key', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length === 1, 'onFailed');

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.saved.length > 0, 'onSaved');

      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
      expect(t.calls[0]!.init.keepalive, 'the first send').to.not.equal(true);
      expect(t.calls[1]!.init.keepalive).to.equal(true);
      expect(t.calls[1]!.init.method).to.equal('POST');
      expect(bodyOf(t.calls[1]!)).to.deep.equal(rec);
      expect(t.saved.map((receipt) => receipt.record)).to.deep.equal([rec]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('pagehide sends every pending record with keepalive, in order', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      t.delivery.send(first);
      t.delivery.send(second);
      await until(() => t.failed.length === 1, 'onFailed');
      expect(t.calls, 'the second waits behind the first').to.have.length(1);

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.saved.length === 2, 'both saved');

      const sentOnLeaving = t.calls.slice(1);
      expect(sentOnLeaving.map(keyOf)).to.deep.equal([first.recordId, second.recordId]);
      expect(sentOnLeaving.map((call) => call.init.keepalive)).to.deep.equal([true, true]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('a failed keepalive send keeps the record for the next page', async () => {
      const t = start([unavailable()], {policy: SLOW});
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length === 1, 'onFailed');

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.calls.length === 2, 'the keepalive request');
      await aTimeout(QUIET_MS);

      expect(t.calls[1]!.init.keepalive).to.equal(true);
      expect(t.outbox().map((entry) => entry.record)).to.deep.equal([rec]);
      expect(t.saved).to.deep.equal([]);
    });

    it('pagehide with nothing pending sends nothing', async () => {
      const t = start([created]);
      window.dispatchEvent(new Event('pagehide'));
      await aTimeout(QUIET_MS);
      expect(t.calls).to.have.length(0);
    });

    describe('visibilitychange', () => {
      afterEach(() => {
        // Drops the own property that shadowed Document.prototype's getter.
        Reflect.deleteProperty(document, 'visibilityState');
      });

      const rows: {state: DocumentVisibilityState; sends: boolean}[] = [
        {state: 'hidden', sends: true},
        {state: 'visible', sends: false},
      ];
      for (const {state, sends} of rows) {
        it(`to ${state} ${sends ? 'sends' : 'does not send'} a waiting record`, async () => {
          const t = start([unavailable(), created], {policy: SLOW});
          const rec = record();
          t.delivery.send(rec);
          await until(() => t.failed.length === 1, 'onFailed');

          Object.defineProperty(document, 'visibilityState', {configurable: true, value: state});
          document.dispatchEvent(new Event('visibilitychange'));
          await aTimeout(QUIET_MS);

          if (sends) {
            expect(t.calls).to.have.length(2);
            expect(t.calls[1]!.init.keepalive).to.equal(true);
            expect(keyOf(t.calls[1]!)).to.equal(rec.recordId);
            expect(t.saved).to.have.length(1);
          } else {
            expect(t.calls).to.have.length(1);
            expect(t.saved).to.have.length(0);
          }
        });
      }
    });

    const orderRows: {name: string; firstAnswered: 'keepalive' | 'normal'}[] = [
      {name: 'the keepalive answer first', firstAnswered: 'keepalive'},
      {name: 'the normal answer first', firstAnswered: 'normal'},
    ];
    for (const {name, firstAnswered} of orderRows) {
      it(`onSaved fires once when the keepalive and the normal send both succeed (${name})`, async () => {
        const keepaliveHeld = gate();
        const normalHeld = gate();
        const answer: FetchAnswer = (call) =>
          heldBy(call.init.keepalive ? keepaliveHeld : normalHeld)(call);
        const t = start([answer]);
        const rec = record();
        t.delivery.send(rec);
        window.dispatchEvent(new Event('pagehide'));
        await until(() => t.calls.length === 2, 'both requests');
        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
        expect(t.calls.map((call) => call.init.keepalive === true).sort()).to.deep.equal([
          false,
          true,
        ]);

        (firstAnswered === 'keepalive' ? keepaliveHeld : normalHeld).open();
        await until(() => t.saved.length === 1, 'onSaved');
        (firstAnswered === 'keepalive' ? normalHeld : keepaliveHeld).open();
        await aTimeout(QUIET_MS);

        expect(t.saved).to.have.length(1);
        expect(t.saved[0]!.record).to.deep.equal(rec);
        expect(t.failed).to.deep.equal([]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('a record the keepalive send saved is not reported failed when its normal send fails', async () => {
      const keepaliveHeld = gate();
      const normalHeld = gate();
      const answer: FetchAnswer = (call) =>
        call.init.keepalive ? heldBy(keepaliveHeld)(call) : heldBy(normalHeld, unavailable())(call);
      const t = start([answer]);
      const rec = record();
      t.delivery.send(rec);
      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.calls.length === 2, 'both requests');

      keepaliveHeld.open();
      await until(() => t.saved.length === 1, 'onSaved');
      normalHeld.open();
      await aTimeout(QUIET_MS);

      expect(t.log).to.deep.equal([`saved ${rec.recordId}`]);
      expect(t.outbox()).to.deep.equal([]);
    });
  });

  it('a record in flight with keepalive is not folded into a later change', async () => {
    // The tab is hidden and shown again (switching tabs) while a0 waits for a retry: a0 and a1
    // go out with keepalive; a toggle made before their answers must not fold a1, which the
    // endpoint is storing under its own key.
    const keepaliveHeld = gate();
    const answer: FetchAnswer = (call) =>
      call.init.keepalive ? heldBy(keepaliveHeld)(call) : unavailable()();
    const t = start([answer], {policy: SLOW});
    const a0 = record({changed: ['ads'], choices: {...CHOICES, ads: 'granted'}});
    const a1 = record({
      changed: ['analytics'],
      choices: {...CHOICES, ads: 'granted', analytics: 'granted'},
    });
    const a2 = record({
      changed: ['ads'],
      choices: {...CHOICES, ads: 'denied', analytics: 'granted'},
    });
    t.delivery.send(a0);
    await until(() => t.failed.length === 1, 'onFailed');
    t.delivery.send(a1);
    Object.defineProperty(document, 'visibilityState', {configurable: true, value: 'hidden'});
    document.dispatchEvent(new Event('visibilitychange'));
    Reflect.deleteProperty(document, 'visibilityState');
    await until(() => t.calls.length === 3, 'the keepalive requests');
    expect(t.keys().slice(1)).to.deep.equal([a0.recordId, a1.recordId]);

    t.delivery.send(a2);
    keepaliveHeld.open();
    await until(() => t.saved.length >= 1, 'onSaved');
    await aTimeout(QUIET_MS);

    expect(t.saved.map((receipt) => receipt.record.recordId)).to.deep.equal([
      a0.recordId,
      a1.recordId,
    ]);
    expect(t.outbox().map((entry) => entry.record)).to.deep.equal([a2]);
  });

  describe('going again at once', () => {
    it('an online event makes a waiting retry go at once', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length === 1, 'onFailed');
      await aTimeout(QUIET_MS);
      expect(t.calls, 'waiting about a minute').to.have.length(1);

      window.dispatchEvent(new Event('online'));
      await until(() => t.saved.length > 0, 'onSaved');
      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
      expect(t.calls[1]!.init.keepalive).to.not.equal(true);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('retry() without a record makes a waiting retry go at once', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length === 1, 'onFailed');

      t.delivery.retry(undefined);
      await until(() => t.saved.length > 0, 'onSaved');
      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
    });
  });

  describe('storage that cannot be written', () => {
    /** Reads work, writes throw: `localStorage` past its quota. */
    function fullStore(): KeyValueStore {
      const store = memoryStore();
      return {
        ...store,
        setItem: () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
      };
    }

    it('still sends the record from this page', async () => {
      const t = start([created], {store: fullStore()});
      const rec = record();
      t.delivery.send(rec);
      await aTimeout(QUIET_MS);
      expect(t.keys()).to.deep.equal([rec.recordId]);
      expect(t.saved).to.have.length(1);
    });
  });

  describe('dispose()', () => {
    it('stops the retries of a waiting record', async () => {
      const t = start([unavailable()], {policy: MEDIUM});
      t.delivery.send(record());
      await until(() => t.failed.length === 1, 'onFailed');
      t.delivery.dispose();
      await aTimeout(QUIET_MS * 2);
      expect(t.calls).to.have.length(1);
      expect(t.failed).to.have.length(1);
    });

    it('stops sends on online, pagehide, resume() and send()', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length === 1, 'onFailed');
      t.delivery.dispose();

      window.dispatchEvent(new Event('online'));
      window.dispatchEvent(new Event('pagehide'));
      t.delivery.resume();
      t.delivery.retry(undefined);
      t.delivery.send(record({subject: OTHER_SUBJECT}));
      await aTimeout(QUIET_MS);

      expect(t.calls).to.have.length(1);
      expect(t.saved).to.deep.equal([]);
    });

    it('leaves the pending records in storage for the next page, which waits their turn', async () => {
      const t = start([unavailable()], {policy: MEDIUM});
      const rec = record();
      t.delivery.send(rec);
      await until(() => t.failed.length === 1, 'onFailed');
      t.delivery.dispose();

      const [waiting] = t.outbox();
      expect(waiting?.attempts).to.equal(1);

      const next = start([created], {store: t.store});
      next.delivery.resume();
      await until(() => next.saved.length > 0, 'onSaved on the next page');
      expect(next.keys()).to.deep.equal([rec.recordId]);
      expect(Date.now(), 'not before the wait was over').to.be.at.least(waiting!.notBefore);
      expect(t.calls, 'nothing more from the disposed one').to.have.length(1);
    });
  });
});
