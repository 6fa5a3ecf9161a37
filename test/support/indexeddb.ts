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
