/**
 * The harness of the ConsentSession tests (test/center/consent-session-*.test.ts): a real
 * shared store (this page's memory for most tests, IndexedDB where persistence or two tabs
 * matter), a scripted endpoint and a listener that records every call, with the fixtures the
 * tests compare against: the requests that reached the endpoint with their bodies and
 * Idempotency-Key, and every change, status, receipt and error the session reported.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {ConsentSession, type SessionOptions} from '../../src/center/consent-session.js';
import type {EndpointOptions} from '../../src/center/endpoint.js';
import {openSharedStore, pageOnlyStore, type SharedStore} from '../../src/center/shared-store.js';
import {DECISION_KEY, memoryStore, type KeyValueStore} from '../../src/browser/storage.js';
import type {ChangeMethod, Choices, ConsentStart} from '../../src/core/consent.js';
import type {ConsentReceipt, ConsentRecord} from '../../src/core/protocol.js';
import type {SaveStatus} from '../../src/core/save-status.js';
import type {SessionStatus} from '../../src/core/session-status.js';
import type {StoredDecision} from '../../src/core/shared-state.js';
import type {ConsentErrorDetail} from '../../src/events.js';
import {consentRecord, SUBJECT} from '../fixtures/record.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {fakeFetch, jsonResponse, type FetchAnswer, type FetchCall} from './fake-fetch.js';
import {settle} from './fake-clock.js';
import {isSenderIdle} from './sender-lock.js';
import {heldRequests, holding, openGates, type Gate} from './gates.js';

export const ENDPOINT_URL = '/api/consent';
export const DB_NAME = 'privacy-preferences';
export const POLICY_VERSION = shopConfig.policyVersion;

/** The session's clock: every decision is made at this instant, so records are exact. */
export const NOW = Date.parse('2026-11-23T12:00:00.000Z');
export const NOW_ISO = new Date(NOW).toISOString();
/** What the endpoint says it stored a record at. */
export const RECORDED_AT = '2026-11-23T12:00:00.412Z';

/** The shop's choices before anyone decided: only the required purpose is on. */
export const DEFAULTS: Choices = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'denied',
  ads: 'denied',
};

/** A decision this browser made (and had acknowledged) two days before NOW. */
export const LOCAL_DECISION: StoredDecision = {
  subject: SUBJECT,
  policyVersion: POLICY_VERSION,
  choices: {...DEFAULTS, analytics: 'granted'},
  decidedAt: '2026-11-21T08:00:00.000Z',
  changedAt: {analytics: '2026-11-21T08:00:00.000Z'},
  gpc: false,
  savedAt: '2026-11-21T08:00:00.300Z',
  receiptId: 'rcpt-local',
  recordedAt: '2026-11-21T08:00:00.300Z',
};

/** What the customer chose on another device. */
export const REMOTE_CHOICES: Choices = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'granted',
  ads: 'granted',
};

/** What a page-only store tells the site once, after the first decision meant for an endpoint. */
export const UNKEPT: ConsentErrorDetail = {
  message:
    'This browser does not keep records waiting for the consent endpoint (storage is unavailable): one not delivered before the page closes is lost.',
  willRetry: true,
};

// ---------------------------------------------------------------------------------------------
// Records, receipts and the scripted endpoint

/** A record as the session makes it at NOW; `overrides` say what a test is about. */
/** Made through the session's API (`act` without a surface), under the default rule (opt-in). */
export const API_EVIDENCE = {surface: 'api', rule: 'opt-in'} as const;
/** Global Privacy Control's own record. */
export const GPC_EVIDENCE = {surface: 'gpc', rule: 'opt-in'} as const;

export function expectedRecord(
  recordId: string,
  overrides: Partial<ConsentRecord> = {},
): ConsentRecord {
  return consentRecord(recordId, {
    choices: DEFAULTS,
    collectedAt: NOW_ISO,
    evidence: API_EVIDENCE,
    ...overrides,
  });
}

export function receiptOf(record: ConsentRecord): ConsentReceipt {
  return {receiptId: `rcpt-${record.recordId}`, recordedAt: RECORDED_AT, record};
}

export function bodyOf(call: FetchCall): ConsentRecord {
  return JSON.parse(String(call.init.body)) as ConsentRecord;
}

export function keyOf(call: FetchCall): string | null {
  return call.headers.get('Idempotency-Key');
}

/** The endpoint storing the record it was sent. */
export const created: FetchAnswer = (call) => jsonResponse(201, receiptOf(bodyOf(call)));
/** The endpoint has no record of the subject. */
export const noRecord: FetchAnswer = () => new Response(null, {status: 204});
/** A catch-all route serving the shop's page for any path. */
export const htmlPage: FetchAnswer = () =>
  new Response('<!doctype html><title>Example Shop</title>', {
    status: 200,
    headers: {'Content-Type': 'text/html'},
  });

export function refusal(message: string): FetchAnswer {
  return () => jsonResponse(422, {error: {message}});
}

/** The endpoint's answer to `GET ?subject=`: a record made on another device. */
export function currentRecord(
  collectedAt: string,
  overrides: Partial<ConsentRecord> = {},
): {readonly receipt: ConsentReceipt; readonly answer: FetchAnswer} {
  const record = consentRecord('other-device-0001', {
    choices: REMOTE_CHOICES,
    changed: ['recommendations', 'ads'],
    collectedAt,
    ...overrides,
  });
  const receipt: ConsentReceipt = {
    receiptId: 'rcpt-other-device',
    recordedAt: new Date(Date.parse(collectedAt) + 250).toISOString(),
    record,
  };
  return {receipt, answer: () => jsonResponse(200, receipt)};
}

export function reply(answer: FetchAnswer, call: FetchCall): Response | Error | Promise<Response> {
  if (answer instanceof Response) return answer.clone();
  if (answer instanceof Error) return answer;
  return answer(call);
}

export interface FakeEndpoint {
  readonly options: EndpointOptions;
  gets(): FetchCall[];
  posts(): FetchCall[];
}

/**
 * The consent endpoint: `get` answers every `GET ?subject=`; the n-th POST gets the n-th of
 * `posts` (the last one repeats).
 */
export function endpoint(
  script: {get?: FetchAnswer; posts?: readonly FetchAnswer[]} = {},
): FakeEndpoint {
  const {get = noRecord, posts = [created]} = script;
  let postCount = 0;
  const fake = fakeFetch((call) =>
    reply(call.init.method === 'GET' ? get : posts[Math.min(postCount++, posts.length - 1)], call),
  );
  const withMethod = (method: string) => fake.calls.filter((call) => call.init.method === method);
  return {
    options: {url: ENDPOINT_URL, credentials: 'same-origin', fetch: fake.fetch},
    gets: () => withMethod('GET'),
    posts: () => withMethod('POST'),
  };
}

/** Answers as `answer` once `wait()` resolves. */
export function after(wait: () => Promise<unknown>, answer: FetchAnswer): FetchAnswer {
  return async (call) => {
    await holding(wait);
    const result = await reply(answer, call);
    if (result instanceof Error) throw result;
    return result;
  };
}

/** Answers as `answer` once the gate opens. */
export function heldBy(held: Gate, answer: FetchAnswer): FetchAnswer {
  return after(() => held.opened, answer);
}

// ---------------------------------------------------------------------------------------------
// Stores

export type StoreOpener = (mirror: KeyValueStore) => Promise<SharedStore>;

/** This page's memory only (not kept beyond the page). */
export const pageStore: StoreOpener = async (mirror) => pageOnlyStore(mirror);

/** IndexedDB, as a tab opens it: two sessions with it are two tabs of one site. */
export const indexedStore: StoreOpener = async (mirror) => {
  const store = await openSharedStore({mirror});
  expect(store.isPersistent, 'IndexedDB works in the test browser').to.be.true;
  return store;
};

/** A page store whose every change fails, as a full disk or revoked storage makes it. */
export const STORAGE_FAILURE = new DOMException(
  'The quota has been exceeded.',
  'QuotaExceededError',
);
export const failingStore: StoreOpener = async (mirror) =>
  wrapped(pageOnlyStore(mirror), {update: () => Promise.reject(STORAGE_FAILURE)});

export function wrapped(
  store: SharedStore,
  overrides: Partial<Pick<SharedStore, 'update' | 'close'>>,
): SharedStore {
  return {
    get isPersistent() {
      return store.isPersistent;
    },
    get cached() {
      return store.cached;
    },
    read: () => store.read(),
    update: overrides.update ?? ((change) => store.update(change)),
    subscribe: (listener) => store.subscribe(listener),
    close: overrides.close ?? (() => store.close()),
  };
}

/** `localStorage` as an earlier page left it: holding this decision. */
export function mirrorWith(decision: StoredDecision): KeyValueStore {
  const mirror = memoryStore();
  mirror.setItem(DECISION_KEY, JSON.stringify(decision));
  return mirror;
}

/** Deletes the database once every connection is closed (`blocked` turns into success then). */
export function deleteDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

// ---------------------------------------------------------------------------------------------
// Sessions and what they report

export interface ChangeHeard {
  readonly choices: Choices;
  readonly changed: readonly string[];
  readonly method: ChangeMethod;
}

/** Every call the session made to its listener, by kind, in order. */
export interface Heard {
  readonly changes: ChangeHeard[];
  readonly statuses: SessionStatus[];
  readonly saved: ConsentReceipt[];
  readonly errors: ConsentErrorDetail[];
  /** Each time "decided under the current policy" changed. */
  readonly decided: boolean[];
}

export interface Tab {
  readonly session: ConsentSession;
  readonly heard: Heard;
  readonly starting: Promise<ConsentStart>;
  /** Resolves once the session closed its store (dispose() does so after its last write). */
  readonly closed: Promise<void>;
  readonly controller: AbortController;
  /** The shared store the session opened, once it has. */
  store(): SharedStore | undefined;
}

export interface TabSetup extends Partial<Omit<SessionOptions, 'listener' | 'endpoint'>> {
  readonly endpoint: FakeEndpoint | undefined;
}

export const tabs: Tab[] = [];

/** A session as the element makes it; `start()` is under way. */
export function openTab({endpoint: fake, openStore = pageStore, ...setup}: TabSetup): Tab {
  const heard: Heard = {changes: [], statuses: [], saved: [], errors: [], decided: []};
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  let opened: SharedStore | undefined;
  const session = new ConsentSession({
    config: shopConfig,
    subject: SUBJECT,
    isNewSubject: false,
    mirror: memoryStore(),
    hasGpcSignal: false,
    now: () => NOW,
    locale: () => 'en',
    ...setup,
    endpoint: fake?.options,
    openStore: async (mirror) => {
      const store = await openStore(mirror);
      opened = store;
      return wrapped(store, {
        close: () => {
          store.close();
          markClosed();
        },
      });
    },
    listener: {
      onChange: (choices, changed, method) =>
        heard.changes.push({choices, changed: [...changed], method}),
      onStatus: (status) => heard.statuses.push(status),
      onSaved: (receipt) => heard.saved.push(receipt),
      onError: (detail) => heard.errors.push(detail),
      onDecided: (isDecided) => heard.decided.push(isDecided),
    },
  });
  const controller = new AbortController();
  const starting = session.start(controller.signal);
  const tab: Tab = {session, heard, starting, closed, controller, store: () => opened};
  tabs.push(tab);
  return tab;
}

export async function startTab(setup: TabSetup): Promise<Tab> {
  const tab = openTab(setup);
  await tab.starting;
  return tab;
}

/**
 * Ends a session as the element does when it leaves the page, and waits until its store is
 * closed (dispose() closes it after the last write and send).
 */
export async function closeTab(tab: Tab): Promise<void> {
  const index = tabs.indexOf(tab);
  if (index >= 0) tabs.splice(index, 1);
  tab.controller.abort();
  tab.session.dispose();
  // A session whose start failed closed its store itself, or never opened one.
  await tab.starting.then(
    () => tab.closed,
    () => undefined,
  );
}

export function saves(tab: Tab): SaveStatus[] {
  return tab.heard.statuses.map((status) => status.save);
}

export function sessionStatus(
  save: SaveStatus,
  lastSavedAt: string | undefined,
  isKept: boolean,
): SessionStatus {
  return {save, lastSavedAt, isKept};
}

export const until = (predicate: () => boolean, message: string) =>
  waitUntil(predicate, message, {timeout: 3_000, interval: 2});

/** Whether every open tab sharing IndexedDB has read the same state. */
function tabsAgree(): boolean {
  const shared = tabs.map((tab) => tab.store()).filter((store) => store?.isPersistent);
  return new Set(shared.map((store) => JSON.stringify(store!.cached))).size <= 1;
}

/**
 * Waits until nothing more comes unless the test acts: every tab's decisions stored, the
 * sender done (its Web Lock free) unless an answer is held back, and every tab sharing
 * IndexedDB reading the same state — to see that nothing more comes, without a sleep.
 */
export async function quiet(): Promise<void> {
  await settle();
  await Promise.all(tabs.map((tab) => tab.session.whenStored()));
  await waitUntil(
    async () => (heldRequests() > 0 || (await isSenderIdle())) && tabsAgree(),
    'nothing under way',
    {timeout: 3_000, interval: 2},
  );
  await settle();
}

/** Toggles one purpose on, in English, and waits for the request it makes. */
export async function toggleOn(tab: Tab, fake: FakeEndpoint, id: string): Promise<FetchCall> {
  const sent = fake.posts().length;
  tab.session.act({kind: 'toggle', id: id});
  await until(() => fake.posts().length > sent, 'the POST');
  return fake.posts()[sent];
}

/** Each test starts with no database, and ends with every held answer given and every tab closed. */
export function useSessionHarness(): void {
  before(() => deleteDatabase());

  afterEach(async () => {
    openGates();
    await Promise.all([...tabs].map(closeTab));
    await deleteDatabase();
  });
}
