/**
 * Who the choices belong to: the signed-in customer's id given by the site, or an anonymous
 * random id that stays with this browser.
 */
import {STORAGE_PREFIX, type KeyValueStore} from './storage.js';

export const SUBJECT_KEY = `${STORAGE_PREFIX}subject`;

export function resolveSubject(
  given: string | undefined,
  store: KeyValueStore,
  newId: () => string = () => crypto.randomUUID(),
): string {
  const trimmed = given?.trim();
  if (trimmed) return trimmed;
  let stored: string | null = null;
  try {
    stored = store.getItem(SUBJECT_KEY);
  } catch {
    // Unreadable storage: an id for this page only.
  }
  if (stored) return stored;
  const id = newId();
  try {
    store.setItem(SUBJECT_KEY, id);
  } catch {
    // Same as above.
  }
  return id;
}
