/** `window.indexedDB` as a browser that lacks or blocks it shows it to the page. */

/** What a page reads where site data is blocked: reading `indexedDB` throws. */
export const BLOCKED: PropertyDescriptor = {
  get: () => {
    throw new DOMException('Storage is blocked.', 'SecurityError');
  },
};

/** What a page reads where there is no IndexedDB at all. */
export const MISSING: PropertyDescriptor = {value: undefined};

/** Replaces `window.indexedDB`; returns what puts the real one back. */
export function replaceIndexedDB(replacement: PropertyDescriptor): () => void {
  const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
  Object.defineProperty(window, 'indexedDB', {configurable: true, ...replacement});
  return () => Object.defineProperty(window, 'indexedDB', original);
}

/** Runs one request against the shared state's object store in IndexedDB, as another script would. */
function withStateStore<T>(
  mode: IDBTransactionMode,
  act: (objects: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open('privacy-preferences', 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore('state');
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      const request = act(db.transaction('state', mode).objectStore('state'));
      request.onsuccess = () => {
        db.close();
        resolve(request.result);
      };
      request.onerror = () => {
        db.close();
        reject(request.error);
      };
    };
  });
}

/** The records waiting for the endpoint, as every tab of this origin sees them. */
export async function storedOutbox(): Promise<{record: {recordId: string}; notBefore: number}[]> {
  const outbox: unknown = await withStateStore('readonly', (objects) => objects.get('outbox'));
  return Array.isArray(outbox) ? outbox : [];
}

/** Writes one part of the shared state as it is, however malformed (a hostile or old script). */
export function writeStoredState(key: 'decision' | 'outbox' | 'settled', value: unknown) {
  return withStateStore('readwrite', (objects) => objects.put(value, key));
}
