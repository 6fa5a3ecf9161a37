/**
 * Who the choices belong to: the signed-in customer's id given by the site, or an anonymous
 * random id that stays with this browser.
 */
import {randomUuid} from './random-id.js';
import {STORAGE_PREFIX, type KeyValueStore} from './storage.js';

export const SUBJECT_KEY = `${STORAGE_PREFIX}subject`;

export interface Subject {
  readonly id: string;
  /**
   * An anonymous id made just now: the endpoint cannot have a record of it, so there is
   * nothing to ask for (docs/consent-endpoint.md#get-endpointsubjectid).
   */
  readonly isNew: boolean;
}

/** Keeps `id` as this browser's anonymous subject (best effort, as every write here). */
export function writeSubject(store: KeyValueStore, id: string): void {
  try {
    if (store.getItem(SUBJECT_KEY) !== id) store.setItem(SUBJECT_KEY, id);
  } catch {
    // Unreadable storage: an id for this page only.
  }
}

export function resolveSubject(
  given: string | undefined,
  store: KeyValueStore,
  newId: () => string = randomUuid,
): Subject {
  const trimmed = given?.trim();
  if (trimmed) return {id: trimmed, isNew: false};
  let stored: string | null = null;
  try {
    stored = store.getItem(SUBJECT_KEY);
  } catch {
    // Unreadable storage: an id for this page only.
  }
  if (stored) return {id: stored, isNew: false};
  const id = newId();
  writeSubject(store, id);
  return {id, isNew: true};
}
