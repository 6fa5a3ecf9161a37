/**
 * What the customer is told about their latest decisions in this tab: derived, never stored,
 * from where this tab's records stand in the shared state. Pure, so every case is a table row.
 */
import type {Standing} from './shared-state.js';

export type SaveStatus =
  /** Nothing decided on this page yet. */
  | 'idle'
  /** No endpoint: choices stay in this browser. */
  | 'local-only'
  | 'saving'
  | 'saved'
  /** A network failure, 408, 429 or 5xx: it is retried on its own. */
  | 'retrying'
  /** Not acknowledged (a session that ended, a redirect): it goes again on the next visit. */
  | 'held'
  /** The endpoint refused it for good: the customer may try again. */
  | 'refused'
  /**
   * The session could not load (never derived here: the controller says it): a decision
   * applies on this page only and is not recorded.
   */
  | 'unsaved';

export interface SaveStatusInput {
  readonly hasEndpoint: boolean;
  /** This tab's records not yet heard of as saved, and where each stands. */
  readonly awaiting: readonly Standing[];
  /** The endpoint refused one of this tab's records, and it was not offered again. */
  readonly hasRefusal: boolean;
  /** One of this tab's records was saved on this page. */
  readonly hasSavedHere: boolean;
}

export function saveStatus({
  hasEndpoint,
  awaiting,
  hasRefusal,
  hasSavedHere,
}: SaveStatusInput): SaveStatus {
  if (!hasEndpoint) return 'local-only';
  if (hasRefusal) return 'refused';
  const failures = awaiting.map((standing) =>
    standing.kind === 'pending' ? standing.entry.failure?.kind : undefined,
  );
  if (failures.includes('held')) return 'held';
  if (failures.includes('retrying')) return 'retrying';
  if (awaiting.length > 0) return 'saving';
  return hasSavedHere ? 'saved' : 'idle';
}
