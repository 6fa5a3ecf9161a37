/**
 * Where the tabs of a site keep their shared consent state (decision, outbox, settlements).
 *
 * Every change is one IndexedDB `readwrite` transaction: the browser runs them one after the
 * other across tabs and processes, so two tabs deciding at the same moment both land — which
 * a read-modify-write of `localStorage` cannot promise, even under a Web Lock, because its
 * copies in other processes are updated asynchronously. After each change the decision is
 * mirrored to `localStorage` (read synchronously by `consent-defaults.js` and at start-up) and
 * the other tabs are pinged to read the state again. The ping carries nothing they trust.
 *
 * Without IndexedDB (blocked storage, some private modes) the state lives in this page only,
 * and the store says so: the session tells the customer. The same happens when IndexedDB
 * refuses a write later (a full disk, the connection closed by an upgrade or by the customer
 * clearing site data): from then on this page keeps the state, and the change goes on.
 */
import {
  EMPTY_STATE,
  readDecision,
  readSharedState,
  type SharedState,
  type StoredDecision,
} from '../core/shared-state.js';
import {
  readJson,
  writeJson,
  DECISION_KEY,
  WAITING_KEY,
  type KeyValueStore,
} from '../browser/storage.js';
import {listenForTabPings, type TabPings} from '../browser/tab-ping.js';

export interface SharedStore {
  /** Whether the state outlives this page (false: IndexedDB is unavailable). */
  readonly isPersistent: boolean;
  /** The state as this page last saw it, for work that cannot wait (leaving the page). */
  readonly cached: SharedState;
  read(): Promise<SharedState>;
  /** Runs `change` atomically against the latest state; resolves once it is stored. */
  update<T>(
    change: (state: SharedState) => {readonly state: SharedState; readonly result: T},
  ): Promise<T>;
  /** Called after every change, this page's or another tab's. */
  subscribe(listener: (state: SharedState) => void): () => void;
  close(): void;
}

const DB_NAME = 'privacy-preferences';
const OBJECT_STORE = 'state';
const KEYS = ['decision', 'outbox', 'settled'] as const;
/** An IndexedDB that does not open within this long is treated as unavailable. */
const OPEN_TIMEOUT_MS = 3000;

export interface SharedStoreOptions {
  /** `localStorage` (or a stand-in): the decision's synchronous mirror. */
  readonly mirror: KeyValueStore;
  readonly indexedDB?: IDBFactory | undefined;
  readonly now?: () => number;
}

/** The whole decision as mirrored in `localStorage`, validated (no time in it after `now`). */
export function mirroredDecision(
  mirror: KeyValueStore,
  now: number = Date.now(),
): StoredDecision | undefined {
  return readDecision(readJson(mirror, DECISION_KEY), now);
}

/** Opens the shared store: IndexedDB when it works, else this page's memory. */
export async function openSharedStore(options: SharedStoreOptions): Promise<SharedStore> {
  const now = options.now ?? Date.now;
  const db = await openDatabase(options.indexedDB ?? safeIndexedDB());
  if (!db) return pageOnlyStore(options.mirror, now);
  return new IndexedStore(db, options.mirror, now);
}

/**
 * This page's state only: for storage that refuses, and for tests. It starts from `initial`,
 * else from the mirrored decision.
 */
export function pageOnlyStore(
  mirror: KeyValueStore,
  now: () => number = Date.now,
  initial: SharedState = {...EMPTY_STATE, decision: mirroredDecision(mirror, now())},
): SharedStore {
  let state = initial;
  const listeners = new Set<(state: SharedState) => void>();
  return {
    isPersistent: false,
    get cached() {
      return state;
    },
    read: async () => state,
    async update(change) {
      const next = change(readSharedState(JSON.parse(JSON.stringify(state)), now()));
      state = next.state;
      writeJson(mirror, DECISION_KEY, state.decision);
      for (const listener of listeners) listener(state);
      return next.result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => listeners.clear(),
  };
}

/** IndexedDB refused a transaction (as opposed to a change that threw). */
class StorageRefused extends Error {}

class IndexedStore implements SharedStore {
  #cached: SharedState;
  /** Where the state lives once IndexedDB refused a write: this page. */
  #pageOnly: SharedStore | undefined;
  /** A transaction has read the database: from then on its state, not the mirror, is known. */
  #hasRead = false;
  private readonly listeners = new Set<(state: SharedState) => void>();
  private readonly pings: TabPings;
  private isClosed = false;

  constructor(
    private readonly db: IDBDatabase,
    private readonly mirror: KeyValueStore,
    private readonly now: () => number,
  ) {
    // Not from the mirror: it is a copy of the database for the entry's first paint, which any
    // script of the site could write; the state comes from the database alone.
    this.#cached = EMPTY_STATE;
    // Another version of the page wants to upgrade the database: let it.
    db.onversionchange = () => db.close();
    this.pings = listenForTabPings(() => void this.refresh());
  }

  get isPersistent(): boolean {
    return this.#pageOnly === undefined;
  }

  get cached(): SharedState {
    return this.#pageOnly?.cached ?? this.#cached;
  }

  async read(): Promise<SharedState> {
    if (this.#pageOnly) return this.#pageOnly.read();
    let state: SharedState;
    try {
      state = await this.transact('readonly', (state) => ({state, result: state}));
    } catch (error) {
      return this.#keepInPage(error).read();
    }
    // The database wins: a mirror that says otherwise (another script wrote it, a write that
    // never reached the database) is corrected.
    if (JSON.stringify(readJson(this.mirror, DECISION_KEY)) !== JSON.stringify(state.decision))
      writeJson(this.mirror, DECISION_KEY, state.decision);
    this.mirrorWaiting();
    return state;
  }

  async update<T>(
    change: (state: SharedState) => {readonly state: SharedState; readonly result: T},
  ): Promise<T> {
    if (this.#pageOnly) return this.#updatePageOnly(this.#pageOnly, change);
    let result: T;
    try {
      result = await this.transact('readwrite', change);
    } catch (error) {
      return this.#updatePageOnly(this.#keepInPage(error), change);
    }
    writeJson(this.mirror, DECISION_KEY, this.#cached.decision);
    this.mirrorWaiting();
    if (!this.isClosed) this.pings.ping();
    this.notify();
    return result;
  }

  /**
   * IndexedDB refused: this page keeps the state from here on, starting from what it last saw.
   * Records still go to the endpoint from this page, and the session tells the customer they
   * are not kept beyond it (`isPersistent`). A change's own error is rethrown.
   */
  #keepInPage(error: unknown): SharedStore {
    if (!(error instanceof StorageRefused)) throw error;
    // Before anything was read from the database, its copy in the mirror is all there is.
    this.#pageOnly ??= this.#hasRead
      ? pageOnlyStore(this.mirror, this.now, this.#cached)
      : pageOnlyStore(this.mirror, this.now);
    return this.#pageOnly;
  }

  async #updatePageOnly<T>(
    store: SharedStore,
    change: (state: SharedState) => {readonly state: SharedState; readonly result: T},
  ): Promise<T> {
    const result = await store.update(change);
    this.mirrorWaiting();
    this.notify();
    return result;
  }

  subscribe(listener: (state: SharedState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.isClosed = true;
    this.listeners.clear();
    this.pings.close();
    // Transactions already started still finish; the connection closes after them.
    this.db.close();
  }

  /** Whether records wait, for pages that have not opened the shared state (see WAITING_KEY). */
  private mirrorWaiting(): void {
    const waiting = this.cached.outbox.length;
    if ((readJson(this.mirror, WAITING_KEY) ?? 0) !== waiting)
      writeJson(this.mirror, WAITING_KEY, waiting > 0 ? waiting : undefined);
  }

  private async refresh(): Promise<void> {
    if (this.isClosed || this.#pageOnly) return;
    try {
      await this.read();
      this.notify();
    } catch {
      // The database went away (cleared by the customer): the next change reports it.
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.cached);
  }

  private transact<T>(
    mode: IDBTransactionMode,
    change: (state: SharedState) => {readonly state: SharedState; readonly result: T},
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let transaction: IDBTransaction;
      try {
        transaction = this.db.transaction(OBJECT_STORE, mode);
      } catch (error) {
        // The connection was closed (an upgrade by another page, site data cleared).
        reject(new StorageRefused(String(error), {cause: error}));
        return;
      }
      const objects = transaction.objectStore(OBJECT_STORE);
      const raw: Record<string, unknown> = {};
      let pending = KEYS.length;
      let result: T;
      let next: SharedState | undefined;
      let failure: {readonly error: unknown} | undefined;
      for (const key of KEYS) {
        const request = objects.get(key);
        request.onsuccess = () => {
          raw[key] = request.result;
          if (--pending > 0) return;
          // Every read is in: decide and write within the same transaction.
          try {
            const outcome = change(readSharedState(raw, this.now()));
            result = outcome.result;
            next = outcome.state;
            if (mode === 'readwrite') {
              for (const name of KEYS) objects.put(next[name] ?? null, name);
            }
          } catch (error) {
            // Nothing of a failed change is written, and its error goes to the caller.
            failure = {error};
            next = undefined;
            transaction.abort();
          }
        };
      }
      transaction.oncomplete = () => {
        if (next) this.#cached = next;
        this.#hasRead = true;
        resolve(result);
      };
      transaction.onabort = () =>
        reject(
          failure
            ? failure.error
            : new StorageRefused(String(transaction.error ?? 'transaction aborted'), {
                cause: transaction.error,
              }),
        );
    });
  }
}

function safeIndexedDB(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB ?? undefined;
  } catch {
    return undefined; // a SecurityError where storage is blocked
  }
}

function openDatabase(factory: IDBFactory | undefined): Promise<IDBDatabase | undefined> {
  if (!factory) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let isSettled = false;
    const done = (db: IDBDatabase | undefined) => {
      clearTimeout(timer);
      // A connection that opens after we gave up on it (timed out, blocked) is closed.
      if (isSettled) db?.close();
      else resolve(db);
      isSettled = true;
    };
    const timer = setTimeout(() => done(undefined), OPEN_TIMEOUT_MS);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(DB_NAME, 1);
    } catch {
      done(undefined);
      return;
    }
    request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Another script made a database of this name without our object store: not ours to use.
      if (db.objectStoreNames.contains(OBJECT_STORE)) return done(db);
      db.close();
      done(undefined);
    };
    request.onerror = () => done(undefined);
    request.onblocked = () => done(undefined);
  });
}
