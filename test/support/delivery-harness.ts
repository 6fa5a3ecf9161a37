/**
 * The harness of the ConsentDelivery tests (test/center/delivery-*.test.ts): a delivery over
 * the real shared store (IndexedDB where persistence or two tabs matter, the page-only store
 * elsewhere) and a scripted fetch, with the records, receipts and answers they compare.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {ConsentDelivery} from '../../src/center/delivery.js';
import {openSharedStore, pageOnlyStore, type SharedStore} from '../../src/center/shared-store.js';
import {DECISION_KEY, memoryStore} from '../../src/browser/storage.js';
import type {PurposeConfig} from '../../src/core/config.js';
import {enqueue, type BackoffPolicy} from '../../src/core/outbox.js';
import type {ConsentReceipt, ConsentRecord} from '../../src/core/protocol.js';
import type {Settlement, SharedState} from '../../src/core/shared-state.js';
import {purpose} from '../fixtures/purpose.js';
import {consentRecord} from '../fixtures/record.js';
import {
  fakeFetch,
  jsonResponse,
  textResponse,
  type FetchAnswer,
  type FetchCall,
} from './fake-fetch.js';
import {fakeClock, settle, type FakeClock} from './fake-clock.js';
import {isSenderIdle} from './sender-lock.js';
import {heldRequests, holding, openGates, type Gate} from './gates.js';

export const ENDPOINT_URL = '/api/consent';
export const DB_NAME = 'privacy-preferences';

/** Tiny waits, so retries happen within a test. */
export const FAST: BackoffPolicy = {baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50};
/** Waits of about a minute: a retry that goes within a test was sent early on purpose. */
export const SLOW: BackoffPolicy = {
  baseDelayMs: 60_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 60_000,
};
/** A 20 ms wait (random 0.5): long enough to act between a failure and its retry. */
export const MEDIUM: BackoffPolicy = {baseDelayMs: 40, maxDelayMs: 40, maxRetryAfterMs: 40};
/** Longer than any FAST or MEDIUM wait, to see that nothing more happens. */
export const QUIET_MS = 80;

/** Requests in flight (heldRequests() of them held back by a gate). */
let requestsInFlight = 0;
/** The clock of every delivery of the test. */
const clocks: FakeClock[] = [];

export const PURPOSES: readonly PurposeConfig[] = [
  purpose('essential', {required: true, legalBasis: 'contract', default: 'granted'}),
  purpose('analytics'),
  purpose('ads'),
];

export let nextId = 1;

/** A record as a tab makes it; every record gets its own id (the Idempotency-Key). */
export function record(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return consentRecord(`rec-${nextId++}-${crypto.randomUUID()}`, overrides);
}

/** The record a request carried. */
export function bodyOf(call: FetchCall): ConsentRecord {
  return JSON.parse(String(call.init.body)) as ConsentRecord;
}

export function keyOf(call: FetchCall): string | null {
  return call.headers.get('Idempotency-Key');
}

export const RECORDED_AT = '2026-11-23T06:00:00.412Z';

export function receiptFor(rec: ConsentRecord): ConsentReceipt {
  return {receiptId: `rcpt-${rec.recordId}`, recordedAt: RECORDED_AT, record: rec};
}

/** The endpoint storing the record it was sent. */
export const created: FetchAnswer = (call) => jsonResponse(201, receiptFor(bodyOf(call)));
export const unavailable = (): FetchAnswer => () => textResponse(503, 'Service Unavailable');

export function saved(rec: ConsentRecord, coveredIds: readonly string[] = []): Settlement {
  return {
    outcome: 'saved',
    recordIds: [rec.recordId, ...coveredIds],
    record: rec,
    receiptId: `rcpt-${rec.recordId}`,
    recordedAt: RECORDED_AT,
  };
}

/** A response as fetch gives it after `redirect: 'manual'` met a redirect. */
export function opaqueRedirect(): Response {
  const response = new Response(null, {status: 200});
  for (const [name, value] of Object.entries({type: 'opaqueredirect', status: 0, ok: false})) {
    Object.defineProperty(response, name, {value});
  }
  return response;
}

/** A response fetch reached by following a redirect (as a proxy or a service worker may). */
export function redirected(response: Response): Response {
  Object.defineProperty(response, 'redirected', {value: true});
  return response;
}

export const deliveries: ConsentDelivery[] = [];
export const stores: SharedStore[] = [];

/** Answers as `answer` once the gate opens. */
export function heldBy(held: Gate, answer: FetchAnswer = created) {
  return async (call: FetchCall): Promise<Response> => {
    await holding(() => held.opened);
    const result = typeof answer === 'function' ? await answer(call) : answer;
    if (result instanceof Error) throw result;
    return result;
  };
}

/** The shared store in IndexedDB, as a tab opens it. */
export async function persistentStore(): Promise<SharedStore> {
  const store = await openSharedStore({mirror: memoryStore()});
  expect(store.isPersistent, 'IndexedDB works in the test browser').to.be.true;
  stores.push(store);
  return store;
}

/** Writes an outbox straight into the database, as an earlier page (or anyone) left it. */
export async function leaveOutbox(outbox: unknown[]): Promise<void> {
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
export function counted(store: SharedStore): {store: SharedStore; updates: () => number} {
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

export function start(
  answers: FetchAnswer[],
  options: {store?: SharedStore; policy?: BackoffPolicy; random?: () => number} = {},
) {
  const fake = fakeFetch(...answers);
  const counted: typeof fetch = async (...args) => {
    requestsInFlight++;
    try {
      return await fake.fetch(...args);
    } finally {
      requestsInFlight--;
    }
  };
  const store = options.store ?? pageOnlyStore(memoryStore());
  // Backoff waits and request timeouts are steps of this clock: see until() and quiet().
  const clock = fakeClock();
  clocks.push(clock);
  const delivery = new ConsentDelivery({
    endpoint: {url: ENDPOINT_URL, credentials: 'same-origin', fetch: counted},
    store,
    now: clock.now,
    timers: clock.timers,
    policy: options.policy ?? FAST,
    random: options.random ?? (() => 0.5),
  });
  deliveries.push(delivery);
  /** Puts a record in the shared outbox, as a tab's decision does. */
  const queue = (rec: ConsentRecord) =>
    store.update((state) => ({
      state: {...state, outbox: enqueue(state.outbox, rec, clock.now())},
      result: undefined,
    }));
  return {
    delivery,
    store,
    clock,
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

/**
 * Whether the deliveries have finished what they started: no request in flight but the ones a
 * gate holds, and no delivery at work (its Web Lock free) unless one is held.
 */
async function isIdle(): Promise<boolean> {
  await settle();
  if (heldRequests() > 0) return requestsInFlight === heldRequests();
  return requestsInFlight === 0 && (await isSenderIdle());
}

function idle(): Promise<void> {
  return waitUntil(isIdle, 'the deliveries at rest', {timeout: 3_000, interval: 2});
}

/**
 * Waits for `predicate`; while the deliveries are at rest without it, time moves on to the next
 * timer (a backoff wait, say) — so a retry comes when its wait is over, not after a sleep.
 */
export const until = (predicate: () => boolean, message: string) =>
  waitUntil(
    async () => {
      if (predicate()) return true;
      if (heldRequests() > 0 || !(await isIdle()) || predicate()) return predicate();
      const next = clocks.filter((clock) => clock.untilNext() !== undefined);
      for (const clock of next) await clock.advance(clock.untilNext()!, idle);
      return predicate();
    },
    message,
    {timeout: 3_000, interval: 2},
  );

/**
 * Lets `ms` pass on every delivery's clock, each timer due run once what the last one started
 * is done, then waits until the deliveries are at rest: to see that nothing more comes.
 */
export async function quiet(ms: number): Promise<void> {
  await idle();
  for (const clock of clocks) await clock.advance(ms, idle);
  await idle();
}

/** Makes the document say it is hidden (or visible) and tells the page. */
export function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', {configurable: true, value: state});
  document.dispatchEvent(new Event('visibilitychange'));
  // Drops the own property that shadowed Document.prototype's getter.
  Reflect.deleteProperty(document, 'visibilityState');
}

/** After each test: every held answer given, every delivery disposed, the database gone. */
export function useDeliveryHarness(): void {
  afterEach(async () => {
    openGates();
    clocks.splice(0);
    // Disposing sends what is due once more: it must not outlive the test.
    await Promise.all(deliveries.splice(0).map((delivery) => delivery.dispose()));
    for (const store of stores.splice(0)) store.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(DB_NAME).onsuccess = resolve));
    localStorage.removeItem(DECISION_KEY);
  });
}
