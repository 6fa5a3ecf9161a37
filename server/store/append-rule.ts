/**
 * Exactly once (docs/consent-endpoint.md, "Exactly once"), decided in one place for both
 * stores: each looks up what it holds under the record's id, inside its own transaction, and
 * does what this answers. Pure: no database, no clock, no hashing, so a table test covers it.
 */
import type {ConsentAnswer} from '../../src/core/protocol.js';

/** What a store holds under the incoming record's id (its idempotency key). */
export interface AppendLookup {
  /** The key's row: the hash of the record it was stored for, and the answer sent then. */
  readonly key: {readonly requestHash: string; readonly answer: ConsentAnswer} | undefined;
  /**
   * The record kept under the id, found even after its key expired. `hash` is `undefined` when
   * the store could not hash it (it was stored after the store looked): not the same record.
   */
  readonly stored: {readonly hash: string | undefined; readonly answer: ConsentAnswer} | undefined;
  /** The id belonged to a record of a subject since erased. */
  readonly isErased: boolean;
}

export type AppendDecision =
  | {readonly status: 'replayed'; readonly answer: ConsentAnswer}
  /** The id was used for a different record. */
  | {readonly status: 'conflict'}
  /** Not stored again: its subject was erased. */
  | {readonly status: 'erased'}
  /** New: the store inserts the record and its key, and answers `created`. */
  | {readonly status: 'insert'};

/** What to do with a record whose hash is `requestHash`, given what the store found. */
export function decideAppend(
  requestHash: string,
  {key, stored, isErased}: AppendLookup,
): AppendDecision {
  if (key) {
    return key.requestHash === requestHash
      ? {status: 'replayed', answer: key.answer}
      : {status: 'conflict'};
  }
  // The key expired, but the record is kept: the same record is still not stored twice.
  if (stored) {
    return stored.hash === requestHash
      ? {status: 'replayed', answer: stored.answer}
      : {status: 'conflict'};
  }
  return isErased ? {status: 'erased'} : {status: 'insert'};
}
