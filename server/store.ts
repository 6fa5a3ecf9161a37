import {randomUUID} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import type {ConsentAnswer, ConsentRecord} from '../src/core/protocol.js';

export type AppendResult =
  {status: 'created' | 'replayed'; answer: ConsentAnswer} | {status: 'conflict'};

export interface ConsentStore {
  /** Stores the record once per idempotency key; a repeat with the same hash replays the answer. */
  append(record: ConsentRecord, idempotencyKey: string, requestHash: string): AppendResult;
  /**
   * The subject's current record: the one collected last (CONTRACT §6), by `collectedAt`
   * clamped to this server's clock when it arrived — a record delivered late goes into the
   * history only, and a forged future time cannot pin a state. Ties: the later arrival.
   */
  latest(subject: string): ConsentAnswer | undefined;
  /** Every record of the subject, newest arrival first. */
  history(subject: string): ConsentAnswer[];
  close(): void;
}

export interface ConsentStoreOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

const schemaVersion = 2;

const noUpdateTrigger = `CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;`;

// Append-only by construction: the triggers refuse UPDATE and DELETE on the history, so a bug
// (or a hand-typed query) cannot rewrite what a customer chose.
const schema = `
  CREATE TABLE consent_records (
    seq INTEGER PRIMARY KEY,
    receipt_id TEXT NOT NULL UNIQUE,
    record_id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    record_json TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    collected_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX consent_records_by_subject ON consent_records (subject, seq);
  CREATE INDEX consent_records_current ON consent_records (subject, collected_at, seq);
  ${noUpdateTrigger}
  CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
  CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
`;

/**
 * Version 1 ordered the current record by arrival. Version 2 keeps, beside each record, the
 * time that orders it; rows stored before get theirs from their record and arrival time. The
 * history itself is not rewritten: only the new column is filled, once, inside the migration.
 */
function migrateToOrderByCollection(db: Database.Database): void {
  db.exec(`ALTER TABLE consent_records ADD COLUMN collected_at TEXT NOT NULL DEFAULT ''`);
  db.exec('DROP TRIGGER consent_records_no_update');
  const rows = db
    .prepare<[], {seq: number; record_json: string; recorded_at: string}>(
      'SELECT seq, record_json, recorded_at FROM consent_records',
    )
    .all();
  const fill = db.prepare('UPDATE consent_records SET collected_at = ? WHERE seq = ?');
  for (const row of rows) {
    const {collectedAt} = JSON.parse(row.record_json) as ConsentRecord;
    fill.run(orderingTime(collectedAt, row.recorded_at), row.seq);
  }
  db.exec(noUpdateTrigger);
  db.exec('CREATE INDEX consent_records_current ON consent_records (subject, collected_at, seq)');
}

/**
 * When a record counts as collected, for choosing the current one: its `collectedAt`, but never
 * later than this server's clock when it arrived. One form (UTC, milliseconds), so that the
 * database compares them as text.
 */
export function orderingTime(collectedAt: string, recordedAt: string): string {
  return new Date(Math.min(Date.parse(collectedAt), Date.parse(recordedAt))).toISOString();
}

interface RecordRow {
  receipt_id: string;
  recorded_at: string;
  record_json: string;
}

interface KeyRow {
  request_hash: string;
  answer_json: string;
}

export function openConsentStore(path: string, options: ConsentStoreOptions = {}): ConsentStore {
  if (path !== ':memory:') mkdirSync(dirname(path), {recursive: true});
  const db = new Database(path, {timeout: options.busyTimeoutMs ?? 1000});
  db.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an acknowledged record survives power loss or kill -9.
  db.pragma('synchronous = FULL');
  migrate(db);

  const findKey = db.prepare<[string], KeyRow>(
    'SELECT request_hash, answer_json FROM idempotency_keys WHERE key = ?',
  );
  const insertRecord = db.prepare(
    `INSERT INTO consent_records
       (receipt_id, record_id, subject, policy_version, record_json, recorded_at, collected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertKey = db.prepare(
    'INSERT INTO idempotency_keys (key, request_hash, answer_json, created_at) VALUES (?, ?, ?, ?)',
  );
  const selectHistory = db.prepare<[string], RecordRow>(
    `SELECT receipt_id, recorded_at, record_json FROM consent_records
     WHERE subject = ? ORDER BY seq DESC`,
  );
  const selectLatest = db.prepare<[string], RecordRow>(
    `SELECT receipt_id, recorded_at, record_json FROM consent_records
     WHERE subject = ? ORDER BY collected_at DESC, seq DESC LIMIT 1`,
  );

  const appendOnce = db.transaction(
    (record: ConsentRecord, key: string, requestHash: string): AppendResult => {
      const existing = findKey.get(key);
      if (existing) {
        return existing.request_hash === requestHash
          ? {status: 'replayed', answer: JSON.parse(existing.answer_json) as ConsentAnswer}
          : {status: 'conflict'};
      }
      const answer: ConsentAnswer = {
        receiptId: randomUUID(),
        recordedAt: new Date().toISOString(),
        record,
      };
      insertRecord.run(
        answer.receiptId,
        record.recordId,
        record.subject,
        record.policyVersion,
        JSON.stringify(record),
        answer.recordedAt,
        orderingTime(record.collectedAt, answer.recordedAt),
      );
      insertKey.run(key, requestHash, JSON.stringify(answer), answer.recordedAt);
      return {status: 'created', answer};
    },
  );

  return {
    // IMMEDIATE takes the write lock before the key lookup, so two processes sharing the file
    // cannot both miss the key and insert the same record twice.
    append: (record, key, requestHash) => appendOnce.immediate(record, key, requestHash),
    latest: (subject) => {
      const row = selectLatest.get(subject);
      return row && toAnswer(row);
    },
    history: (subject) => selectHistory.all(subject).map(toAnswer),
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  // Checked inside the write lock, so two processes opening a new file do not both create it.
  db.transaction(() => {
    const version = db.pragma('user_version', {simple: true}) as number;
    if (version > schemaVersion) {
      throw new Error(
        `The consent database has schema version ${version}; this server knows ${schemaVersion}.`,
      );
    }
    if (version === 0) db.exec(schema);
    else if (version === 1) migrateToOrderByCollection(db);
    if (version < schemaVersion) db.pragma(`user_version = ${schemaVersion}`);
  }).immediate();
}

function toAnswer(row: RecordRow): ConsentAnswer {
  return {
    receiptId: row.receipt_id,
    recordedAt: row.recorded_at,
    record: JSON.parse(row.record_json) as ConsentRecord,
  };
}
