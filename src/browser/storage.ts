/**
 * The customer's decision as kept in this browser, so the next page load applies it before
 * any network round trip (CONTRACT §5). Storage is injected; `localStorage` may be missing or
 * throw (private modes, blocked storage), in which case choices live for this page only.
 */
import type {Choices} from '../core/consent.js';
import type {Outbox, OutboxEntry} from '../core/delivery.js';
import {isRecord} from '../core/json.js';

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const STORAGE_PREFIX = 'privacy-preferences:';
export const DECISION_KEY = `${STORAGE_PREFIX}decision`;
export const OUTBOX_KEY = `${STORAGE_PREFIX}outbox`;

export interface StoredDecision {
  readonly subject: string;
  readonly policyVersion: string;
  readonly choices: Choices;
  /** When the customer made this decision (ISO 8601). */
  readonly decidedAt: string;
  /** When the endpoint acknowledged it, if it has. */
  readonly savedAt?: string;
  readonly receiptId?: string;
  /** Whether the browser sent Global Privacy Control when the decision was made. */
  readonly gpc?: boolean;
  /** When each purpose's choice last changed (ISO 8601), for the customer's receipt. */
  readonly changedAt?: Readonly<Record<string, string>>;
}

/** `localStorage` when it works, else an in-memory stand-in for this page. */
export function browserStore(): KeyValueStore {
  try {
    const probe = `${STORAGE_PREFIX}probe`;
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStore();
  }
}

export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
  };
}

export function readDecision(store: KeyValueStore): StoredDecision | undefined {
  const value = readJson(store, DECISION_KEY);
  if (!isRecord(value) || !isRecord(value.choices)) return undefined;
  if (typeof value.subject !== 'string' || typeof value.policyVersion !== 'string')
    return undefined;
  if (typeof value.decidedAt !== 'string') return undefined;
  return value as unknown as StoredDecision;
}

export function writeDecision(store: KeyValueStore, decision: StoredDecision): void {
  writeJson(store, DECISION_KEY, decision);
}

/** Records not yet acknowledged by the endpoint; kept so a reload or closed tab loses none. */
export function readOutbox(store: KeyValueStore): Outbox {
  const value = readJson(store, OUTBOX_KEY);
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry: unknown): entry is OutboxEntry =>
      isRecord(entry) &&
      isRecord(entry.record) &&
      typeof entry.record.recordId === 'string' &&
      typeof entry.attempts === 'number' &&
      typeof entry.notBefore === 'number',
  );
}

/** Whether the outbox was kept; `false` when storage is full or blocked. */
export function writeOutbox(store: KeyValueStore, outbox: Outbox): boolean {
  if (outbox.length > 0) return writeJson(store, OUTBOX_KEY, outbox);
  try {
    store.removeItem(OUTBOX_KEY);
    return true;
  } catch {
    return false;
  }
}

export function readJson(store: KeyValueStore, key: string): unknown {
  try {
    const text = store.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Best effort: a full or blocked storage must not break the page. Says whether it was kept. */
export function writeJson(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    // The in-page state still holds; the next load falls back to the endpoint or defaults.
    return false;
  }
}
