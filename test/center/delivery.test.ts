/**
 * ConsentDelivery over the real shared store (IndexedDB where persistence or two tabs matter,
 * the page-only store elsewhere) and a scripted fetch. What is asserted is what a site owner
 * observes: the requests that reached the endpoint, and how each record settled in the state
 * every tab reads.
 */
import {aTimeout, expect, waitUntil} from '@open-wc/testing';
import {ConsentDelivery} from '../../src/center/delivery.js';
import {openSharedStore, pageOnlyStore, type SharedStore} from '../../src/center/shared-store.js';
import {DECISION_KEY, memoryStore} from '../../src/browser/storage.js';
import type {PurposeConfig} from '../../src/core/config.js';
import type {Choices} from '../../src/core/consent.js';
import {enqueue, type BackoffPolicy, type OutboxEntry} from '../../src/core/outbox.js';
import type {ConsentReceipt, ConsentRecord} from '../../src/core/protocol.js';
import {decide, type Settlement, type SharedState} from '../../src/core/shared-state.js';
import {purpose} from '../fixtures/purpose.js';
import {CHOICES, consentRecord, OTHER_SUBJECT, SUBJECT} from '../fixtures/record.js';
import {
  fakeFetch,
  jsonResponse,
  textResponse,
  type FetchAnswer,
  type FetchCall,
} from '../support/fake-fetch.js';

const ENDPOINT_URL = '/api/consent';
const DB_NAME = 'privacy-preferences';

/** Tiny waits, so retries happen within a test. */
const FAST: BackoffPolicy = {baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50};
/** Waits of about a minute: a retry that goes within a test was sent early on purpose. */
const SLOW: BackoffPolicy = {baseDelayMs: 60_000, maxDelayMs: 60_000, maxRetryAfterMs: 60_000};
/** A 20 ms wait (random 0.5): long enough to act between a failure and its retry. */
const MEDIUM: BackoffPolicy = {baseDelayMs: 40, maxDelayMs: 40, maxRetryAfterMs: 40};
/** Longer than any FAST or MEDIUM wait, to see that nothing more happens. */
const QUIET_MS = 80;

const PURPOSES: readonly PurposeConfig[] = [
  purpose('essential', {required: true, legalBasis: 'contract', default: 'granted'}),
  purpose('analytics'),
  purpose('ads'),
];

let nextId = 1;

/** A record as a tab makes it; every record gets its own id (the Idempotency-Key). */
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

const RECORDED_AT = '2026-11-23T06:00:00.412Z';

function receiptFor(rec: ConsentRecord): ConsentReceipt {
  return {receiptId: `rcpt-${rec.recordId}`, recordedAt: RECORDED_AT, record: rec};
}

/** The endpoint storing the record it was sent. */
const created: FetchAnswer = (call) => jsonResponse(201, receiptFor(bodyOf(call)));
const unavailable = (): FetchAnswer => () => textResponse(503, 'Service Unavailable');

function saved(rec: ConsentRecord, coveredIds: readonly string[] = []): Settlement {
  return {
    outcome: 'saved',
    recordIds: [rec.recordId, ...coveredIds],
    record: rec,
    receiptId: `rcpt-${rec.recordId}`,
    recordedAt: RECORDED_AT,
  };
}

/** A response as fetch gives it after `redirect: 'manual'` met a redirect. */
function opaqueRedirect(): Response {
  const response = new Response(null, {status: 200});
  for (const [name, value] of Object.entries({type: 'opaqueredirect', status: 0, ok: false})) {
    Object.defineProperty(response, name, {value});
  }
  return response;
}

/** A response fetch reached by following a redirect (as a proxy or a service worker may). */
function redirected(response: Response): Response {
  Object.defineProperty(response, 'redirected', {value: true});
  return response;
}

/** A promise the test resolves when it chooses, e.g. to hold an answer back. */
interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

const gates: Gate[] = [];
const deliveries: ConsentDelivery[] = [];
const stores: SharedStore[] = [];

function gate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const result = {opened, open: () => open()};
  // A held answer would keep the Web Lock, and every later test would wait for it.
  gates.push(result);
  return result;
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

/** The shared store in IndexedDB, as a tab opens it. */
async function persistentStore(): Promise<SharedStore> {
  const store = await openSharedStore({mirror: memoryStore()});
  expect(store.isPersistent, 'IndexedDB works in the test browser').to.be.true;
  stores.push(store);
  return store;
}

/** Writes an outbox straight into the database, as an earlier page (or anyone) left it. */
async function leaveOutbox(outbox: unknown[]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('state');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const transaction = db.transaction('state', 'readwrite');
  transaction.objectStore('state').put(outbox, 'outbox');
  await new Promise((resolve) => (transaction.oncomplete = resolve));
  db.close();
}

/** Counts the store's updates: a delivery spinning without sending shows up here. */
function counted(store: SharedStore): {store: SharedStore; updates: () => number} {
  let updates = 0;
  return {
    updates: () => updates,
    store: {
      get isPersistent() {
        return store.isPersistent;
      },
      get cached() {
        return store.cached;
      },
      read: () => store.read(),
      update: (change) => {
        updates++;
        return store.update(change);
      },
      subscribe: (listener) => store.subscribe(listener),
      close: () => store.close(),
    },
  };
}

function start(
  answers: FetchAnswer[],
  options: {store?: SharedStore; policy?: BackoffPolicy; random?: () => number} = {},
) {
  const fake = fakeFetch(...answers);
  const store = options.store ?? pageOnlyStore(memoryStore());
  const delivery = new ConsentDelivery({
    endpoint: {url: ENDPOINT_URL, credentials: 'same-origin', fetch: fake.fetch},
    store,
    policy: options.policy ?? FAST,
    random: options.random ?? (() => 0.5),
  });
  deliveries.push(delivery);
  /** Puts a record in the shared outbox, as a tab's decision does. */
  const queue = (rec: ConsentRecord) =>
    store.update((state) => ({
      state: {...state, outbox: enqueue(state.outbox, rec, Date.now())},
      result: undefined,
    }));
  return {
    delivery,
    store,
    calls: fake.calls,
    keys: () => fake.calls.map(keyOf),
    queue,
    /** Queues a record and asks for delivery, as the session does after a decision. */
    async send(rec: ConsentRecord) {
      await queue(rec);
      delivery.send();
    },
    outbox: (): SharedState['outbox'] => store.cached.outbox,
    settled: (): SharedState['settled'] => store.cached.settled,
  };
}

const until = (predicate: () => boolean, message: string) =>
  waitUntil(predicate, message, {timeout: 3_000, interval: 2});

/** Makes the document say it is hidden (or visible) and tells the page. */
function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', {configurable: true, value: state});
  document.dispatchEvent(new Event('visibilitychange'));
  // Drops the own property that shadowed Document.prototype's getter.
  Reflect.deleteProperty(document, 'visibilityState');
}

describe('ConsentDelivery', () => {
  afterEach(async () => {
    for (const held of gates.splice(0)) held.open();
    // Disposing sends what is due once more: it must not outlive the test.
    await Promise.all(deliveries.splice(0).map((delivery) => delivery.dispose()));
    for (const store of stores.splice(0)) store.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(DB_NAME).onsuccess = resolve));
    localStorage.removeItem(DECISION_KEY);
  });

  describe('an acknowledged record', () => {
    const rows: {
      name: string;
      answer: FetchAnswer;
      /** What the endpoint's answer said; undefined: nothing, and nothing is made up. */
      receiptId: (rec: ConsentRecord) => string | undefined;
      recordedAt: string | undefined;
    }[] = [
      {
        name: '201 with a receipt',
        answer: created,
        receiptId: (rec) => `rcpt-${rec.recordId}`,
        recordedAt: RECORDED_AT,
      },
      {
        name: '200 for a replayed key',
        answer: (call) => jsonResponse(200, receiptFor(bodyOf(call))),
        receiptId: (rec) => `rcpt-${rec.recordId}`,
        recordedAt: RECORDED_AT,
      },
      {
        name: '201 {}',
        answer: () => jsonResponse(201, {}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '204 with no body',
        answer: () => new Response(null, {status: 204}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '200 with an empty body',
        answer: () => new Response('', {status: 200}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '201 with the bare record (no receipt)',
        answer: (call) => jsonResponse(201, bodyOf(call)),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '201 with a malformed receipt id and time',
        answer: () => jsonResponse(201, {receiptId: 'has spaces', recordedAt: 'just now'}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
    ];
    for (const row of rows) {
      it(`${row.name}: one request, saved with exactly what the endpoint said`, async () => {
        const t = start([row.answer]);
        const before = Date.now();
        // A real decision, so that the decision's own receipt can be checked too.
        const rec = await t.store.update((state) => {
          const outcome = decide(state, {
            recordId: crypto.randomUUID(),
            subject: SUBJECT,
            policyVersion: '2026-11-01',
            purposes: PURPOSES,
            shown: CHOICES,
            decided: {analytics: 'granted'},
            method: 'toggle',
            locale: 'ja',
            gpc: false,
            at: Date.now(),
            isDelivered: true,
          });
          return {state: outcome.state, result: outcome.record};
        });
        t.delivery.send();
        await until(() => t.settled().length > 0, 'settled');
        await aTimeout(QUIET_MS);
        const after = Date.now();

        expect(t.calls).to.have.length(1);
        const [call] = t.calls;
        expect(call!.url).to.equal(new URL(ENDPOINT_URL, document.baseURI).href);
        expect(call!.init.method).to.equal('POST');
        expect(call!.init.credentials).to.equal('same-origin');
        expect(call!.init.redirect).to.equal('manual');
        expect(call!.init.keepalive).to.not.equal(true);
        expect(call!.headers.get('Content-Type')).to.equal('application/json');
        expect(keyOf(call!)).to.equal(rec.recordId);
        expect(bodyOf(call!)).to.deep.equal(rec);

        const receiptId = row.receiptId(rec);
        expect(t.settled()).to.deep.equal([
          {
            outcome: 'saved',
            recordIds: [rec.recordId],
            record: rec,
            receiptId,
            recordedAt: row.recordedAt,
          },
        ]);
        expect(t.outbox()).to.deep.equal([]);
        const decision = t.store.cached.decision!;
        expect(decision.receiptId, 'the receipt id is only ever the endpoint’s').to.equal(
          receiptId,
        );
        expect(decision.recordedAt).to.equal(row.recordedAt);
        if (row.recordedAt) {
          expect(decision.savedAt).to.equal(row.recordedAt);
        } else {
          const savedAt = Date.parse(decision.savedAt!);
          expect(savedAt, 'saved when this browser heard the answer')
            .to.be.at.least(before)
            .and.at.most(after);
        }
      });
    }

    it('stays in the outbox, claimed, until the endpoint answers', async () => {
      const held = gate();
      const t = start([heldBy(held)]);
      const rec = record();
      await t.send(rec);
      await until(() => t.calls.length === 1, 'the request');
      expect(t.outbox().map((entry) => [entry.record.recordId, entry.attempts])).to.deep.equal([
        [rec.recordId, 1],
      ]);
      expect(t.settled()).to.deep.equal([]);

      held.open();
      await until(() => t.settled().length === 1, 'settled');
      expect(t.settled()).to.deep.equal([saved(rec)]);
      expect(t.outbox()).to.deep.equal([]);
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
    for (const {name, failure} of rows) {
      it(`${name} ×3 then 201: four requests under one key, saved once`, async () => {
        const t = start([failure(), failure(), failure(), created]);
        const rec = record();
        await t.send(rec);
        await until(() => t.settled().length > 0, 'settled');
        await aTimeout(QUIET_MS);

        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId, rec.recordId, rec.recordId]);
        expect(t.calls.map((call) => bodyOf(call))).to.deep.equal([rec, rec, rec, rec]);
        expect(t.settled()).to.deep.equal([saved(rec)]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    for (const {name, failure, status} of rows) {
      it(`${name}: waits in the outbox, marked retrying for every tab`, async () => {
        const t = start([failure()], {policy: SLOW});
        const rec = record();
        await t.send(rec);
        await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
        const [waiting] = t.outbox();
        expect(waiting!.record).to.deep.equal(rec);
        expect(waiting!.attempts).to.equal(1);
        expect(waiting!.failure?.kind).to.equal('retrying');
        expect(waiting!.failure?.status).to.equal(status);
        expect(waiting!.failure?.attempt).to.equal(1);
        expect(waiting!.notBefore).to.be.above(Date.now() + 10_000);
        expect(t.settled()).to.deep.equal([]);
        await aTimeout(QUIET_MS);
        expect(t.calls).to.have.length(1);
      });
    }

    it('records what the endpoint said about the failure', async () => {
      const t = start([unavailable()], {policy: SLOW});
      await t.send(record());
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      expect(t.outbox()[0]!.failure).to.deep.equal({
        kind: 'retrying',
        status: 503,
        message: 'Service Unavailable',
        attempt: 1,
      });
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
        await t.send(rec);
        await until(() => t.settled().length > 0, 'settled');

        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
        const gap = times[1]! - times[0]!;
        expect(gap).to.be.at.least(minGapMs).and.below(maxGapMs);
        expect(t.settled()).to.deep.equal([saved(rec)]);
      });
    }
  });

  describe('refused records', () => {
    const rows: {status: number}[] = [
      {status: 400},
      {status: 404},
      {status: 409},
      {status: 413},
      {status: 422},
    ];
    for (const {status} of rows) {
      it(`${status}: one request, settled as refused for every tab, not retried`, async () => {
        const t = start([
          () => jsonResponse(status, {error: {message: `Refused with ${status}.`}}),
        ]);
        const rec = record();
        await t.send(rec);
        await until(() => t.settled().length > 0, 'settled');
        await aTimeout(QUIET_MS);

        expect(t.calls).to.have.length(1);
        expect(t.settled()).to.deep.equal([
          {
            outcome: 'refused',
            recordIds: [rec.recordId],
            record: rec,
            status,
            message: `Refused with ${status}.`,
          },
        ]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('a refused record does not hold up the next one', async () => {
      const t = start([() => textResponse(422, 'Unknown purpose'), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.settled().length === 2, 'both settled');

      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled().map((settlement) => settlement.outcome)).to.deep.equal([
        'refused',
        'saved',
      ]);
    });
  });

  describe('records the endpoint did not acknowledge are held for a later page', () => {
    const redirectMessage =
      'The consent endpoint redirected the request (for example to a sign-in page); the record was not acknowledged.';
    const rows: {
      name: string;
      answer: () => Response;
      status: number | undefined;
      message: string;
    }[] = [
      {
        name: '401 (a signed-in session ended)',
        answer: () => jsonResponse(401, {error: {message: 'Sign in again.'}}),
        status: 401,
        message: 'Sign in again.',
      },
      {
        name: '403',
        answer: () => textResponse(403, 'Forbidden'),
        status: 403,
        message: 'Forbidden',
      },
      {
        name: '302 to a sign-in page',
        answer: () => new Response(null, {status: 302, headers: {Location: '/sign-in'}}),
        status: 302,
        message: redirectMessage,
      },
      {
        name: 'an opaque redirect',
        answer: opaqueRedirect,
        status: undefined,
        message: redirectMessage,
      },
      {
        name: 'a 200 reached through a redirect',
        answer: () => redirected(jsonResponse(200, {receiptId: 'rcpt-sign-in'})),
        status: 200,
        message: redirectMessage,
      },
      {
        name: '200 text/html (a page served for every path)',
        answer: () =>
          textResponse(200, '<!doctype html><title>Shop</title>', {'Content-Type': 'text/html'}),
        status: 200,
        message:
          'The consent endpoint answered 200 with a body that is not JSON; the record was not acknowledged.',
      },
      {
        name: '201 with cut-off JSON',
        answer: () =>
          textResponse(201, '{"receiptId": "rcpt', {'Content-Type': 'application/json'}),
        status: 201,
        message:
          'The consent endpoint answered 201 with a body that is not JSON; the record was not acknowledged.',
      },
    ];
    for (const row of rows) {
      it(`${row.name}: kept and marked held, not retried in this page, sent again by retry()`, async () => {
        // FAST: a retry, if one were scheduled, would go within the quiet wait.
        const t = start([row.answer, created], {policy: FAST});
        const rec = record();
        await t.queue(rec);
        const notBefore = t.outbox()[0]!.notBefore;
        t.delivery.send();
        await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
        await aTimeout(QUIET_MS);

        expect(t.calls).to.have.length(1);
        const held: OutboxEntry = {
          record: rec,
          attempts: 1,
          notBefore,
          failure: {kind: 'held', status: row.status, message: row.message, attempt: 1},
        };
        expect(t.outbox()).to.deep.equal([held]);
        expect(t.settled(), 'neither saved nor refused').to.deep.equal([]);

        t.delivery.send(); // another decision in this page asks for delivery
        await aTimeout(QUIET_MS);
        expect(t.calls, 'not sent again in this page').to.have.length(1);

        await t.delivery.retry(); // "Try again", or the next page load
        await until(() => t.settled().length > 0, 'settled');
        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
        expect(bodyOf(t.calls[1]!)).to.deep.equal(rec);
        expect(t.settled()).to.deep.equal([saved(rec)]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('a held record does not hold up the next one, and stays', async () => {
      const t = start([() => textResponse(401, 'Unauthorized'), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.settled().length === 1, 'the second settled');
      await aTimeout(QUIET_MS);

      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(second)]);
      expect(t.outbox().map((entry) => [entry.record.recordId, entry.failure?.kind])).to.deep.equal(
        [[first.recordId, 'held']],
      );
    });

    it('the network coming back (online) sends a held record again', async () => {
      const t = start([() => textResponse(403, 'Forbidden'), created]);
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure?.kind === 'held', 'held');
      window.dispatchEvent(new Event('online'));
      await until(() => t.settled().length > 0, 'settled');
      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
    });

    it('a record an earlier page held waits for retry() on the next page, then goes', async () => {
      const rec = record();
      await leaveOutbox([
        {
          record: rec,
          attempts: 1,
          notBefore: Date.now() - 60_000,
          failure: {kind: 'held', status: 401, message: 'Sign in again.', attempt: 1},
        },
      ]);
      const t = start([created], {store: await persistentStore()});
      t.delivery.send();
      await aTimeout(QUIET_MS);
      expect(t.calls, 'send() alone leaves it held').to.have.length(0);

      await t.delivery.retry();
      await until(() => t.settled().length > 0, 'settled');
      expect(t.keys()).to.deep.equal([rec.recordId]);
      expect(t.settled()).to.deep.equal([saved(rec)]);
    });
  });

  describe('order', () => {
    it('sends the second record only after the first is acknowledged', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.calls.length === 1, 'the first request');
      await aTimeout(QUIET_MS);
      expect(t.keys(), 'the second waits for the first answer').to.deep.equal([first.recordId]);

      firstHeld.open();
      await until(() => t.settled().length === 2, 'both settled');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second)]);
    });

    it('a retried first record still goes before the second', async () => {
      const t = start([unavailable(), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.settled().length === 2, 'both settled');

      expect(t.keys()).to.deep.equal([first.recordId, first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second)]);
    });

    it('a change made while one is in flight goes after it, under its own key', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const first = record({changed: ['ads'], choices: {...CHOICES, ads: 'granted'}});
      await t.send(first);
      await until(() => t.calls.length === 1, 'the first request');
      const second = record({
        changed: ['analytics'],
        choices: {...CHOICES, ads: 'granted', analytics: 'granted'},
      });
      await t.send(second);

      firstHeld.open();
      await until(() => t.settled().length === 2, 'both settled');
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
      await t.send(first!);
      await until(() => t.calls.length === 1, 'the first request');
      for (const rec of rest) await t.send(rec);

      firstHeld.open();
      await until(() => t.settled().length === 2, 'both settled');
      await aTimeout(QUIET_MS);

      const last = rest.at(-1)!;
      const sentLast = {...last, changed: ['analytics', 'ads']};
      expect(t.calls).to.have.length(2);
      expect(bodyOf(t.calls[0]!)).to.deep.equal(first);
      expect(bodyOf(t.calls[1]!)).to.deep.equal(sentLast);
      expect(keyOf(t.calls[1]!)).to.equal(last.recordId);
      // Every folded record's tab hears that its change was saved.
      const foldedIds = rest
        .slice(0, -1)
        .reverse()
        .map((rec) => rec.recordId);
      expect(t.settled()).to.deep.equal([saved(first!), saved(sentLast, foldedIds)]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('toggles queued before the first request fold into one request', async () => {
      const t = start([created]);
      const records = toggles(4);
      for (const rec of records) await t.queue(rec);
      t.delivery.send();
      await until(() => t.settled().length > 0, 'settled');
      await aTimeout(QUIET_MS);

      const last = records.at(-1)!;
      expect(t.calls).to.have.length(1);
      expect(bodyOf(t.calls[0]!)).to.deep.equal({...last, changed: ['analytics', 'ads']});
      expect(t.settled()[0]!.recordIds).to.deep.equal(
        [...records].reverse().map((rec) => rec.recordId),
      );
    });

    it('a toggle made while a record waits for a retry keeps the retried one apart', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const [first, second] = toggles(2);
      await t.send(first!);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.send(second!);
      expect(t.outbox().map((entry) => entry.record.recordId)).to.deep.equal([
        first!.recordId,
        second!.recordId,
      ]);
    });
  });

  describe('an outbox left by an earlier page (IndexedDB)', () => {
    it('sends the records left, in their order, under their keys', async () => {
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await leaveOutbox([
        {record: first, attempts: 2, notBefore: Date.now() - 1},
        {record: second, attempts: 0, notBefore: 0},
      ]);
      const t = start([created], {store: await persistentStore()});
      t.delivery.send();
      await until(() => t.settled().length === 2, 'both settled');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second)]);
    });

    it('a notBefore far in the future neither blocks the outbox nor spins timers', async () => {
      const stuck = record();
      const next = record({subject: OTHER_SUBJECT});
      await leaveOutbox([
        {record: stuck, attempts: 3, notBefore: Date.now() + 1e12},
        {record: next, attempts: 0, notBefore: 0},
      ]);
      const {store, updates} = counted(await persistentStore());
      const t = start([created], {store});
      t.delivery.send();
      await until(() => t.settled().length === 2, 'both settled');
      const settledAfter = updates();
      await aTimeout(300);

      expect(t.keys()).to.deep.equal([stuck.recordId, next.recordId]);
      expect(updates(), 'no store updates once the outbox is empty').to.equal(settledAfter);
    });

    it('an entry whose notBefore is Infinity is dropped, not waited for', async () => {
      const stuck = record();
      const next = record({subject: OTHER_SUBJECT});
      await leaveOutbox([
        {record: stuck, attempts: 3, notBefore: Number.POSITIVE_INFINITY},
        {record: next, attempts: 0, notBefore: 0},
      ]);
      const t = start([created], {store: await persistentStore()});
      t.delivery.send();
      await until(() => t.settled().length === 1, 'settled');
      await aTimeout(300);
      expect(t.keys()).to.deep.equal([next.recordId]);
    });

    it('a record waiting out a Retry-After waits, with one timer and no busy updates', async () => {
      const waiting = record();
      await leaveOutbox([{record: waiting, attempts: 1, notBefore: Date.now() + 30 * 60_000}]);
      const {store, updates} = counted(await persistentStore());
      const t = start([created], {store});
      t.delivery.send();
      await aTimeout(300);
      expect(t.calls).to.have.length(0);
      expect(updates(), 'one look at the outbox').to.equal(1);

      await t.delivery.retry();
      await until(() => t.settled().length === 1, 'settled');
      expect(t.keys()).to.deep.equal([waiting.recordId]);
    });
  });

  describe('two tabs sharing the outbox', () => {
    it('each record is sent exactly once, whichever tab sends it', async () => {
      const tabA = start([created], {store: await persistentStore()});
      const tabB = start([created], {store: await persistentStore()});
      const records = Array.from({length: 6}, (_, n) => record({subject: `subject-${n}`}));
      await Promise.all(records.map((rec, n) => (n % 2 ? tabA : tabB).queue(rec)));
      tabA.delivery.send();
      tabB.delivery.send();
      await until(
        () => tabA.calls.length + tabB.calls.length === records.length,
        'every record sent',
      );
      await until(() => tabA.store.cached.settled.length === records.length, 'all settled');
      await aTimeout(QUIET_MS);

      const keys = [...tabA.keys(), ...tabB.keys()];
      expect(keys).to.have.length(records.length);
      expect(new Set(keys).size).to.equal(records.length);
      expect((await tabB.store.read()).outbox).to.deep.equal([]);
    });
  });

  describe('leaving the page', () => {
    it('pagehide sends a waiting record at once with keepalive, under its key', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.settled().length > 0, 'settled');

      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
      expect(t.calls[0]!.init.keepalive, 'the first send').to.not.equal(true);
      expect(t.calls[1]!.init.keepalive).to.equal(true);
      expect(t.calls[1]!.init.method).to.equal('POST');
      expect(bodyOf(t.calls[1]!)).to.deep.equal(rec);
      expect(t.settled()).to.deep.equal([saved(rec)]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('pagehide sends every pending record with keepalive, in order, a held one too', async () => {
      const t = start([() => textResponse(401, 'Unauthorized'), unavailable(), created], {
        policy: SLOW,
      });
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      const third = record({subject: 'third-subject'});
      await t.queue(first);
      await t.queue(second);
      await t.send(third);
      await until(() => t.outbox()[1]?.failure !== undefined, 'the second failure');
      await aTimeout(QUIET_MS);
      // The first is held, the second waits a minute, the third waits behind it.
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.settled().length === 3, 'all settled');

      const sentOnLeaving = t.calls.slice(2);
      expect(sentOnLeaving.map(keyOf)).to.deep.equal([
        first.recordId,
        second.recordId,
        third.recordId,
      ]);
      expect(sentOnLeaving.map((call) => call.init.keepalive)).to.deep.equal([true, true, true]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second), saved(third)]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('a failed keepalive send keeps the record for the next page', async () => {
      const t = start([unavailable()], {policy: SLOW});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.calls.length === 2, 'the keepalive request');
      await aTimeout(QUIET_MS);

      expect(t.calls[1]!.init.keepalive).to.equal(true);
      expect(t.outbox().map((entry) => entry.record)).to.deep.equal([rec]);
      expect(t.settled()).to.deep.equal([]);
    });

    it('pagehide with nothing pending sends nothing', async () => {
      const t = start([created]);
      window.dispatchEvent(new Event('pagehide'));
      await aTimeout(QUIET_MS);
      expect(t.calls).to.have.length(0);
    });

    const visibilityRows: {state: DocumentVisibilityState; sends: boolean}[] = [
      {state: 'hidden', sends: true},
      {state: 'visible', sends: false},
    ];
    for (const {state, sends} of visibilityRows) {
      it(`visibilitychange to ${state} ${sends ? 'sends' : 'does not send'} a waiting record`, async () => {
        const t = start([unavailable(), created], {policy: SLOW});
        const rec = record();
        await t.send(rec);
        await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');

        setVisibility(state);
        await aTimeout(QUIET_MS);

        if (sends) {
          expect(t.calls).to.have.length(2);
          expect(t.calls[1]!.init.keepalive).to.equal(true);
          expect(keyOf(t.calls[1]!)).to.equal(rec.recordId);
          expect(t.settled()).to.deep.equal([saved(rec)]);
        } else {
          expect(t.calls).to.have.length(1);
          expect(t.settled()).to.deep.equal([]);
        }
      });
    }

    const orderRows: {name: string; firstAnswered: 'keepalive' | 'normal'}[] = [
      {name: 'the keepalive answer first', firstAnswered: 'keepalive'},
      {name: 'the normal answer first', firstAnswered: 'normal'},
    ];
    for (const {name, firstAnswered} of orderRows) {
      it(`settles once when the keepalive and the normal send both succeed (${name})`, async () => {
        const keepaliveHeld = gate();
        const normalHeld = gate();
        const answer: FetchAnswer = (call) =>
          heldBy(call.init.keepalive ? keepaliveHeld : normalHeld)(call);
        const t = start([answer]);
        const rec = record();
        await t.send(rec);
        await until(() => t.calls.length === 1, 'the normal request');
        window.dispatchEvent(new Event('pagehide'));
        await until(() => t.calls.length === 2, 'both requests');
        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);

        (firstAnswered === 'keepalive' ? keepaliveHeld : normalHeld).open();
        await until(() => t.settled().length === 1, 'settled');
        (firstAnswered === 'keepalive' ? normalHeld : keepaliveHeld).open();
        await aTimeout(QUIET_MS);

        expect(t.settled()).to.deep.equal([saved(rec)]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('a record the keepalive send saved is not marked failed when its normal send fails', async () => {
      const keepaliveHeld = gate();
      const normalHeld = gate();
      const answer: FetchAnswer = (call) =>
        call.init.keepalive ? heldBy(keepaliveHeld)(call) : heldBy(normalHeld, unavailable())(call);
      const t = start([answer]);
      const rec = record();
      await t.send(rec);
      await until(() => t.calls.length === 1, 'the normal request');
      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.calls.length === 2, 'both requests');

      keepaliveHeld.open();
      await until(() => t.settled().length === 1, 'settled');
      normalHeld.open();
      await aTimeout(QUIET_MS);

      expect(t.settled()).to.deep.equal([saved(rec)]);
      expect(t.outbox()).to.deep.equal([]);
      expect(t.calls, 'and not retried').to.have.length(2);
    });

    it('a record in flight with keepalive is not folded into a later change', async () => {
      // The tab is hidden and shown again (switching tabs) while a0 waits for a retry: a0 and
      // a1 go out with keepalive; a toggle made before their answers must not fold a1, which
      // the endpoint is storing under its own key.
      const keepaliveHeld = gate();
      const answer: FetchAnswer = (call) =>
        call.init.keepalive ? heldBy(keepaliveHeld)(call) : textResponse(503, null);
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
      await t.send(a0);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.queue(a1);
      setVisibility('hidden');
      await until(() => t.calls.length === 3, 'the keepalive requests');
      expect(t.keys().slice(1)).to.deep.equal([a0.recordId, a1.recordId]);

      await t.queue(a2);
      keepaliveHeld.open();
      await until(() => t.settled().length >= 1, 'settled');
      await aTimeout(QUIET_MS);

      expect(t.settled()).to.deep.equal([saved(a0), saved(a1)]);
      expect(t.outbox().map((entry) => entry.record)).to.deep.equal([a2]);
    });
  });

  describe('dispose()', () => {
    it('sends a due record once, and does not retry it', async () => {
      const t = start([unavailable()], {policy: FAST});
      const rec = record();
      await t.queue(rec);
      await t.delivery.dispose();
      await aTimeout(QUIET_MS);
      expect(t.keys()).to.deep.equal([rec.recordId]);
      expect(t.outbox().map((entry) => [entry.record.recordId, entry.failure?.kind])).to.deep.equal(
        [[rec.recordId, 'retrying']],
      );
    });

    it('sends every due record once', async () => {
      const t = start([created], {policy: FAST});
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.queue(second);
      await t.delivery.dispose();
      await aTimeout(QUIET_MS);
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('resolves once the record on its way has settled', async () => {
      const held = gate();
      const t = start([heldBy(held)]);
      const rec = record();
      await t.send(rec);
      await until(() => t.calls.length === 1, 'the request');
      let isDisposed = false;
      const disposing = t.delivery.dispose().then(() => (isDisposed = true));
      await aTimeout(20);
      expect(isDisposed, 'waits for the answer').to.be.false;
      held.open();
      await disposing;
      expect(t.settled()).to.deep.equal([saved(rec)]);
    });

    it('stops the retries of a waiting record', async () => {
      const t = start([unavailable()], {policy: MEDIUM});
      await t.send(record());
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.delivery.dispose();
      await aTimeout(QUIET_MS * 2);
      expect(t.calls).to.have.length(1);
    });

    it('stops sends on online, pagehide, retry() and send()', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.delivery.dispose();

      window.dispatchEvent(new Event('online'));
      window.dispatchEvent(new Event('pagehide'));
      setVisibility('hidden');
      await t.delivery.retry();
      await t.send(record({subject: OTHER_SUBJECT}));
      await aTimeout(QUIET_MS);

      expect(t.calls).to.have.length(1);
      expect(t.settled()).to.deep.equal([]);
    });

    it('leaves the pending records for the next page, which waits their turn', async () => {
      const store = await persistentStore();
      const t = start([unavailable()], {policy: MEDIUM, store});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.delivery.dispose();

      const [waiting] = (await store.read()).outbox;
      expect(waiting?.attempts).to.equal(1);

      const next = start([created], {store: await persistentStore()});
      next.delivery.send();
      await until(() => next.settled().length > 0, 'settled on the next page');
      expect(next.keys()).to.deep.equal([rec.recordId]);
      expect(Date.now(), 'not before the wait was over').to.be.at.least(waiting!.notBefore);
      expect(t.calls, 'nothing more from the disposed one').to.have.length(1);
    });
  });
});
