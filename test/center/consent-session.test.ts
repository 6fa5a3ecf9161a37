/**
 * ConsentSession, tested directly (not through the element): a real shared store (this page's
 * memory for most tests, IndexedDB where persistence or two tabs matter), a scripted endpoint
 * and a listener that records every call. What is asserted is what a site owner observes: the
 * requests that reached the endpoint with their bodies and Idempotency-Key, and every change,
 * status, receipt and error the session reported, with exact values and in order.
 */
import {aTimeout, expect, waitUntil} from '@open-wc/testing';
import {
  ConsentSession,
  RESTORE_WAIT_MS,
  type SessionOptions,
} from '../../src/center/consent-session.js';
import type {EndpointOptions} from '../../src/center/endpoint.js';
import {openSharedStore, pageOnlyStore, type SharedStore} from '../../src/center/shared-store.js';
import {DECISION_KEY, memoryStore, type KeyValueStore} from '../../src/browser/storage.js';
import type {ChangeMethod, Choices, ConsentStart} from '../../src/core/consent.js';
import type {ConsentReceipt, ConsentRecord} from '../../src/core/protocol.js';
import type {SaveStatus, SessionStatus} from '../../src/core/save-status.js';
import type {StoredDecision} from '../../src/core/shared-state.js';
import type {ConsentErrorDetail} from '../../src/events.js';
import {consentRecord, OTHER_SUBJECT, SUBJECT} from '../fixtures/record.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  fakeFetch,
  jsonResponse,
  textResponse,
  type FetchAnswer,
  type FetchCall,
} from '../support/fake-fetch.js';

const ENDPOINT_URL = '/api/consent';
const DB_NAME = 'privacy-preferences';
const POLICY_VERSION = shopConfig.policyVersion;

/** The session's clock: every decision is made at this instant, so records are exact. */
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const NOW_ISO = new Date(NOW).toISOString();
/** What the endpoint says it stored a record at. */
const RECORDED_AT = '2026-11-23T12:00:00.412Z';
/** Longer than anything the session does after an answer: to see that nothing more comes. */
const QUIET_MS = 80;

/** The shop's choices before anyone decided: only the required purpose is on. */
const DEFAULTS: Choices = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'denied',
  ads: 'denied',
};

/** A decision this browser made (and had acknowledged) two days before NOW. */
const LOCAL_DECISION: StoredDecision = {
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
const REMOTE_CHOICES: Choices = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'granted',
  ads: 'granted',
};

/** What a page-only store tells the site once, after the first decision meant for an endpoint. */
const UNKEPT: ConsentErrorDetail = {
  message:
    'This browser does not keep records waiting for the consent endpoint (storage is unavailable): one not delivered before the page closes is lost.',
  willRetry: true,
};

// ---------------------------------------------------------------------------------------------
// Records, receipts and the scripted endpoint

/** A record as the session makes it at NOW; `overrides` say what a test is about. */
function expectedRecord(recordId: string, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return consentRecord(recordId, {choices: DEFAULTS, collectedAt: NOW_ISO, ...overrides});
}

function receiptOf(record: ConsentRecord): ConsentReceipt {
  return {receiptId: `rcpt-${record.recordId}`, recordedAt: RECORDED_AT, record};
}

function bodyOf(call: FetchCall): ConsentRecord {
  return JSON.parse(String(call.init.body)) as ConsentRecord;
}

function keyOf(call: FetchCall): string | null {
  return call.headers.get('Idempotency-Key');
}

/** The endpoint storing the record it was sent. */
const created: FetchAnswer = (call) => jsonResponse(201, receiptOf(bodyOf(call)));
/** The endpoint has no record of the subject. */
const noRecord: FetchAnswer = () => new Response(null, {status: 204});
/** A catch-all route serving the shop's page for any path. */
const htmlPage: FetchAnswer = () =>
  new Response('<!doctype html><title>Example Shop</title>', {
    status: 200,
    headers: {'Content-Type': 'text/html'},
  });

function refusal(message: string): FetchAnswer {
  return () => jsonResponse(422, {error: {message}});
}

/** The endpoint's answer to `GET ?subject=`: a record made on another device. */
function currentRecord(
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

function reply(answer: FetchAnswer, call: FetchCall): Response | Error | Promise<Response> {
  if (answer instanceof Response) return answer.clone();
  if (answer instanceof Error) return answer;
  return answer(call);
}

interface FakeEndpoint {
  readonly options: EndpointOptions;
  gets(): FetchCall[];
  posts(): FetchCall[];
}

/**
 * The consent endpoint: `get` answers every `GET ?subject=`; the n-th POST gets the n-th of
 * `posts` (the last one repeats).
 */
function endpoint(script: {get?: FetchAnswer; posts?: readonly FetchAnswer[]} = {}): FakeEndpoint {
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

/** A promise the test resolves when it chooses, to hold an answer back. */
interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

const gates: Gate[] = [];

function gate(): Gate {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const result = {opened, open: () => open()};
  // A held POST keeps the Web Lock every later test's delivery needs: opened after each test.
  gates.push(result);
  return result;
}

/** Answers as `answer` once `wait()` resolves. */
function after(wait: () => Promise<unknown>, answer: FetchAnswer): FetchAnswer {
  return async (call) => {
    await wait();
    const result = await reply(answer, call);
    if (result instanceof Error) throw result;
    return result;
  };
}

/** Answers as `answer` once the gate opens. */
function heldBy(held: Gate, answer: FetchAnswer): FetchAnswer {
  return after(() => held.opened, answer);
}

// ---------------------------------------------------------------------------------------------
// Stores

type StoreOpener = (mirror: KeyValueStore) => Promise<SharedStore>;

/** This page's memory only (not kept beyond the page). */
const pageStore: StoreOpener = async (mirror) => pageOnlyStore(mirror);

/** IndexedDB, as a tab opens it: two sessions with it are two tabs of one site. */
const indexedStore: StoreOpener = async (mirror) => {
  const store = await openSharedStore({mirror});
  expect(store.isPersistent, 'IndexedDB works in the test browser').to.be.true;
  return store;
};

/** A page store whose every change fails, as a full disk or revoked storage makes it. */
const STORAGE_FAILURE = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const failingStore: StoreOpener = async (mirror) =>
  wrapped(pageOnlyStore(mirror), {update: () => Promise.reject(STORAGE_FAILURE)});

function wrapped(
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
function mirrorWith(decision: StoredDecision): KeyValueStore {
  const mirror = memoryStore();
  mirror.setItem(DECISION_KEY, JSON.stringify(decision));
  return mirror;
}

/** Deletes the database once every connection is closed (`blocked` turns into success then). */
function deleteDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

// ---------------------------------------------------------------------------------------------
// Sessions and what they report

interface ChangeHeard {
  readonly choices: Choices;
  readonly changed: readonly string[];
  readonly method: ChangeMethod;
}

/** Every call the session made to its listener, by kind, in order. */
interface Heard {
  readonly changes: ChangeHeard[];
  readonly statuses: SessionStatus[];
  readonly saved: ConsentReceipt[];
  readonly errors: ConsentErrorDetail[];
  /** Each time "decided under the current policy" changed. */
  readonly decided: boolean[];
}

interface Tab {
  readonly session: ConsentSession;
  readonly heard: Heard;
  readonly starting: Promise<ConsentStart>;
  /** Resolves once the session closed its store (dispose() does so after its last write). */
  readonly closed: Promise<void>;
  readonly controller: AbortController;
}

interface TabSetup extends Partial<Omit<SessionOptions, 'listener' | 'endpoint'>> {
  readonly endpoint: FakeEndpoint | undefined;
}

const tabs: Tab[] = [];

/** A session as the element makes it; `start()` is under way. */
function openTab({endpoint: fake, openStore = pageStore, ...setup}: TabSetup): Tab {
  const heard: Heard = {changes: [], statuses: [], saved: [], errors: [], decided: []};
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
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
  const tab: Tab = {session, heard, starting: session.start(controller.signal), closed, controller};
  tabs.push(tab);
  return tab;
}

async function startTab(setup: TabSetup): Promise<Tab> {
  const tab = openTab(setup);
  await tab.starting;
  return tab;
}

/**
 * Ends a session as the element does when it leaves the page, and waits until its store is
 * closed (dispose() closes it after the last write and send).
 */
async function closeTab(tab: Tab): Promise<void> {
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

function saves(tab: Tab): SaveStatus[] {
  return tab.heard.statuses.map((status) => status.save);
}

function sessionStatus(
  save: SaveStatus,
  lastSavedAt: string | undefined,
  isKept: boolean,
): SessionStatus {
  return {save, lastSavedAt, isKept};
}

const until = (predicate: () => boolean, message: string) =>
  waitUntil(predicate, message, {timeout: 3_000, interval: 2});

/** Toggles one purpose on, in English, and waits for the request it makes. */
async function toggleOn(tab: Tab, fake: FakeEndpoint, id: string): Promise<FetchCall> {
  const sent = fake.posts().length;
  tab.session.toggle(id);
  await until(() => fake.posts().length > sent, 'the POST');
  return fake.posts()[sent];
}

// ---------------------------------------------------------------------------------------------

describe('ConsentSession', () => {
  before(() => deleteDatabase());

  afterEach(async () => {
    for (const held of gates.splice(0)) held.open();
    await Promise.all([...tabs].map(closeTab));
    await deleteDatabase();
  });

  describe('"saved" only once the endpoint acknowledged', () => {
    it('a record held in flight is saving, not saved; the 201 with its receipt makes it saved, once', async () => {
      const held = gate();
      const fake = endpoint({posts: [heldBy(held, created)]});
      const tab = await startTab({endpoint: fake, isNewSubject: true});

      const post = await toggleOn(tab, fake, 'analytics');
      await aTimeout(QUIET_MS);
      expect(tab.heard.saved, 'no receipt before the answer').to.deep.equal([]);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, false),
        sessionStatus('saving', undefined, false),
      ]);

      held.open();
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await aTimeout(QUIET_MS);

      const recordId = keyOf(post)!;
      const record = expectedRecord(recordId, {
        choices: {...DEFAULTS, analytics: 'granted'},
        changed: ['analytics'],
      });
      expect(bodyOf(post)).to.deep.equal(record);
      expect(post.init.credentials).to.equal('same-origin');
      expect(fake.posts()).to.have.length(1);
      expect(tab.heard.saved).to.deep.equal([
        {receiptId: `rcpt-${recordId}`, recordedAt: RECORDED_AT, record},
      ]);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, false),
        sessionStatus('saving', undefined, false),
        sessionStatus('saved', RECORDED_AT, false),
      ]);
      expect(tab.heard.changes).to.deep.equal([
        {choices: record.choices, changed: ['analytics'], method: 'toggle'},
      ]);
      expect(tab.heard.errors, 'this page-only store says it keeps nothing').to.deep.equal([
        UNKEPT,
      ]);
    });

    it('a 503 first: retrying, told so with willRetry, then saved under the same key', async () => {
      const fake = endpoint({posts: [() => textResponse(503, 'Service Unavailable'), created]});
      const tab = await startTab({endpoint: fake, isNewSubject: true});

      tab.session.toggle('ads');
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await aTimeout(QUIET_MS);

      const [first, second] = fake.posts();
      expect([keyOf(first), keyOf(second)]).to.deep.equal([
        bodyOf(first).recordId,
        bodyOf(first).recordId,
      ]);
      expect(bodyOf(second)).to.deep.equal(bodyOf(first));
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: 'Service Unavailable', willRetry: true, status: 503},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'retrying', 'saved']);
      expect(tab.heard.saved).to.deep.equal([receiptOf(bodyOf(first))]);
    });

    it('a decision this browser could not store: an error with willRetry false, nothing sent, never saved', async () => {
      const fake = endpoint();
      const tab = await startTab({endpoint: fake, isNewSubject: true, openStore: failingStore});

      tab.session.toggle('analytics');
      await until(() => tab.heard.errors.length > 0, 'onError');
      await tab.session.whenStored();
      await aTimeout(QUIET_MS);

      expect(tab.heard.errors).to.deep.equal([
        {
          message:
            'Your choice could not be stored in this browser: QuotaExceededError: The quota has been exceeded.',
          willRetry: false,
        },
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'idle']);
      expect(tab.heard.saved).to.deep.equal([]);
      expect(fake.posts()).to.deep.equal([]);
      expect(tab.heard.changes, 'the page still shows the choice').to.deep.equal([
        {choices: {...DEFAULTS, analytics: 'granted'}, changed: ['analytics'], method: 'toggle'},
      ]);
    });
  });

  describe('every decision is recorded as made', () => {
    it('"Reject all" with everything already denied still sends a record', async () => {
      const fake = endpoint();
      const tab = await startTab({endpoint: fake, isNewSubject: true});

      tab.session.rejectAll();
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await aTimeout(QUIET_MS);

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {method: 'reject-all', changed: []});
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(tab.heard.changes, 'nothing changed on the page').to.deep.equal([]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'saved']);
    });

    it('a subject the endpoint would refuse: nothing is sent or queued, and it says why, once', async () => {
      const fake = endpoint();
      const tab = await startTab({endpoint: fake, subject: 'customer\u202e42'});
      tab.session.toggle('analytics');
      await aTimeout(QUIET_MS);
      expect(fake.gets().length + fake.posts().length, 'requests').to.equal(0);
      expect(tab.heard.errors).to.deep.equal([
        {
          message:
            'Choices stay in this browser and are not sent to the consent endpoint, which would refuse them: subject must not contain invisible or direction-changing characters.',
          willRetry: false,
        },
      ]);
      // The choice applies, and the customer is told it is kept here.
      expect(tab.session.choices.analytics).to.equal('granted');
      expect(saves(tab).at(-1)).to.equal('local-only');
    });

    const locales: {given: string; recorded: string}[] = [
      {given: 'en_US', recorded: 'en-US'},
      {given: 'pt-br', recorded: 'pt-BR'},
      {given: 'not a language tag', recorded: 'en'},
    ];
    for (const {given, recorded} of locales) {
      it(`locale "${given}" is recorded as "${recorded}"`, async () => {
        const fake = endpoint();
        const tab = await startTab({endpoint: fake, isNewSubject: true, locale: () => given});
        tab.session.toggle('analytics');
        await until(() => fake.posts().length > 0, 'the POST');
        expect(bodyOf(fake.posts()[0]).locale).to.equal(recorded);
      });
    }

    it('without an endpoint: local-only, the choice kept in this browser, and no request at all', async () => {
      const requests: unknown[] = [];
      const realFetch = window.fetch;
      window.fetch = (...args) => {
        requests.push(args[0]);
        return realFetch(...args);
      };
      try {
        const tab = await startTab({endpoint: undefined});
        tab.session.toggle('recommendations');
        await tab.session.whenStored();
        await aTimeout(QUIET_MS);

        const choices = {...DEFAULTS, recommendations: 'granted'} as const;
        expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
        expect(tab.heard.statuses).to.deep.equal([sessionStatus('local-only', undefined, false)]);
        expect(tab.heard.changes).to.deep.equal([
          {choices, changed: ['recommendations'], method: 'toggle'},
        ]);
        expect(tab.session.decision?.choices).to.deep.equal(choices);
        expect(tab.heard.errors).to.deep.equal([]);
        expect(tab.heard.saved).to.deep.equal([]);
        expect(requests).to.deep.equal([]);
      } finally {
        window.fetch = realFetch;
      }
    });
  });

  describe('Global Privacy Control', () => {
    it('with its purposes already off, it is recorded once (method gpc), and not again on the next page', async () => {
      const mirror = memoryStore();
      const fake = endpoint();
      const first = await startTab({
        endpoint: fake,
        mirror,
        openStore: indexedStore,
        isNewSubject: true,
        hasGpcSignal: true,
      });
      expect(await first.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});

      first.session.recordGpc();
      await until(() => first.heard.saved.length > 0, 'onSaved');

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {method: 'gpc', gpc: true, changed: []});
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(first.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(first.heard.changes, 'nothing was on to switch off').to.deep.equal([]);
      expect(first.heard.errors).to.deep.equal([]);

      await closeTab(first);
      const nextFake = endpoint();
      const next = await startTab({
        endpoint: nextFake,
        mirror,
        openStore: indexedStore,
        hasGpcSignal: true,
      });
      next.session.recordGpc();
      await aTimeout(QUIET_MS);

      expect(await next.starting).to.deep.equal({choices: DEFAULTS, source: 'local'});
      expect(nextFake.posts(), 'the same subject and policy: recorded already').to.deep.equal([]);
      expect(next.heard.changes).to.deep.equal([]);
      expect(next.heard.errors).to.deep.equal([]);
    });

    it('switches off a purpose it concerns that was on, says so (gpc), and records what it switched off', async () => {
      const granted: StoredDecision = {
        ...LOCAL_DECISION,
        choices: {...DEFAULTS, ads: 'granted'},
        changedAt: {ads: LOCAL_DECISION.decidedAt},
      };
      const fake = endpoint();
      const tab = await startTab({
        endpoint: fake,
        mirror: mirrorWith(granted),
        hasGpcSignal: true,
        locale: () => 'de',
      });
      expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'local'});

      tab.session.recordGpc();
      await until(() => tab.heard.saved.length > 0, 'onSaved');

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {
        method: 'gpc',
        gpc: true,
        changed: ['ads'],
        locale: 'de',
      });
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(tab.heard.changes).to.deep.equal([
        {choices: DEFAULTS, changed: ['ads'], method: 'gpc'},
      ]);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
    });
  });

  describe('a record from another device is taken when it is newer', () => {
    it('with no copy in this browser, the endpoint’s record is the start (source endpoint)', async () => {
      const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
      // Answered within the wait: the center waits for it rather than flash the defaults.
      const fake = endpoint({get: after(() => aTimeout(50), answer)});
      const tab = await startTab({endpoint: fake});
      await aTimeout(QUIET_MS);

      expect(await tab.starting).to.deep.equal({choices: REMOTE_CHOICES, source: 'endpoint'});
      const [get] = fake.gets();
      expect(fake.gets()).to.have.length(1);
      expect(get.url).to.equal(`${location.origin}${ENDPOINT_URL}?subject=${SUBJECT}`);
      expect(get.init.credentials).to.equal('same-origin');
      expect(tab.session.decision).to.deep.equal({
        subject: SUBJECT,
        policyVersion: POLICY_VERSION,
        choices: REMOTE_CHOICES,
        decidedAt: receipt.record.collectedAt,
        changedAt: Object.fromEntries(
          Object.keys(REMOTE_CHOICES).map((id) => [id, receipt.record.collectedAt]),
        ),
        gpc: false,
        savedAt: receipt.recordedAt,
        receiptId: receipt.receiptId,
        recordedAt: receipt.recordedAt,
      });
      expect(tab.heard.statuses).to.deep.equal([sessionStatus('idle', receipt.recordedAt, false)]);
      expect(tab.heard.changes, 'it is the start, not a change').to.deep.equal([]);
      expect(tab.heard.errors).to.deep.equal([]);
      expect(fake.posts(), 'a restored record is not sent back').to.deep.equal([]);
    });

    it('a newer one than this browser’s decision follows the local start as a sync change', async () => {
      const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
      const fake = endpoint({get: answer});
      const tab = await startTab({endpoint: fake, mirror: mirrorWith(LOCAL_DECISION)});
      expect(await tab.starting).to.deep.equal({
        choices: LOCAL_DECISION.choices,
        source: 'local',
      });

      await until(() => tab.heard.changes.length > 0, 'the sync change');
      await aTimeout(QUIET_MS);

      expect(tab.heard.changes).to.deep.equal([
        {choices: REMOTE_CHOICES, changed: ['analytics', 'recommendations', 'ads'], method: 'sync'},
      ]);
      expect(tab.session.choices).to.deep.equal(REMOTE_CHOICES);
      expect(tab.session.decision?.receiptId).to.equal(receipt.receiptId);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', LOCAL_DECISION.savedAt, false),
        sessionStatus('idle', receipt.recordedAt, false),
      ]);
      expect(tab.heard.errors).to.deep.equal([]);
      expect(fake.posts()).to.deep.equal([]);
    });

    it('an older one does not override this browser’s newer decision', async () => {
      const {answer} = currentRecord('2026-11-20T10:00:00.000Z');
      const fake = endpoint({get: answer});
      const tab = await startTab({endpoint: fake, mirror: mirrorWith(LOCAL_DECISION)});
      await until(() => fake.gets().length > 0, 'the GET');
      await aTimeout(QUIET_MS);

      expect(await tab.starting).to.deep.equal({
        choices: LOCAL_DECISION.choices,
        source: 'local',
      });
      expect(tab.heard.changes).to.deep.equal([]);
      expect(tab.session.choices).to.deep.equal(LOCAL_DECISION.choices);
      expect(tab.session.decision).to.deep.equal(LOCAL_DECISION);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', LOCAL_DECISION.savedAt, false),
      ]);
    });

    it(`one slower than ${RESTORE_WAIT_MS} ms: the defaults first, the record as a sync change when it comes`, async function () {
      this.timeout(RESTORE_WAIT_MS + 5_000);
      const held = gate();
      const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
      const fake = endpoint({get: heldBy(held, answer)});
      const startedAt = performance.now();
      const tab = await startTab({endpoint: fake});
      const waited = performance.now() - startedAt;

      expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
      expect(waited, 'waited for the endpoint').to.be.at.least(RESTORE_WAIT_MS - 1);
      // Not the request's own 20 s timeout (a loaded machine may add a second or two).
      expect(waited, 'but no longer').to.be.below(RESTORE_WAIT_MS + 3_000);
      expect(tab.heard.changes).to.deep.equal([]);

      held.open();
      await until(() => tab.heard.changes.length > 0, 'the sync change');
      expect(tab.heard.changes).to.deep.equal([
        {choices: REMOTE_CHOICES, changed: ['recommendations', 'ads'], method: 'sync'},
      ]);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, false),
        sessionStatus('idle', receipt.recordedAt, false),
      ]);
      expect(tab.heard.errors).to.deep.equal([]);
    });

    it('a subject made on this load asks the endpoint nothing', async () => {
      const fake = endpoint({get: currentRecord('2026-11-22T10:00:00.000Z').answer});
      const tab = await startTab({endpoint: fake, isNewSubject: true});
      await aTimeout(QUIET_MS);
      expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
      expect(fake.gets()).to.deep.equal([]);
      expect(tab.heard.changes).to.deep.equal([]);
    });

    const notARecord: {name: string; answer: FetchAnswer}[] = [
      {name: '204', answer: noRecord},
      {name: '404 (older endpoints)', answer: () => textResponse(404, 'Not Found')},
      {name: '200 with an HTML page', answer: htmlPage},
      {
        name: 'a record of another subject',
        answer: currentRecord('2026-11-22T10:00:00.000Z', {subject: OTHER_SUBJECT}).answer,
      },
      {name: '503', answer: () => textResponse(503, 'Service Unavailable')},
      {name: 'a network failure', answer: new TypeError('Failed to fetch')},
    ];
    for (const {name, answer} of notARecord) {
      it(`a GET answering ${name}: the defaults, and no error`, async () => {
        const fake = endpoint({get: answer});
        const tab = await startTab({endpoint: fake});
        await aTimeout(QUIET_MS);

        expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
        expect(fake.gets()).to.have.length(1);
        expect(tab.session.decision).to.equal(undefined);
        expect(tab.heard.changes).to.deep.equal([]);
        expect(tab.heard.errors).to.deep.equal([]);
        expect(tab.heard.statuses).to.deep.equal([sessionStatus('idle', undefined, false)]);
      });
    }
  });

  describe('"Try again" sends the record again', () => {
    const REFUSED = 'policyVersion 2026-11-01 is not one this endpoint knows';

    /** Decides, and waits until the endpoint refused it. */
    async function refusedDecision(posts: readonly FetchAnswer[]) {
      const fake = endpoint({posts});
      const tab = await startTab({endpoint: fake, isNewSubject: true});
      tab.session.toggle('analytics');
      await until(() => tab.heard.errors.length === 2, 'the refusal');
      const record = bodyOf(fake.posts()[0]);
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: REFUSED, willRetry: false, status: 422},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'refused']);
      return {fake, tab, record};
    }

    it('a refused record goes again under its key, and is saved', async () => {
      const {fake, tab, record} = await refusedDecision([refusal(REFUSED), created]);

      tab.session.retry();
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await aTimeout(QUIET_MS);

      expect(fake.posts().map(keyOf)).to.deep.equal([record.recordId, record.recordId]);
      expect(bodyOf(fake.posts()[1])).to.deep.equal(record);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'refused', 'saving', 'saved']);
      expect(tab.heard.errors, 'no more errors').to.have.length(2);
    });

    it('a second refusal is reported too', async () => {
      const again = 'The record was refused again';
      const {fake, tab, record} = await refusedDecision([refusal(REFUSED), refusal(again)]);

      tab.session.retry();
      await until(() => tab.heard.errors.length === 3, 'the second refusal');
      await aTimeout(QUIET_MS);

      expect(fake.posts().map(keyOf)).to.deep.equal([record.recordId, record.recordId]);
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: REFUSED, willRetry: false, status: 422},
        {message: again, willRetry: false, status: 422},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'refused', 'saving', 'refused']);
      expect(tab.heard.saved).to.deep.equal([]);
    });

    it('a held record (401) goes now, under its key', async () => {
      const fake = endpoint({posts: [() => textResponse(401, 'Unauthorized'), created]});
      const tab = await startTab({endpoint: fake, isNewSubject: true});
      const post = await toggleOn(tab, fake, 'ads');
      await until(() => tab.heard.errors.length === 2, 'the failure');
      await aTimeout(QUIET_MS);
      expect(fake.posts(), 'held: not retried on its own').to.have.length(1);

      tab.session.retry();
      await until(() => tab.heard.saved.length > 0, 'onSaved');

      const record = bodyOf(post);
      expect(fake.posts().map(keyOf)).to.deep.equal([record.recordId, record.recordId]);
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: 'Unauthorized', willRetry: true, status: 401},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'held', 'saving', 'saved']);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
    });
  });

  describe('an answer that is no acknowledgement keeps the record for the next page', () => {
    const heldAnswers: {name: string; answer: FetchAnswer; message: string; status: number}[] = [
      {
        name: 'a 302',
        answer: () => new Response(null, {status: 302, headers: {Location: '/sign-in'}}),
        message:
          'The consent endpoint redirected the request (for example to a sign-in page); the record was not acknowledged.',
        status: 302,
      },
      {
        name: 'a 200 with an HTML page',
        answer: htmlPage,
        message:
          'The consent endpoint answered 200 with a body that is not JSON; the record was not acknowledged.',
        status: 200,
      },
    ];
    for (const {name, answer, message, status} of heldAnswers) {
      it(`${name}: an error with willRetry, held, and the next page sends it again`, async () => {
        const mirror = memoryStore();
        const fake = endpoint({posts: [answer]});
        const tab = await startTab({
          endpoint: fake,
          mirror,
          openStore: indexedStore,
          isNewSubject: true,
        });
        const post = await toggleOn(tab, fake, 'analytics');
        await until(() => tab.heard.errors.length > 0, 'the error');
        await aTimeout(QUIET_MS);

        expect(tab.heard.errors).to.deep.equal([{message, willRetry: true, status}]);
        expect(saves(tab)).to.deep.equal(['idle', 'saving', 'held']);
        expect(tab.heard.saved).to.deep.equal([]);
        expect(fake.posts()).to.have.length(1);

        await closeTab(tab);
        const nextFake = endpoint();
        const next = await startTab({endpoint: nextFake, mirror, openStore: indexedStore});
        await until(() => next.heard.saved.length > 0, 'onSaved on the next page');
        await aTimeout(QUIET_MS);

        const record = bodyOf(post);
        expect(nextFake.posts().map(keyOf)).to.deep.equal([record.recordId]);
        expect(bodyOf(nextFake.posts()[0])).to.deep.equal(record);
        expect(await next.starting).to.deep.equal({choices: record.choices, source: 'local'});
        expect(next.heard.saved).to.deep.equal([receiptOf(record)]);
        expect(saves(next)).to.deep.equal(['held', 'saving', 'saved']);
        expect(next.heard.errors, 'the failure was told on its own page').to.deep.equal([]);
      });
    }
  });

  describe('whether the customer decided under the current policy (a banner shows until then)', () => {
    it('not at first; yes after "Reject all" that changed nothing, and the page is told once', async () => {
      const tab = await startTab({endpoint: undefined, isNewSubject: true});
      expect(tab.session.isDecided).to.equal(false);
      tab.session.rejectAll();
      await tab.session.whenStored();
      expect(tab.session.isDecided).to.equal(true);
      expect(tab.heard.decided).to.deep.equal([false, true]);
    });

    it('a decision under an earlier policy version is not current', async () => {
      const mirror = mirrorWith({...LOCAL_DECISION, policyVersion: '2025-01-01'});
      const tab = await startTab({endpoint: undefined, mirror});
      expect(tab.session.isDecided).to.equal(false);
      expect(tab.heard.decided).to.deep.equal([false]);
    });

    it('a decision this browser kept is current from the start', async () => {
      const tab = await startTab({endpoint: undefined, mirror: mirrorWith(LOCAL_DECISION)});
      expect(tab.session.isDecided).to.equal(true);
      expect(tab.heard.decided).to.deep.equal([true]);
    });
  });

  describe('two tabs sharing IndexedDB', () => {
    const MERGED: Choices = {...DEFAULTS, analytics: 'granted', ads: 'granted'};
    /** The second tab's clock: its customer acts a minute later. */
    const LATER = NOW + 60_000;

    function twoTabs(fake: FakeEndpoint): Promise<[Tab, Tab]> {
      const mirror = memoryStore(); // localStorage, which tabs share
      const setup = {endpoint: fake, mirror, openStore: indexedStore};
      return Promise.all([startTab(setup), startTab({...setup, now: () => LATER})]);
    }

    it('deciding different purposes: both records sent, each tab told of its own, the choices merged', async () => {
      const held = gate();
      const fake = endpoint({posts: [heldBy(held, created), created]});
      const [tabA, tabB] = await twoTabs(fake);

      const postA = await toggleOn(tabA, fake, 'analytics');
      await until(() => tabB.session.choices.analytics === 'granted', 'tab B hears of it');
      tabB.session.toggle('ads');
      await tabB.session.whenStored();
      held.open();
      await until(() => tabA.heard.saved.length + tabB.heard.saved.length === 2, 'both tabs told');
      await until(() => tabA.session.choices.ads === 'granted', 'tab A hears of it');
      await aTimeout(QUIET_MS);

      const recordA = expectedRecord(keyOf(postA)!, {
        choices: {...DEFAULTS, analytics: 'granted'},
        changed: ['analytics'],
      });
      const recordB = expectedRecord(keyOf(fake.posts()[1])!, {
        choices: MERGED,
        changed: ['ads'],
        collectedAt: new Date(LATER).toISOString(),
      });
      expect(fake.posts().map(bodyOf)).to.deep.equal([recordA, recordB]);
      expect(tabA.heard.saved).to.deep.equal([receiptOf(recordA)]);
      expect(tabB.heard.saved).to.deep.equal([receiptOf(recordB)]);
      expect(tabA.heard.changes).to.deep.equal([
        {choices: recordA.choices, changed: ['analytics'], method: 'toggle'},
        {choices: MERGED, changed: ['ads'], method: 'sync'},
      ]);
      expect(tabB.heard.changes).to.deep.equal([
        {choices: recordA.choices, changed: ['analytics'], method: 'sync'},
        {choices: MERGED, changed: ['ads'], method: 'toggle'},
      ]);
      expect(tabA.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, true),
        sessionStatus('saving', undefined, true),
        // The decision in force is B's by now: A's receipt is not its time of saving.
        sessionStatus('saved', undefined, true),
        sessionStatus('saved', RECORDED_AT, true),
      ]);
      expect(tabB.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, true),
        sessionStatus('saving', undefined, true),
        sessionStatus('saved', RECORDED_AT, true),
      ]);
      expect([...tabA.heard.errors, ...tabB.heard.errors]).to.deep.equal([]);
    });

    it('deciding at the same moment, each unaware of the other: one record carries both purposes', async () => {
      const fake = endpoint();
      const [tabA, tabB] = await twoTabs(fake);

      tabA.session.toggle('analytics');
      tabB.session.toggle('ads');
      await until(() => tabA.heard.saved.length + tabB.heard.saved.length === 2, 'both tabs told');
      await until(() => tabA.session.choices.ads === 'granted', 'tab A hears of it');
      await aTimeout(QUIET_MS);

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {
        choices: MERGED,
        changed: ['analytics', 'ads'],
        collectedAt: new Date(LATER).toISOString(),
      });
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(tabA.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(tabB.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(tabA.heard.changes).to.deep.equal([
        {choices: {...DEFAULTS, analytics: 'granted'}, changed: ['analytics'], method: 'toggle'},
        {choices: MERGED, changed: ['ads'], method: 'sync'},
      ]);
      expect(tabB.heard.changes).to.deep.equal([
        {choices: {...DEFAULTS, ads: 'granted'}, changed: ['ads'], method: 'toggle'},
        {choices: MERGED, changed: ['analytics'], method: 'sync'},
      ]);
    });
  });
});
