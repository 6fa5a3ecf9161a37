/**
 * How a tab tells the others that the shared consent state changed: a fixed ping on a
 * BroadcastChannel (it reaches the other tabs and the other centers of this page), or — where
 * BroadcastChannel is missing — the `storage` event of the decision's mirror. A ping carries
 * nothing to trust: all it makes a listener do is read the state again.
 */
import {DECISION_KEY, WAITING_KEY} from './storage.js';

const CHANNEL_NAME = 'privacy-preferences';
const PING = 'privacy-preferences:changed';

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
    if (event.key === DECISION_KEY || event.key === WAITING_KEY) onPing();
  };
  window.addEventListener('storage', handleStorage);
  return {ping: () => {}, close: () => window.removeEventListener('storage', handleStorage)};
}
