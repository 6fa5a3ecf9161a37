/**
 * Keeps the page's other tabs in step: a decision made in one tab, and the endpoint's
 * acknowledgement of a record (whichever tab delivered it), reach the others, which show
 * them without a reload and without posting again. BroadcastChannel where available, else
 * the `storage` event on the stored decision (which carries decisions only).
 */
import type {ConsentReceipt} from '../core/record.js';
import {DECISION_KEY, readDecision, type StoredDecision} from './storage.js';

const CHANNEL_NAME = 'privacy-preferences';

export type TabMessage =
  | {readonly kind: 'decision'; readonly decision: StoredDecision}
  | {readonly kind: 'saved'; readonly receipt: ConsentReceipt};

export interface TabLink {
  announce(message: TabMessage): void;
  close(): void;
}

export function linkTabs(onMessage: (message: TabMessage) => void): TabLink {
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event: MessageEvent<TabMessage>) => onMessage(event.data);
    let isClosed = false;
    return {
      // A record in flight may be acknowledged after its element left the page: not an error.
      announce: (message) => isClosed || channel.postMessage(message),
      close: () => {
        isClosed = true;
        channel.close();
      },
    };
  }
  const handleStorage = (event: StorageEvent) => {
    if (event.key !== DECISION_KEY || event.newValue === null) return;
    const {newValue} = event;
    const decision = readDecision({getItem: () => newValue, setItem() {}, removeItem() {}});
    if (decision) onMessage({kind: 'decision', decision});
  };
  window.addEventListener('storage', handleStorage);
  return {announce: () => {}, close: () => window.removeEventListener('storage', handleStorage)};
}
