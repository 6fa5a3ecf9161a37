/**
 * What the reference endpoint keeps, behind one asynchronous interface with two
 * implementations: SQLite (`sqlite.ts`, the embedded default) and PostgreSQL
 * (`postgres.ts`, for sites that outgrow one machine). `server/test/store.test.ts` runs the
 * same suite against both.
 */
import {timeOf} from '../../src/core/patterns.js';
import type {ConsentAnswer, ConsentRecord} from '../../src/core/protocol.js';
import type {AppendLookup} from './append-rule.js';

export type AppendResult =
  | {readonly status: 'created' | 'replayed'; readonly answer: ConsentAnswer}
  /** The record id was used for a different record. */
  | {readonly status: 'conflict'}
  /**
   * The record was collected before its subject's last erasure (or was itself erased): it is
   * not stored.
   */
  | {readonly status: 'erased'};

/** One page of a listing; `next` continues it, absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

export interface PageRequest {
  readonly limit: number;
  /** The `next` of the page before. */
  readonly cursor?: string | undefined;
  /** For a subject's history: newest arrival first (the default), or oldest first. */
  readonly order?: 'newest' | 'oldest' | undefined;
}

/** What is left of a subject after erasure (GDPR Art. 17): that it happened, and of how much. */
export interface Erasure {
  readonly subject: string;
  readonly erasedAt: string;
  readonly records: number;
}

/** A row of `erasures`, as both stores read it. */
export interface ErasureRow {
  readonly subject: string;
  readonly erased_at: string;
  readonly records: number;
}

export function toErasure(row: ErasureRow): Erasure {
  return {subject: row.subject, erasedAt: row.erased_at, records: row.records};
}

/** The steps of an erasure in a store's own terms; `eraseInSteps` runs them for both stores. */
export interface ErasureSteps<Mark> {
  /** The subject's erasure under way, or a new one marked now (`isNew` says which). */
  begin(subject: string, erasedAt: string): Promise<{readonly mark: Mark; readonly isNew: boolean}>;
  /** Deletes what the mark covers, batch by batch, then ends the erasure. */
  finish(mark: Mark): Promise<Erasure>;
  hasRecords(subject: string): Promise<boolean>;
}

/**
 * Erases a subject. An erasure left unfinished (the process died) is finished first; if it was
 * not this one's and records came after it, they are erased as well, under a new entry.
 */
export async function eraseInSteps<Mark>(
  steps: ErasureSteps<Mark>,
  subject: string,
  erasedAt: string,
): Promise<Erasure> {
  const {mark, isNew} = await steps.begin(subject, erasedAt);
  const erasure = await steps.finish(mark);
  if (isNew || !(await steps.hasRecords(subject))) return erasure;
  return steps.finish((await steps.begin(subject, erasedAt)).mark);
}

export interface ConsentStore {
  /**
   * Stores the record once: its `recordId` is the idempotency key. A repeat of the same record
   * (compared by `recordHash`) replays the first answer — within the key window from the key,
   * after it from the record itself — so exactly-once holds for as long as the record is kept.
   */
  append(record: ConsentRecord): Promise<AppendResult>;
  /**
   * The subject's current record: the one collected last, by `collectedAt` clamped to this
   * server's clock when it arrived — a record delivered late goes into the history only, and a
   * forged future time cannot pin a state. Ties: the later arrival. (docs/consent-endpoint.md,
   * "GET {endpoint}?subject={id}".)
   */
  latest(subject: string): Promise<ConsentAnswer | undefined>;
  /** The subject's records, newest arrival first, or oldest first when the page asks. */
  history(subject: string, page: PageRequest): Promise<Page<ConsentAnswer>>;
  /**
   * Every record that arrived in [from, to) (ISO times), oldest first (by arrival time, then
   * `seq`): for an audit. Each page is read through the arrival index, however large the range.
   */
  range(from: string, to: string, page: PageRequest): Promise<Page<ConsentAnswer>>;
  /** Deletes every record and key of the subject, leaving one erasure entry. */
  erase(subject: string, erasedAt: string): Promise<Erasure>;
  /** The subject's erasure entries, oldest first. */
  erasures(subject: string): Promise<readonly Erasure[]>;
  /** Forgets idempotency keys created before `before`; how many went. */
  pruneKeys(before: string): Promise<number>;
  close(): Promise<void>;
}

/** Idempotency keys are kept this long (a week of retries from a device that was offline). */
export const KEY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * When a record counts as collected, for choosing the current one: its `collectedAt`, but never
 * later than this server's clock when it arrived. One form (UTC, milliseconds), so that the
 * database compares them as text.
 */
export function orderingTime(collectedAt: string, recordedAt: string): string {
  return new Date(Math.min(timeOf(collectedAt), timeOf(recordedAt))).toISOString();
}

/** A store that failed for a moment (busy, locked, disk full): the client retries on 503. */
export class StoreUnavailableError extends Error {
  constructor(
    /** The database's own code (`SQLITE_FULL`, `53100`…), for the one log line. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A new record's answer, and its row's values in the order both stores insert them:
 * receipt_id, record_id, subject, policy_version, record_json, recorded_at, collected_at.
 */
export function newRecordRow(record: ConsentRecord): {
  readonly answer: ConsentAnswer;
  readonly values: readonly string[];
} {
  const answer: ConsentAnswer = {
    receiptId: crypto.randomUUID(),
    recordedAt: new Date().toISOString(),
    record,
  };
  return {
    answer,
    values: [
      answer.receiptId,
      record.recordId,
      record.subject,
      record.policyVersion,
      JSON.stringify(record),
      answer.recordedAt,
      orderingTime(record.collectedAt, answer.recordedAt),
    ],
  };
}

/** A stored record as both databases return it (`seq` is a bigint's text in PostgreSQL). */
export interface RecordRow {
  readonly seq: number | string;
  readonly receipt_id: string;
  readonly recorded_at: string;
  readonly record_json: string;
}

export function toAnswer(row: RecordRow): ConsentAnswer {
  return {
    receiptId: row.receipt_id,
    recordedAt: row.recorded_at,
    record: JSON.parse(row.record_json) as ConsentRecord,
  };
}

/**
 * The record kept under an id with its idempotency key, if it has one. A key holds only the hash
 * of the request it was made for: it is the record's id (docs/consent-endpoint.md), so the
 * answer it replays is rebuilt from the record's row — the same receipt, time and record as the
 * first answer, without storing the record twice.
 */
export interface StoredRow extends RecordRow {
  readonly request_hash: string | null;
}

/** The key as the append rule reads it. */
export function toKey(row: StoredRow): AppendLookup['key'] {
  return row.request_hash === null
    ? undefined
    : {requestHash: row.request_hash, answer: toAnswer(row)};
}

/**
 * `limit + 1` rows asked for: the extra one says whether there is a next page, which continues
 * after the last row of this one (its `seq`, or what `cursorAt` makes of it).
 */
export function paged(
  rows: readonly RecordRow[],
  {limit}: PageRequest,
  cursorAt: (row: RecordRow) => string = (row) => String(row.seq),
): Page<ConsentAnswer> {
  const items = rows.slice(0, limit);
  return {
    items: items.map(toAnswer),
    next: rows.length > limit ? cursorAt(items.at(-1)!) : undefined,
  };
}

/** The page's cursor (a row's `seq`), when it is one. */
export function cursorOf(page: PageRequest): string | undefined {
  return page.cursor !== undefined && /^\d{1,19}$/.test(page.cursor) ? page.cursor : undefined;
}

/**
 * A range export's place: the arrival time and `seq` of the last row sent, so that the next
 * page is one seek in the index on (recorded_at, seq) instead of a sort of the whole range.
 */
export const rangeCursor = {
  of: (row: RecordRow): string => `${row.recorded_at} ${row.seq}`,
  /** `[recorded_at, seq]` to continue after; before the first row of the range without one. */
  parse(page: PageRequest, from: string): [string, string] {
    const match = /^(\S+) (\d{1,19})$/.exec(page.cursor ?? '');
    return match ? [match[1]!, match[2]!] : [from, '0'];
  },
};
