/**
 * The shared store against the browser's real IndexedDB, BroadcastChannel and localStorage.
 * Two stores opened in one page stand for two tabs: each has its own database connection and
 * channel, as a second tab would.
 */
import {aTimeout, expect, waitUntil} from '@open-wc/testing';
import {
  openSharedStore,
  mirroredDecision,
  pageOnlyStore,
  type SharedStore,
  type SharedStoreOptions,
} from '../../src/center/shared-store.js';
import {DECISION_KEY, memoryStore, type KeyValueStore} from '../../src/browser/storage.js';
import type {OutboxEntry} from '../../src/core/outbox.js';
import {EMPTY_STATE, type SharedState, type StoredDecision} from '../../src/core/shared-state.js';
import {consentRecord, SUBJECT} from '../fixtures/record.js';
import {BLOCKED, MISSING, replaceIndexedDB} from '../support/indexeddb.js';

const DB_NAME = 'privacy-preferences';
const OBJECT_STORE = 'state';
const CHANNEL = 'privacy-preferences';
const PING = 'privacy-preferences:changed';

const DECISION: StoredDecision = {
  subject: SUBJECT,
  policyVersion: '2026-11-01',
  choices: {essential: 'granted', analytics: 'granted', ads: 'denied'},
  decidedAt: '2026-11-23T06:00:00.000Z',
  changedAt: {analytics: '2026-11-23T06:00:00.000Z'},
  gpc: false,
};

const opened: SharedStore[] = [];
const channels: BroadcastChannel[] = [];

async function open(options: Partial<SharedStoreOptions> = {}): Promise<SharedStore> {
  const store = await openSharedStore({mirror: localStorage, ...options});
  opened.push(store);
  return store;
}

function channel(): BroadcastChannel {
  const result = new BroadcastChannel(CHANNEL);
  channels.push(result);
  return result;
}

/** An IndexedDB request as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** A connection of the test's own to the store's database (as another script would open it). */
async function rawDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
  return done(request);
}

/** Writes values straight into the object store, bypassing every check of the store. */
async function rawPut(values: Record<string, unknown>): Promise<void> {
  const db = await rawDatabase();
  const transaction = db.transaction(OBJECT_STORE, 'readwrite');
  for (const [key, value] of Object.entries(values)) {
    transaction.objectStore(OBJECT_STORE).put(value, key);
  }
  await new Promise((resolve, reject) => {
    transaction.oncomplete = resolve;
    transaction.onabort = () => reject(transaction.error);
  });
  db.close();
}

/** What the object store holds, key by key. */
async function rawGet(): Promise<Record<string, unknown>> {
  const db = await rawDatabase();
  const objects = db.transaction(OBJECT_STORE).objectStore(OBJECT_STORE);
  const keys = (await done(objects.getAllKeys())) as string[];
  const values = await done(objects.getAll());
  db.close();
  return Object.fromEntries(keys.map((key, index) => [key, values[index]]));
}

async function deleteDatabase(): Promise<void> {
  // A store still open closes on `versionchange`; `blocked` then turns into success.
  await done(indexedDB.deleteDatabase(DB_NAME));
}

function entry(recordId: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {record: consentRecord(recordId), attempts: 1, notBefore: 0, ...overrides};
}

/** A change that appends an entry without folding (attempted), and says how long the outbox got. */
function append(recordId: string) {
  return (state: SharedState) => ({
    state: {...state, outbox: [...state.outbox, entry(recordId)]},
    result: state.outbox.length + 1,
  });
}

const setDecision = (decision: StoredDecision | undefined) => (state: SharedState) => ({
  state: {...state, decision},
  result: undefined,
});

/** What a store's subscribers heard, in order. */
function listen(store: SharedStore): SharedState[] {
  const heard: SharedState[] = [];
  store.subscribe((state) => heard.push(state));
  return heard;
}

/** Errors nobody caught, and rejections nobody handled, while a test runs. */
const uncaught: unknown[] = [];
const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);
const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);

const until = (predicate: () => boolean, message: string) =>
  waitUntil(predicate, message, {timeout: 3_000, interval: 2});

describe('openSharedStore (IndexedDB)', () => {
  beforeEach(async () => {
    await deleteDatabase();
    localStorage.removeItem(DECISION_KEY);
    uncaught.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });

  afterEach(async () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    for (const store of opened.splice(0)) store.close();
    for (const open of channels.splice(0)) open.close();
    await deleteDatabase();
    localStorage.removeItem(DECISION_KEY);
  });

  it('is persistent and starts empty', async () => {
    const store = await open();
    expect(store.isPersistent).to.be.true;
    expect(store.cached).to.deep.equal(EMPTY_STATE);
    expect(await store.read()).to.deep.equal(EMPTY_STATE);
  });

  it('two tabs making 50 changes each at the same moment lose none of them', async () => {
    const tabA = await open();
    const tabB = await open();
    const ids = (tab: string) =>
      Array.from({length: 50}, (_, n) => `${tab}-${String(n).padStart(4, '0')}`);
    const idsA = ids('tab-a');
    const idsB = ids('tab-b');
    // Started together, interleaved: every update reads and writes while the others are pending.
    const lengths = await Promise.all(
      idsA.flatMap((idA, n) => [tabA.update(append(idA)), tabB.update(append(idsB[n]!))]),
    );

    // Each change saw the one before it: the lengths it saw are 1..100, each exactly once.
    expect([...lengths].sort((x, y) => x - y)).to.deep.equal(
      Array.from({length: 100}, (_, n) => n + 1),
    );
    const final = await tabA.read();
    const stored = final.outbox.map((item) => item.record.recordId);
    expect(stored).to.have.length(100);
    expect(new Set(stored).size).to.equal(100);
    // Each tab's own changes land in the order it made them.
    expect(stored.filter((id) => id.startsWith('tab-a'))).to.deep.equal(idsA);
    expect(stored.filter((id) => id.startsWith('tab-b'))).to.deep.equal(idsB);
    expect(await tabB.read(), 'both tabs read the same state').to.deep.equal(final);
  });

  it("the other tab's subscribers hear of a change, with the new state", async () => {
    const tabA = await open();
    const tabB = await open();
    const heardA = listen(tabA);
    const heardB = listen(tabB);

    await tabA.update(setDecision(DECISION));
    const expected: SharedState = {decision: DECISION, outbox: [], settled: []};
    expect(heardA, "this tab's subscribers, at once").to.deep.equal([expected]);
    expect(tabA.cached).to.deep.equal(expected);

    await until(() => heardB.length > 0, "the other tab's subscriber");
    await aTimeout(50);
    expect(heardB, 'once, with the new state').to.deep.equal([expected]);
    expect(tabB.cached).to.deep.equal(expected);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const tabA = await open();
    const tabB = await open();
    const heard: SharedState[] = [];
    const unsubscribe = tabB.subscribe((state) => heard.push(state));
    await tabA.update(setDecision(DECISION));
    await until(() => heard.length === 1, 'the first change');
    unsubscribe();
    await tabA.update(setDecision(undefined));
    await aTimeout(80);
    expect(heard).to.have.length(1);
  });

  it('a closed store hears nothing more, and pings nobody', async () => {
    const tabA = await open();
    const tabB = await open();
    const heardB = listen(tabB);
    const pings: unknown[] = [];
    channel().onmessage = (event) => pings.push(event.data);

    tabB.close();
    await tabA.update(setDecision(DECISION));
    await until(() => pings.length === 1, 'the ping');
    await aTimeout(50);
    expect(pings).to.deep.equal([PING]);
    expect(heardB).to.deep.equal([]);
  });

  describe('a forged message on the channel changes nothing and throws nothing', () => {
    const hostileDecision = {...DECISION, choices: {analytics: 'denied', ads: 'granted'}};
    const forged: {name: string; message: unknown}[] = [
      {name: 'null', message: null},
      {name: 'undefined', message: undefined},
      {name: '{}', message: {}},
      {name: "'x'", message: 'x'},
      {name: 'a number', message: 42},
      {name: 'NaN', message: Number.NaN},
      {name: 'true', message: true},
      {name: 'an empty array', message: []},
      {name: 'the ping inside an array', message: [PING]},
      {name: 'the ping inside an object', message: {type: PING, data: PING}},
      {name: 'the ping as a String object', message: new String(PING)},
      {name: 'the ping with a trailing space', message: `${PING} `},
      {name: 'the ping in capitals', message: PING.toUpperCase()},
      {
        name: 'a decision message (as older versions sent)',
        message: {kind: 'decision', decision: hostileDecision},
      },
      {
        name: 'a state message',
        message: {kind: 'state', state: {decision: hostileDecision, outbox: [], settled: []}},
      },
      {name: 'a 5 MB string', message: 'x'.repeat(5_000_000)},
      {name: 'a Map', message: new Map([[PING, hostileDecision]])},
    ];

    for (const {name, message} of forged) {
      it(name, async () => {
        const tabA = await open();
        const tabB = await open();
        await tabA.update(setDecision(DECISION));
        const heardB = listen(tabB);
        await until(() => heardB.length === 1, 'the real ping');
        heardB.length = 0;
        const storedBefore = await rawGet();
        const mirrorBefore = localStorage.getItem(DECISION_KEY);

        const forger = channel();
        forger.postMessage(message);
        // Then the exact ping, which only makes the tab read again: once it is heard, every
        // message before it has been handled.
        forger.postMessage(PING);
        await until(() => heardB.length > 0, 'the exact ping');
        await aTimeout(40);

        const expected: SharedState = {decision: DECISION, outbox: [], settled: []};
        expect(heardB, 'heard once, for the exact ping').to.deep.equal([expected]);
        expect(tabB.cached).to.deep.equal(expected);
        expect(await tabA.read()).to.deep.equal(expected);
        expect(await rawGet()).to.deep.equal(storedBefore);
        expect(localStorage.getItem(DECISION_KEY)).to.equal(mirrorBefore);
        expect(uncaught).to.deep.equal([]);
      });
    }
  });

  describe('malformed data in the database is read back sanitized', () => {
    const good = entry('good-0001', {attempts: 2, notBefore: 1_000});
    const rows: {name: string; stored: Record<string, unknown>; expected: SharedState}[] = [
      {
        name: 'values of the wrong types',
        stored: {decision: 'granted', outbox: {0: good}, settled: 42},
        expected: EMPTY_STATE,
      },
      {
        name: 'structured-clone values JSON cannot hold',
        stored: {decision: new Date(0), outbox: new Map([[0, good]]), settled: new Uint8Array(4)},
        expected: EMPTY_STATE,
      },
      {
        name: 'a decision with a bad choice, and bad outbox entries among good ones',
        stored: {
          decision: {...DECISION, choices: {analytics: 'yes'}},
          outbox: [
            null,
            good,
            {...entry('bad-attempts'), attempts: -1},
            {...entry('bad-record1'), record: {...consentRecord('bad-record1'), method: 'sync'}},
            entry('forever-001', {notBefore: Number.POSITIVE_INFINITY}),
            entry('not-a-number', {notBefore: Number.NaN}),
            good,
          ],
          settled: [{outcome: 'saved', recordIds: []}, 'refused'],
        },
        expected: {decision: undefined, outbox: [good], settled: []},
      },
    ];
    for (const {name, stored, expected} of rows) {
      it(name, async () => {
        const store = await open();
        await rawPut(stored);
        expect(await store.read()).to.deep.equal(expected);
        expect(store.cached, 'cached is what was read').to.deep.equal(expected);
      });
    }

    it('an entry due in a thousand years is due now', async () => {
      const now = Date.UTC(2026, 10, 23, 6);
      const store = await open({now: () => now});
      await rawPut({outbox: [entry('far-future1', {notBefore: now + 3e13})]});
      expect((await store.read()).outbox).to.deep.equal([entry('far-future1', {notBefore: now})]);
    });

    it('the next change writes the sanitized state back', async () => {
      const store = await open();
      const good = entry('good-0001');
      await rawPut({decision: {subject: 42}, outbox: [good, 'junk', good], settled: 'nope'});
      await store.update((state) => ({state, result: undefined}));
      expect(await rawGet()).to.deep.equal({decision: null, outbox: [good], settled: []});
    });
  });

  describe('the localStorage mirror', () => {
    it('holds the decision after every change, and nothing once it is cleared', async () => {
      const store = await open();
      await store.update(setDecision(DECISION));
      expect(JSON.parse(localStorage.getItem(DECISION_KEY) ?? 'null')).to.deep.equal(DECISION);
      expect(mirroredDecision(localStorage)).to.deep.equal(DECISION);

      await store.update(setDecision(undefined));
      expect(localStorage.getItem(DECISION_KEY)).to.equal(null);
    });

    it('is never a source: a decision only the mirror holds (another script wrote it) is not adopted, and the mirror is corrected', async () => {
      localStorage.setItem(DECISION_KEY, JSON.stringify(DECISION));
      const store = await open();
      expect(store.cached).to.deep.equal(EMPTY_STATE);
      expect(await store.read()).to.deep.equal(EMPTY_STATE);
      expect(localStorage.getItem(DECISION_KEY)).to.equal(null);

      localStorage.setItem(DECISION_KEY, JSON.stringify(DECISION));
      await store.update(append('forged-0001'));
      expect(store.cached.decision).to.equal(undefined);
      expect(localStorage.getItem(DECISION_KEY)).to.equal(null);
    });

    it('a mirror that lags behind the database is brought up to date by the next read', async () => {
      const store = await open();
      await store.update(setDecision(DECISION));
      localStorage.setItem(DECISION_KEY, JSON.stringify({...DECISION, choices: {}}));
      await store.read();
      expect(mirroredDecision(localStorage)).to.deep.equal(DECISION);
    });

    it('a mirror that cannot be written does not fail the change', async () => {
      const full: KeyValueStore = {
        ...memoryStore(),
        setItem: () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        },
      };
      const store = await open({mirror: full});
      await store.update(setDecision(DECISION));
      expect((await store.read()).decision).to.deep.equal(DECISION);
    });
  });

  it('when IndexedDB refuses before anything was read from it, this page starts from its copy', async () => {
    localStorage.setItem(DECISION_KEY, JSON.stringify(DECISION));
    const store = await open();
    await deleteDatabase(); // the connection closes before the first read
    expect(await store.read()).to.deep.equal({decision: DECISION, outbox: [], settled: []});
    expect(store.isPersistent).to.be.false;
    expect(uncaught).to.deep.equal([]);
  });

  it('when IndexedDB refuses later (the connection closed by another page), this page keeps the state and says so', async () => {
    const store = await open();
    await store.update(append('refused-0001'));
    const heard: SharedState[] = [];
    store.subscribe((state) => void heard.push(state));
    await deleteDatabase(); // another page deleting (or upgrading) the database closes ours

    expect(await store.update(append('refused-0002'))).to.equal(2);
    await store.update(setDecision(DECISION));

    expect(store.isPersistent).to.be.false;
    expect(store.cached.outbox.map((queued) => queued.record.recordId)).to.deep.equal([
      'refused-0001',
      'refused-0002',
    ]);
    expect(await store.read()).to.deep.equal(store.cached);
    expect(mirroredDecision(localStorage)).to.deep.equal(DECISION);
    expect(heard.map((state) => state.outbox.length)).to.deep.equal([2, 2]);
    // A change that throws still rejects with its own error.
    const refused = new Error('refused by the change');
    let caught: unknown;
    await store
      .update(() => {
        throw refused;
      })
      .catch((error: unknown) => (caught = error));
    expect(caught).to.equal(refused);
    expect(uncaught).to.deep.equal([]);
  });

  it('cached follows every change, this tab’s and the other’s', async () => {
    const tabA = await open();
    const tabB = await open();
    const lengths = [await tabA.update(append('cached-0001'))];
    expect(tabA.cached.outbox.map((item) => item.record.recordId)).to.deep.equal(['cached-0001']);
    lengths.push(await tabB.update(append('cached-0002')));
    expect(lengths).to.deep.equal([1, 2]);
    await until(() => tabA.cached.outbox.length === 2, "tab A hears tab B's change");
    expect(tabA.cached).to.deep.equal(tabB.cached);
  });

  it('a change that throws rejects with its error, changes nothing, and nothing is left uncaught', async () => {
    const store = await open();
    await store.update(setDecision(DECISION));
    const failure = new Error('the change failed');
    let rejection: unknown;
    await store
      .update(() => {
        throw failure;
      })
      .catch((error: unknown) => (rejection = error));
    await aTimeout(20);
    expect(rejection).to.equal(failure);
    expect((await store.read()).decision).to.deep.equal(DECISION);
    expect(uncaught).to.deep.equal([]);
  });

  describe('falls back to a page-only store', () => {
    /** An IDBFactory whose open request ends as the row says. */
    function factory(open: () => IDBOpenDBRequest): IDBFactory {
      return {open} as unknown as IDBFactory;
    }
    function request(event: 'onerror' | 'onblocked'): IDBOpenDBRequest {
      const pending = {} as Record<string, unknown>;
      setTimeout(() => (pending[event] as (() => void) | undefined)?.(), 0);
      return pending as unknown as IDBOpenDBRequest;
    }

    const rows: {name: string; indexedDB: IDBFactory}[] = [
      {
        name: 'when open() throws',
        indexedDB: factory(() => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        }),
      },
      {name: 'when the open request fails', indexedDB: factory(() => request('onerror'))},
      {name: 'when the open request is blocked', indexedDB: factory(() => request('onblocked'))},
    ];
    for (const row of rows) {
      it(row.name, async () => {
        localStorage.setItem(DECISION_KEY, JSON.stringify(DECISION));
        const store = await open({indexedDB: row.indexedDB});
        expect(store.isPersistent).to.be.false;
        expect(store.cached, 'starts from the mirror').to.deep.equal({
          decision: DECISION,
          outbox: [],
          settled: [],
        });
        const heard = listen(store);
        const length = await store.update(append('page-0001'));
        expect(length).to.equal(1);
        expect(store.cached.outbox.map((item) => item.record.recordId)).to.deep.equal([
          'page-0001',
        ]);
        expect(heard).to.deep.equal([store.cached]);
        expect(await store.read()).to.deep.equal(store.cached);
        // Nothing of it went into the real database.
        expect(await rawGet()).to.deep.equal({});
      });
    }

    const unavailable = [
      {name: 'when IndexedDB itself is missing', descriptor: MISSING},
      {name: 'when reading IndexedDB throws (storage blocked)', descriptor: BLOCKED},
    ];
    for (const {name, descriptor} of unavailable) {
      it(name, async () => {
        const restore = replaceIndexedDB(descriptor);
        try {
          const store = await open();
          expect(store.isPersistent).to.be.false;
        } finally {
          restore();
        }
      });
    }

    it('when the database exists without its object store (made by another script)', async () => {
      const db = await done(
        Object.assign(indexedDB.open(DB_NAME, 1), {
          onupgradeneeded(this: IDBOpenDBRequest) {
            this.result.createObjectStore('something-else');
          },
        }),
      );
      db.close();
      const store = await open();
      // Either way the customer's decision must be kept somewhere.
      await store.update(setDecision(DECISION));
      expect(store.isPersistent).to.be.false;
    });
  });
});

describe('pageOnlyStore', () => {
  it('keeps the state in this page, mirrors the decision, tells subscribers', async () => {
    const mirror = memoryStore();
    const store = pageOnlyStore(mirror, () => 0);
    const heard = listen(store);
    expect(store.isPersistent).to.be.false;
    expect(store.cached).to.deep.equal(EMPTY_STATE);

    await store.update(setDecision(DECISION));
    expect(JSON.parse(mirror.getItem(DECISION_KEY) ?? 'null')).to.deep.equal(DECISION);
    expect(heard).to.deep.equal([{decision: DECISION, outbox: [], settled: []}]);

    const other = pageOnlyStore(mirror);
    await other.update(append('other-page1'));
    expect(store.cached.outbox, 'another page-only store shares nothing').to.deep.equal([]);
    expect(other.cached.decision, 'but starts from the mirror').to.deep.equal(DECISION);
  });

  it('gives each change a validated copy, as the database would', async () => {
    const now = 5_000;
    const store = pageOnlyStore(memoryStore(), () => now);
    await store.update((state) => ({
      state: {
        ...state,
        outbox: [
          entry('page-0001', {notBefore: now + 3e13}),
          entry('page-0001'),
          entry('page-0002', {attempts: -1}),
          entry('page-0003', {record: {...consentRecord('page-0003'), subject: ''}}),
        ],
      },
      result: undefined,
    }));
    const seen = await store.update((state) => ({state, result: state.outbox}));
    expect(seen).to.deep.equal([entry('page-0001', {notBefore: now})]);
  });

  it('a change that throws rejects with its error and changes nothing', async () => {
    const store = pageOnlyStore(memoryStore());
    await store.update(setDecision(DECISION));
    const failure = new Error('the change failed');
    let rejection: unknown;
    await store
      .update(() => {
        throw failure;
      })
      .catch((error: unknown) => (rejection = error));
    expect(rejection).to.equal(failure);
    expect(store.cached.decision).to.deep.equal(DECISION);
  });

  it('close() stops the notifications', async () => {
    const store = pageOnlyStore(memoryStore());
    const heard = listen(store);
    store.close();
    await store.update(setDecision(DECISION));
    expect(heard).to.deep.equal([]);
  });
});
