/**
 * `localStorage` behind a small interface. It may be missing or throw (private modes, blocked
 * storage, a full quota); every access here is best effort and never breaks the page. The
 * shared consent state itself lives in `shared-store.ts`; this holds its synchronous mirror
 * of the decision and the anonymous subject id.
 */
import {readDecisionCore, type DecisionCore} from '../core/stored-decision.js';

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const STORAGE_PREFIX = 'privacy-preferences:';
/** The customer's decision, read synchronously on the next load (also by consent-defaults.js). */
export const DECISION_KEY = `${STORAGE_PREFIX}decision`;
/**
 * How many records wait for the endpoint, mirrored so that a page knows without opening the
 * shared state whether it has delivery work (absent: none).
 */
export const WAITING_KEY = `${STORAGE_PREFIX}waiting`;

/**
 * Where the rule is a notice: the policy version under which the customer dismissed it ("OK"),
 * so that it is not shown again. Not a decision: nothing is recorded.
 */
export const NOTICE_KEY = `${STORAGE_PREFIX}notice`;

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
    if (value === undefined) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The core of the decision as mirrored in `localStorage`, validated. */
export function readMirroredDecision(mirror: KeyValueStore): DecisionCore | undefined {
  return readDecisionCore(readJson(mirror, DECISION_KEY));
}
