/**
 * How a tab tells the others that the shared consent state changed: a fixed ping on a
 * BroadcastChannel (it reaches the other tabs and the other centers of this page), or — where
 * BroadcastChannel is missing — the `storage` event of our keys in `localStorage`. A ping carries
 * nothing to trust: all it makes a listener do is read the state again.
 */
import {STORAGE_PREFIX} from './storage.js';

const CHANNEL_NAME = 'privacy-preferences';
/** The one message on the channel that counts. */
const PING = `${CHANNEL_NAME}:changed`;

export interface TabPings {
  /** Tells the others (nothing where BroadcastChannel is missing: the mirror's write does). */
  ping(): void;
  close(): void;
}

/** Calls `onPing` when another tab or center changed the shared state, until closed. */
export function listenForTabPings(onPing: () => void): TabPings {
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data === PING) onPing();
    };
    return {ping: () => channel.postMessage(PING), close: () => channel.close()};
  }
  const handleStorage = (event: StorageEvent) => {
    if (event.key?.startsWith(STORAGE_PREFIX)) onPing();
  };
  window.addEventListener('storage', handleStorage);
  return {ping: () => {}, close: () => window.removeEventListener('storage', handleStorage)};
}
