/**
 * The store for sites that outgrow one machine: PostgreSQL through node-postgres (`pg`) and its
 * pool. Any number of endpoint processes share it; a record is stored once however many of them
 * receive it at the same moment (the key is locked for the length of its transaction).
 *
 * A database that goes away (a failover, a restart, a killed backend, a stall) is a store
 * fault, never the process's end: every query and every connection attempt has a time limit,
 * a connection that failed is dropped from the pool, and the pool connects again on the next
 * request. Until then the endpoint answers 503 with Retry-After (store-faults.ts).
 */
import pg from 'pg';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {decideAppend} from './append-rule.js';
import {recordHash} from './record-hash.js';
import {
  cursorOf,
  eraseInSteps,
  newRecordRow,
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

export interface PostgresStoreOptions {
  /**
   * How long one query may take, on the server (`statement_timeout`) and as the driver waits
   * for its answer (a stalled server answers nothing): beyond it, 503. Default 5 s.
   */
  queryTimeoutMs?: number;
  /** How long connecting (or waiting for a free pooled connection) may take. Default 5 s. */
  connectTimeoutMs?: number;
  /** Connections per process. Default 10. */
  maxConnections?: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;

const schemaVersion = 4;
/** Serializes schema changes between processes starting together. */
const MIGRATION_LOCK = 7_201_003;
/**
 * The class of the per-subject locks (two-key advisory locks, apart from the one-key locks on
 * record ids): appends take theirs shared, erasure exclusive, so no record of the subject is
 * written while it is erased.
 */
const SUBJECT_LOCK = 7_201;

// Every statement creates only what is missing: it runs once, when the schema is older (see
// migrate). Version 3 is the first on PostgreSQL; version 4 keeps no copy of the answer beside
// an idempotency key (it is rebuilt from the record stored under the same id).
const schema = `
  CREATE TABLE IF NOT EXISTS consent_schema (version integer NOT NULL);
  CREATE TABLE IF NOT EXISTS consent_records (
    seq bigserial PRIMARY KEY,
    receipt_id text NOT NULL UNIQUE,
    record_id text NOT NULL UNIQUE,
    subject text NOT NULL,
    policy_version text NOT NULL,
    record_json text NOT NULL,
    recorded_at text NOT NULL,
    collected_at text NOT NULL
  );
  CREATE INDEX IF NOT EXISTS consent_records_by_subject ON consent_records (subject, seq);
  CREATE INDEX IF NOT EXISTS consent_records_current
    ON consent_records (subject, collected_at, seq);
  CREATE INDEX IF NOT EXISTS consent_records_by_arrival ON consent_records (recorded_at, seq);
  CREATE TABLE IF NOT EXISTS idempotency_keys (
    key text PRIMARY KEY,
    request_hash text NOT NULL,
    created_at text NOT NULL
  );
  -- Only marked dropped: the old rows' copies go as their keys are pruned, within a week.
  ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS answer_json;
  CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);
  CREATE TABLE IF NOT EXISTS erasures (
    seq bigserial PRIMARY KEY,
    subject text NOT NULL,
    erased_at text NOT NULL,
    records integer NOT NULL
  );
  CREATE INDEX IF NOT EXISTS erasures_by_subject ON erasures (subject, seq);
  CREATE TABLE IF NOT EXISTS erased_records (record_id text PRIMARY KEY);
  -- Version 4: erasures under way (see erase).
  CREATE TABLE IF NOT EXISTS erasing (
    subject text PRIMARY KEY,
    through_seq bigint NOT NULL,
    erasure_seq bigint NOT NULL
  );
  -- Append-only by construction; erasure alone may delete, inside its own transaction.
  CREATE OR REPLACE FUNCTION consent_records_append_only() RETURNS trigger AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND current_setting('consent.erasing', true) = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'consent_records is append-only';
  END $$ LANGUAGE plpgsql;
  DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgname = 'consent_records_append_only'
        AND tgrelid = 'consent_records'::regclass) THEN
      CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
        FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();
    END IF;
  END $$;
`;

/** Records deleted per statement of an erasure. */
const ERASE_BATCH = 5000;

/** A row of `erasing`: an erasure under way (`bigint`s come as text). */
interface ErasingRow {
  subject: string;
  through_seq: string;
  erasure_seq: string;
}

/** The subject's records an erasure under way has not deleted yet are no longer shown. */
const NOT_ERASING = `NOT EXISTS (SELECT 1 FROM erasing
  WHERE erasing.subject = consent_records.subject AND erasing.through_seq >= consent_records.seq)`;

/**
 * SQLSTATEs and network errors after which the same call may succeed: connection lost or
 * refused, too many connections, disk full, shutting down, statement timeout, serialization
 * failure, deadlock, lock timeout.
 */
const TRANSIENT =
  /^(08|53|57P0|57014|40001|40P01|55P03|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)/;

/**
 * The driver's own errors carry no code: a connection that ended or timed out, a query that
 * had no answer in time. Named here, for the one log line.
 */
const DRIVER_FAULTS: readonly [RegExp, string][] = [
  [/^Query read timeout/, 'QUERY_TIMEOUT'],
  [/timeout/i, 'CONNECT_TIMEOUT'],
  [/^Connection terminated|not queryable/, 'CONNECTION_LOST'],
];

/** The fault's code when the same call may succeed later; `undefined` for any other error. */
function transientCode(error: unknown): string | undefined {
  const code = String((error as {code?: unknown}).code ?? '');
  if (TRANSIENT.test(code)) return code;
  if (error instanceof pg.DatabaseError || code !== '' || !(error instanceof Error))
    return undefined;
  return DRIVER_FAULTS.find(([pattern]) => pattern.test(error.message))?.[1];
}

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<ConsentStore> {
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    await migrate(url, connectTimeoutMs);
  } catch (error) {
    const code = String((error as {code?: unknown}).code ?? transientCode(error) ?? '');
    // 25006: a read-only server (a replica); 42501: no permission to write.
    if (code === '25006' || code === '42501' || transientCode(error)) {
      throw new Error(
        `The consent database at ${redacted(url)} cannot be written (${code}: ${(error as Error).message}).`,
      );
    }
    throw error;
  }

  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    statement_timeout: queryTimeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection that breaks (a restart, pg_terminate_backend) is dropped by the pool and
  // made again when needed; a broken connection in use fails its query, which answers 503.
  // Without these listeners Node would end the process on the 'error' event.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));

  async function run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code = transientCode(error);
      if (code) throw new StoreUnavailableError(code, (error as Error).message);
      throw error;
    }
  }

  /**
   * `work` inside one transaction on one pooled connection. A connection on which anything
   * failed is closed rather than reused (a timed-out query may still be running on it): the
   * server rolls back what was not committed.
   */
  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  async function rows<T extends pg.QueryResultRow>(
    text: string,
    values: readonly unknown[],
    client: pg.Pool | pg.PoolClient = pool,
  ): Promise<T[]> {
    return (await client.query<T>(text, values as unknown[])).rows;
  }

  /**
   * Erasure in steps, as on SQLite: the mark (the erasure entry, and the subject in `erasing` up
   * to its last record) is written under the subject's exclusive lock, so no append of the
   * subject is half way; from it on, records collected before the erasure are refused and reads
   * skip what is still to go. Then the records go ERASE_BATCH at a time, each statement its own
   * transaction well within the query time limit, however long the history. A process that dies
   * half way leaves the mark; the next erase of the subject finishes the work.
   */
  const beginErasure = (subject: string, erasedAt: string) =>
    run(() =>
      transaction(async (tx): Promise<{mark: ErasingRow; isNew: boolean}> => {
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUBJECT_LOCK, subject]);
        const [under] = await rows<ErasingRow>(
          'SELECT subject, through_seq, erasure_seq FROM erasing WHERE subject = $1',
          [subject],
          tx,
        );
        if (under) return {mark: under, isNew: false};
        const [marked] = await rows<ErasingRow>(
          `WITH counted AS (
             SELECT coalesce(max(seq), 0) AS through, count(*)::integer AS records
             FROM consent_records WHERE subject = $1
           ), entry AS (
             INSERT INTO erasures (subject, erased_at, records)
             SELECT $1, $2, records FROM counted RETURNING seq
           )
           INSERT INTO erasing (subject, through_seq, erasure_seq)
           SELECT $1, counted.through, entry.seq FROM counted, entry
           RETURNING subject, through_seq, erasure_seq`,
          [subject, erasedAt],
          tx,
        );
        return {mark: marked!, isNew: true};
      }),
    );

  async function finishErasure({subject, through_seq, erasure_seq}: ErasingRow): Promise<Erasure> {
    for (;;) {
      const [batch] = await run(() =>
        transaction(async (tx) => {
          await tx.query(`SELECT set_config('consent.erasing', 'on', true)`);
          return rows<{records: number}>(
            `WITH batch AS (
               SELECT seq FROM consent_records WHERE subject = $1 AND seq <= $2
               ORDER BY seq LIMIT $3
             ), gone AS (
               DELETE FROM consent_records WHERE seq IN (SELECT seq FROM batch)
               RETURNING record_id
             ), remembered AS (
               INSERT INTO erased_records (record_id) SELECT record_id FROM gone
               ON CONFLICT DO NOTHING
             ), forgotten AS (
               DELETE FROM idempotency_keys WHERE key IN (SELECT record_id FROM gone)
             )
             SELECT count(*)::integer AS records FROM gone`,
            [subject, through_seq, ERASE_BATCH],
            tx,
          );
        }),
      );
      if (batch!.records === 0) break;
    }
    return run(() =>
      transaction(async (tx) => {
        await tx.query('DELETE FROM erasing WHERE subject = $1', [subject]);
        const [row] = await rows<ErasureRow>(
          'SELECT subject, erased_at, records FROM erasures WHERE seq = $1',
          [erasure_seq],
          tx,
        );
        return toErasure(row!);
      }),
    );
  }

  return {
    append: (record) => {
      const requestHash = recordHash(record);
      return run(() =>
        transaction(async (tx): Promise<AppendResult> => {
          // Writers of the same record wait for each other; other records go in parallel.
          await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
            record.recordId,
          ]);
          await tx.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [
            SUBJECT_LOCK,
            record.subject,
          ]);
          // The append rule decides from what is found under the id; this looks and writes.
          const [stored] = await rows<StoredRow>(
            `SELECT seq, receipt_id, recorded_at, record_json, request_hash
             FROM consent_records LEFT JOIN idempotency_keys ON key = record_id
             WHERE record_id = $1`,
            [record.recordId],
            tx,
          );
          const [erased] = await rows<{record_id: string}>(
            'SELECT record_id FROM erased_records WHERE record_id = $1',
            [record.recordId],
            tx,
          );
          const [lastErasure] = await rows<{erased_at: string | null}>(
            'SELECT max(erased_at) AS erased_at FROM erasures WHERE subject = $1',
            [record.subject],
            tx,
          );
          const decision = decideAppend(
            {hash: requestHash, collectedAt: record.collectedAt},
            {
              key: stored && toKey(stored),
              stored: stored && {
                hash: recordHash(JSON.parse(stored.record_json) as ConsentRecord),
                answer: toAnswer(stored),
              },
              isErased: erased !== undefined,
              subjectErasedAt: lastErasure?.erased_at ?? undefined,
            },
          );
          if (decision.status !== 'insert') return decision;
          const {answer, values} = newRecordRow(record);
          await tx.query(
            `INSERT INTO consent_records
               (receipt_id, record_id, subject, policy_version, record_json, recorded_at, collected_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [...values],
          );
          await tx.query(
            `INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES ($1, $2, $3)`,
            [record.recordId, requestHash, answer.recordedAt],
          );
          return {status: 'created', answer};
        }),
      );
    },
    latest: (subject) =>
      run(async () => {
        const [row] = await rows<RecordRow>(
          `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
           WHERE subject = $1 AND ${NOT_ERASING} ORDER BY collected_at DESC, seq DESC LIMIT 1`,
          [subject],
        );
        return row && toAnswer(row);
      }),
    history: (subject, page) =>
      run(async () =>
        paged(
          await rows<RecordRow>(
            page.order === 'oldest'
              ? `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
                 WHERE subject = $1 AND seq > $2 AND ${NOT_ERASING} ORDER BY seq LIMIT $3`
              : `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
                 WHERE subject = $1 AND seq < $2 AND ${NOT_ERASING} ORDER BY seq DESC LIMIT $3`,
            [
              subject,
              cursorOf(page) ?? (page.order === 'oldest' ? '0' : '9223372036854775807'),
              page.limit + 1,
            ],
          ),
          page,
        ),
      ),
    // By (recorded_at, seq), as the index is: ordered by seq alone, every page would sort the
    // whole range again.
    range: (from, to, page) =>
      run(async () =>
        paged(
          await rows<RecordRow>(
            `SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
             WHERE (recorded_at, seq) > ($1, $2) AND recorded_at < $3 AND ${NOT_ERASING}
             ORDER BY recorded_at, seq LIMIT $4`,
            [...rangeCursor.parse(page, from), to, page.limit + 1],
          ),
          page,
          rangeCursor.of,
        ),
      ),
    erase: (subject, erasedAt) =>
      eraseInSteps(
        {
          begin: beginErasure,
          finish: finishErasure,
          hasRecords: async (subject) =>
            (
              await run(() =>
                rows('SELECT 1 FROM consent_records WHERE subject = $1 LIMIT 1', [subject]),
              )
            ).length > 0,
        },
        subject,
        erasedAt,
      ),
    erasures: (subject) =>
      run(async () =>
        (
          await rows<ErasureRow>(
            'SELECT subject, erased_at, records FROM erasures WHERE subject = $1 ORDER BY seq',
            [subject],
          )
        ).map(toErasure),
      ),
    pruneKeys: (before) =>
      run(
        async () =>
          (await pool.query('DELETE FROM idempotency_keys WHERE created_at < $1', [before]))
            .rowCount ?? 0,
      ),
    close: () => pool.end(),
  };
}

/**
 * Brings the schema to this version, once: under an advisory lock, so that processes starting
 * together take turns, and only when it is older — a current schema is read, never altered, so
 * a process starting beside others under load takes no lock on their tables. On its own
 * connection, without the query time limit (an upgrade may take long).
 */
async function migrate(url: string, connectTimeoutMs: number): Promise<void> {
  const client = new pg.Client({connectionString: url, connectionTimeoutMillis: connectTimeoutMs});
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const {
      rows: [table],
    } = await client.query<{name: string | null}>(
      `SELECT to_regclass('consent_schema')::text AS name`,
    );
    const {
      rows: [row],
    } = table?.name
      ? await client.query<{version: number}>('SELECT version FROM consent_schema')
      : {rows: []};
    const version = row?.version ?? 0;
    if (version > schemaVersion) {
      throw new Error(
        `The consent database has schema version ${version}; this server knows ${schemaVersion}.`,
      );
    }
    if (version < schemaVersion) {
      await client.query(schema);
      if (row) await client.query('UPDATE consent_schema SET version = $1', [schemaVersion]);
      else await client.query('INSERT INTO consent_schema (version) VALUES ($1)', [schemaVersion]);
    }
    // A real write: a database that cannot be written is refused now, not on the first record.
    await client.query('UPDATE consent_schema SET version = version WHERE false');
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'the given DATABASE_URL';
  }
}
