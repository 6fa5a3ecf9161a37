/**
 * The embedded store: one SQLite file (better-sqlite3), WAL, synced on every commit. Calls are
 * synchronous underneath but never wait on a lock inside them: a busy database is retried
 * after short pauses that leave the event loop free, so reads go on while a writer waits.
 */
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {decideAppend} from './append-rule.js';
import {recordHash} from './record-hash.js';
import {
  cursorOf,
  eraseInSteps,
  newRecordRow,
  orderingTime,
  paged,
  rangeCursor,
  StoreUnavailableError,
  toAnswer,
  toErasure,
  toKey,
  type ErasureRow,
  type RecordRow,
  type StoredRow,
  type AppendResult,
  type ConsentStore,
  type Erasure,
} from './store.js';

export interface SqliteStoreOptions {
  /** How long a call may keep retrying a database another process holds locked. */
  busyTimeoutMs?: number;
  /**
   * A quota: the database does not grow beyond this many bytes; writes then answer 503 (the
   * records wait in the customers' browsers) until space is made. Unset: the disk's size.
   */
  maxBytes?: number;
}

const schemaVersion = 4;

const noUpdateTrigger = `CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;`;
const noDeleteTrigger = `CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;`;

// Append-only by construction: the triggers refuse UPDATE and DELETE on the history, so a bug
// (or a hand-typed query) cannot rewrite what a customer chose. Since version 4 a record may be
// deleted only while an erasure of its subject that covers it is under way (see below).
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
  ${noDeleteTrigger}
  CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
`;

/** Version 3: erasure, pruning of keys, audit exports by arrival time. */
const erasureSchema = `
  CREATE TABLE erasures (
    seq INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    erased_at TEXT NOT NULL,
    records INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX erasures_by_subject ON erasures (subject, seq);
  CREATE TABLE erased_records (record_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
  CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
  CREATE INDEX consent_records_by_arrival ON consent_records (recorded_at, seq);
`;

/**
 * Version 4: erasure in steps. An erasure is first marked — its entry written and the subject
 * put in `erasing`, up to the last record it had — then its records go a few thousand at a time,
 * each batch its own short transaction, and the mark is removed. From the mark on, records
 * collected before the erasure are refused and reads skip what is still to go; a process that
 * dies half way leaves the mark, and the next erase of the subject finishes the work. The
 * history stays append-only in the database itself: only a record an erasure covers may be
 * deleted.
 */
const stepwiseErasureSchema = `
  CREATE TABLE erasing (
    subject TEXT PRIMARY KEY,
    through_seq INTEGER NOT NULL,
    erasure_seq INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  DROP TRIGGER consent_records_no_delete;
  CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
    WHEN NOT EXISTS (
      SELECT 1 FROM erasing WHERE subject = OLD.subject AND through_seq >= OLD.seq
    )
    BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
`;

/**
 * Also version 4: an idempotency key no longer keeps a copy of its answer — the answer is
 * rebuilt from the record stored under the same id. Existing keys keep working: their records
 * are there.
 */
const keysByReferenceSchema = `ALTER TABLE idempotency_keys DROP COLUMN answer_json;`;

/** Records deleted per transaction of an erasure: some milliseconds of work each. */
const ERASE_BATCH = 2000;

/** A row of `erasing`: an erasure under way. */
interface ErasingRow {
  subject: string;
  through_seq: number;
  erasure_seq: number;
}

/** The subject's records an erasure under way has not deleted yet are no longer shown. */
const notErasing = (table: string) =>
  `NOT EXISTS (SELECT 1 FROM erasing
     WHERE erasing.subject = ${table}.subject AND erasing.through_seq >= ${table}.seq)`;

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

/** An append waiting for the next group commit. */
interface PendingAppend {
  readonly record: ConsentRecord;
  readonly requestHash: string;
  /** The hash of the record already stored under this id, when its key has expired. */
  readonly storedHash: string | undefined;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Codes that pass: the same call may succeed a moment later. */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN)/;

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): ConsentStore {
  if (path !== ':memory:') mkdirSync(dirname(path), {recursive: true});
  // No busy wait inside SQLite: it would hold the event loop, and every request with it.
  const db = new Database(path, {timeout: 0});
  const busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  try {
    db.pragma('journal_mode = WAL');
    // FULL syncs the WAL on every commit: an acknowledged record survives power loss or kill -9.
    db.pragma('synchronous = FULL');
    migrate(db);
    if (options.maxBytes !== undefined) {
      const pageSize = db.pragma('page_size', {simple: true}) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
    }
    // A real write, rolled back: a database that cannot be written is refused now, not on
    // the first customer's record.
    db.transaction(() => db.pragma(`user_version = ${schemaVersion}`)).immediate();
  } catch (error) {
    db.close();
    const code = (error as {code?: unknown}).code;
    if (typeof code === 'string' && /^SQLITE_(READONLY|CANTOPEN|PERM|IOERR|FULL)/.test(code)) {
      throw new Error(
        `The consent database ${path} cannot be written (${code}): check the file's and its folder's permissions and the free disk space.`,
      );
    }
    throw error;
  }

  const findStored = db.prepare<[string], StoredRow>(
    `SELECT seq, receipt_id, recorded_at, record_json, request_hash
     FROM consent_records LEFT JOIN idempotency_keys ON key = record_id WHERE record_id = ?`,
  );
  const findRecord = db.prepare<[string], RecordRow>(
    'SELECT seq, receipt_id, recorded_at, record_json FROM consent_records WHERE record_id = ?',
  );
  const isErased = db.prepare<[string], {record_id: string}>(
    'SELECT record_id FROM erased_records WHERE record_id = ?',
  );
  const insertRecord = db.prepare(
    `INSERT INTO consent_records
       (receipt_id, record_id, subject, policy_version, record_json, recorded_at, collected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertKey = db.prepare(
    'INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES (?, ?, ?)',
  );
  const selectHistory = db.prepare<[string, number, number], RecordRow>(
    `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
     WHERE subject = ? AND seq < ? AND ${notErasing('consent_records')}
     ORDER BY seq DESC LIMIT ?`,
  );
  const selectHistoryOldest = db.prepare<[string, number, number], RecordRow>(
    `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
     WHERE subject = ? AND seq > ? AND ${notErasing('consent_records')} ORDER BY seq LIMIT ?`,
  );
  // By (recorded_at, seq), as the index is: ordered by seq alone, every page would sort the
  // whole range again.
  const selectRange = db.prepare<[string, number, string, number], RecordRow>(
    `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
     WHERE (recorded_at, seq) > (?, ?) AND recorded_at < ? AND ${notErasing('consent_records')}
     ORDER BY recorded_at, seq LIMIT ?`,
  );
  const selectLatest = db.prepare<[string], RecordRow>(
    `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
     WHERE subject = ? AND ${notErasing('consent_records')}
     ORDER BY collected_at DESC, seq DESC LIMIT 1`,
  );
  const lastErasure = db.prepare<[string], {erased_at: string | null}>(
    'SELECT max(erased_at) AS erased_at FROM erasures WHERE subject = ?',
  );
  const selectErasures = db.prepare<[string], ErasureRow>(
    'SELECT subject, erased_at, records FROM erasures WHERE subject = ? ORDER BY seq',
  );

  // The append rule decides from what is found under the id; this only looks and writes.
  const appendOne = ({record, requestHash, storedHash}: PendingAppend): AppendResult => {
    const stored = findStored.get(record.recordId);
    const decision = decideAppend(
      {hash: requestHash, collectedAt: record.collectedAt},
      {
        key: stored && toKey(stored),
        stored: stored && {hash: storedHash, answer: toAnswer(stored)},
        isErased: isErased.get(record.recordId) !== undefined,
        subjectErasedAt: lastErasure.get(record.subject)?.erased_at ?? undefined,
      },
    );
    if (decision.status !== 'insert') return decision;
    const {answer, values} = newRecordRow(record);
    insertRecord.run(...values);
    insertKey.run(record.recordId, requestHash, answer.recordedAt);
    return {status: 'created', answer};
  };

  // Group commit: the appends that arrive together share one transaction, so one sync of the
  // WAL acknowledges them all (each is still decided on its own, in arrival order). IMMEDIATE
  // takes the write lock before the key lookups, so two processes sharing the file cannot both
  // miss a key and insert the same record twice.
  const appendBatch = db.transaction((batch: readonly PendingAppend[]) => batch.map(appendOne));
  let pending: PendingAppend[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    run(() => appendBatch.immediate(batch)).then(
      (results) => batch.forEach((item, index) => item.resolve(results[index]!)),
      (error: unknown) => batch.forEach((item) => item.reject(error)),
    );
  };

  const findErasing = db.prepare<[string], ErasingRow>(
    'SELECT subject, through_seq, erasure_seq FROM erasing WHERE subject = ?',
  );
  const findErasure = db.prepare<[number], ErasureRow>(
    'SELECT subject, erased_at, records FROM erasures WHERE seq = ?',
  );
  const hasRecords = db.prepare<[string], {seq: number}>(
    'SELECT seq FROM consent_records WHERE subject = ? LIMIT 1',
  );

  /** The subject's erasure under way, or a new one marked now: `isNew` says which. */
  const beginErasure = db.transaction(
    (subject: string, erasedAt: string): {mark: ErasingRow; isNew: boolean} => {
      const erasing = findErasing.get(subject);
      if (erasing) return {mark: erasing, isNew: false};
      const {through, records} = db
        .prepare<[string], {through: number | null; records: number}>(
          'SELECT max(seq) AS through, count(*) AS records FROM consent_records WHERE subject = ?',
        )
        .get(subject)!;
      const erasureSeq = db
        .prepare('INSERT INTO erasures (subject, erased_at, records) VALUES (?, ?, ?)')
        .run(subject, erasedAt, records).lastInsertRowid;
      const marked = {subject, through_seq: through ?? 0, erasure_seq: Number(erasureSeq)};
      db.prepare('INSERT INTO erasing (subject, through_seq, erasure_seq) VALUES (?, ?, ?)').run(
        marked.subject,
        marked.through_seq,
        marked.erasure_seq,
      );
      return {mark: marked, isNew: true};
    },
  );

  /** Up to ERASE_BATCH records of the erasure go, with their keys; how many went. */
  const eraseBatch = db.transaction(({subject, through_seq}: ErasingRow): number => {
    const batch = db
      .prepare<[string, number, number], {seq: number; record_id: string}>(
        `SELECT seq, record_id FROM consent_records WHERE subject = ? AND seq <= ?
         ORDER BY seq LIMIT ?`,
      )
      .all(subject, through_seq, ERASE_BATCH);
    if (batch.length === 0) return 0;
    const remember = db.prepare('INSERT OR IGNORE INTO erased_records (record_id) VALUES (?)');
    const forgetKey = db.prepare('DELETE FROM idempotency_keys WHERE key = ?');
    for (const {record_id} of batch) {
      remember.run(record_id);
      forgetKey.run(record_id);
    }
    db.prepare('DELETE FROM consent_records WHERE subject = ? AND seq BETWEEN ? AND ?').run(
      subject,
      batch[0]!.seq,
      batch.at(-1)!.seq,
    );
    return batch.length;
  });

  const endErasure = db.transaction(({subject, erasure_seq}: ErasingRow): Erasure => {
    db.prepare('DELETE FROM erasing WHERE subject = ?').run(subject);
    return toErasure(findErasure.get(erasure_seq)!);
  });

  /** Deletes what the marked erasure covers, batch by batch, letting other work run between. */
  async function finishErasure(erasing: ErasingRow): Promise<Erasure> {
    while ((await run(() => eraseBatch.immediate(erasing))) > 0)
      await new Promise((resolve) => setImmediate(resolve));
    return run(() => endErasure.immediate(erasing));
  }

  /** Runs `work`, retrying while another process holds the database, without blocking. */
  async function run<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        return work();
      } catch (error) {
        const code = (error as {code?: unknown}).code;
        if (typeof code !== 'string' || !TRANSIENT.test(code)) throw error;
        if (!/^SQLITE_(BUSY|LOCKED)/.test(code) || Date.now() + pause > deadline)
          throw new StoreUnavailableError(code, String((error as Error).message));
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  return {
    append(record) {
      const requestHash = recordHash(record);
      const stored = findRecord.get(record.recordId);
      const storedHash = stored && recordHash(JSON.parse(stored.record_json) as ConsentRecord);
      return new Promise<AppendResult>((resolve, reject) => {
        pending.push({record, requestHash, storedHash, resolve, reject});
        if (pending.length === 1) setImmediate(flush);
      });
    },
    latest: (subject) =>
      run(() => {
        const row = selectLatest.get(subject);
        return row && toAnswer(row);
      }),
    history: (subject, page) =>
      run(() =>
        paged(
          page.order === 'oldest'
            ? selectHistoryOldest.all(subject, Number(cursorOf(page) ?? 0), page.limit + 1)
            : selectHistory.all(
                subject,
                Number(cursorOf(page) ?? Number.MAX_SAFE_INTEGER),
                page.limit + 1,
              ),
          page,
        ),
      ),
    range: (from, to, page) =>
      run(() => {
        const [recordedAt, seq] = rangeCursor.parse(page, from);
        return paged(
          selectRange.all(recordedAt, Number(seq), to, page.limit + 1),
          page,
          rangeCursor.of,
        );
      }),
    erase: (subject, erasedAt) =>
      eraseInSteps(
        {
          begin: (subject, erasedAt) => run(() => beginErasure.immediate(subject, erasedAt)),
          finish: finishErasure,
          hasRecords: (subject) => run(() => hasRecords.get(subject) !== undefined),
        },
        subject,
        erasedAt,
      ),
    erasures: (subject) => run(() => selectErasures.all(subject).map(toErasure)),
    pruneKeys: (before) =>
      run(
        () => db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(before).changes,
      ),
    close: async () => {
      db.close();
    },
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
    if (version === 1) migrateToOrderByCollection(db);
    if (version < 3) db.exec(erasureSchema);
    if (version < 4) db.exec(stepwiseErasureSchema + keysByReferenceSchema);
    if (version < schemaVersion) db.pragma(`user_version = ${schemaVersion}`);
  }).immediate();
}
