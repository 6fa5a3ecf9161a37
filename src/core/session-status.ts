/**
 * What the customer is told about saving, apart from how it is derived (`save-status.ts`): the
 * controller shows it before a session exists, so it stays out of the session's module.
 */
import type {SaveStatus} from './save-status.js';

/** What the customer is told about saving, and since when their choices are saved. */
export interface SessionStatus {
  readonly save: SaveStatus;
  /** When the latest decision was acknowledged (ISO 8601). */
  readonly lastSavedAt: string | undefined;
  /** False when this browser cannot keep records waiting for the endpoint beyond this page. */
  readonly isKept: boolean;
}

/** Before anything was decided or saved on this page. */
export const IDLE_STATUS: SessionStatus = {save: 'idle', lastSavedAt: undefined, isKept: true};

/** A decision applied while the session could not load: on this page only, not recorded. */
export const UNSAVED_STATUS: SessionStatus = {
  save: 'unsaved',
  lastSavedAt: undefined,
  isKept: true,
};
