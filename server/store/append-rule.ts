/**
 * Exactly once (docs/consent-endpoint.md, "Exactly once"), decided in one place for both
 * stores: each looks up what it holds under the record's id, inside its own transaction, and
 * does what this answers. Pure: no database, no clock, no hashing, so a table test covers it.
 */
import {timeOf} from '../../src/core/patterns.js';
import type {ConsentAnswer} from '../../src/core/protocol.js';

/** The incoming record, as far as the rule reads it. */
export interface IncomingRecord {
  /** Its `recordHash`. */
  readonly hash: string;
  /** Its `collectedAt`, as sent. */
  readonly collectedAt: string;
}

/** What a store holds under the incoming record's id (its idempotency key) and subject. */
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
  /** When the record's subject was last erased, if ever. */
  readonly subjectErasedAt: string | undefined;
}

export type AppendDecision =
  | {readonly status: 'replayed'; readonly answer: ConsentAnswer}
  /** The id was used for a different record. */
  | {readonly status: 'conflict'}
  /** Not stored: its subject was erased after it was collected (or it was erased itself). */
  | {readonly status: 'erased'}
  /** New: the store inserts the record and its key, and answers `created`. */
  | {readonly status: 'insert'};

/** What to do with `incoming`, given what the store found. */
export function decideAppend(
  incoming: IncomingRecord,
  {key, stored, isErased, subjectErasedAt}: AppendLookup,
): AppendDecision {
  if (key) {
    return key.requestHash === incoming.hash
      ? {status: 'replayed', answer: key.answer}
      : {status: 'conflict'};
  }
  // The key expired, but the record is kept: the same record is still not stored twice.
  if (stored) {
    return stored.hash === incoming.hash
      ? {status: 'replayed', answer: stored.answer}
      : {status: 'conflict'};
  }
  if (isErased) return {status: 'erased'};
  // A choice made before the erasure and delivered after it (a device that was offline) is
  // part of what was erased: it must not come back as the subject's current record.
  if (subjectErasedAt !== undefined && timeOf(incoming.collectedAt) <= timeOf(subjectErasedAt)) {
    return {status: 'erased'};
  }
  return {status: 'insert'};
}
