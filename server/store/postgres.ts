/**
 * The store for sites that outgrow one machine: PostgreSQL through the `postgres` driver. Any
 * number of endpoint processes share it; a record is stored once however many of them receive
 * it at the same moment (the key is locked for the length of its transaction).
 */
import postgres from 'postgres';
import type {ConsentAnswer, ConsentRecord} from '../../src/core/protocol.js';
import {decideAppend} from './append-rule.js';
import {recordHash} from './record-hash.js';
import {
  cursorOf,
  orderingTime,
  paged,
  StoreUnavailableError,
  toAnswer,
  toKey,
  type KeyRow,
  type RecordRow,
  type AppendResult,
  type ConsentStore,
  type Erasure,
} from './store.js';

const schemaVersion = 3;
/** Serializes schema changes between processes starting together. */
const MIGRATION_LOCK = 7_201_003;

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
    answer_json text NOT NULL,
    created_at text NOT NULL
  );
  CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);
  CREATE TABLE IF NOT EXISTS erasures (
    seq bigserial PRIMARY KEY,
    subject text NOT NULL,
    erased_at text NOT NULL,
    records integer NOT NULL
  );
  CREATE INDEX IF NOT EXISTS erasures_by_subject ON erasures (subject, seq);
  CREATE TABLE IF NOT EXISTS erased_records (record_id text PRIMARY KEY);
  -- Append-only by construction; erasure alone may delete, inside its own transaction.
  CREATE OR REPLACE FUNCTION consent_records_append_only() RETURNS trigger AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND current_setting('consent.erasing', true) = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'consent_records is append-only';
  END $$ LANGUAGE plpgsql;
  DROP TRIGGER IF EXISTS consent_records_append_only ON consent_records;
  CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
    FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();
`;

/**
 * SQLSTATEs and network errors after which the same call may succeed: connection lost or
 * refused, too many connections, disk full, shutting down, serialization failure, lock timeout.
 */
const TRANSIENT =
  /^(08|53|57P0|40001|40P01|55P03|ECONNREFUSED|ECONNRESET|ETIMEDOUT|CONNECT_TIMEOUT|CONNECTION_)/;

export async function openPostgresStore(url: string): Promise<ConsentStore> {
  const sql = postgres(url, {max: 10, onnotice: () => {}, connect_timeout: 10});
  try {
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      const [table] = await tx`SELECT to_regclass('consent_schema') AS name`;
      const [row] = table?.name ? await tx`SELECT version FROM consent_schema` : [];
      const version = (row?.version as number | undefined) ?? 0;
      if (version > schemaVersion) {
        throw new Error(
          `The consent database has schema version ${version}; this server knows ${schemaVersion}.`,
        );
      }
      await tx.unsafe(schema);
      if (row) await tx`UPDATE consent_schema SET version = ${schemaVersion}`;
      else await tx`INSERT INTO consent_schema (version) VALUES (${schemaVersion})`;
    });
  } catch (error) {
    await sql.end({timeout: 1});
    const code = String((error as {code?: unknown}).code ?? '');
    // 25006: a read-only server (a replica); 42501: no permission to write.
    if (code === '25006' || code === '42501' || TRANSIENT.test(code)) {
      throw new Error(
        `The consent database at ${redacted(url)} cannot be written (${code}: ${(error as Error).message}).`,
      );
    }
    throw error;
  }

  async function run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code = String((error as {code?: unknown}).code ?? '');
      if (TRANSIENT.test(code)) throw new StoreUnavailableError(code, (error as Error).message);
      throw error;
    }
  }

  return {
    append: (record) => {
      const requestHash = recordHash(record);
      return run(() =>
        sql.begin(async (tx): Promise<AppendResult> => {
          // Writers of the same record wait for each other; other records go in parallel.
          await tx`SELECT pg_advisory_xact_lock(hashtextextended(${record.recordId}, 0))`;
          // The append rule decides from what is found under the id; this looks and writes.
          const [key] = await tx<KeyRow[]>`
            SELECT request_hash, answer_json FROM idempotency_keys WHERE key = ${record.recordId}`;
          const [stored] = await tx<RecordRow[]>`
            SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
            WHERE record_id = ${record.recordId}`;
          const [erased] = await tx`
            SELECT record_id FROM erased_records WHERE record_id = ${record.recordId}`;
          const decision = decideAppend(requestHash, {
            key: key && toKey(key),
            stored: stored && {
              hash: recordHash(JSON.parse(stored.record_json) as ConsentRecord),
              answer: toAnswer(stored),
            },
            isErased: erased !== undefined,
          });
          if (decision.status !== 'insert') return decision;
          const answer: ConsentAnswer = {
            receiptId: crypto.randomUUID(),
            recordedAt: new Date().toISOString(),
            record,
          };
          await tx`
            INSERT INTO consent_records
              (receipt_id, record_id, subject, policy_version, record_json, recorded_at, collected_at)
            VALUES (${answer.receiptId}, ${record.recordId}, ${record.subject},
              ${record.policyVersion}, ${JSON.stringify(record)}, ${answer.recordedAt},
              ${orderingTime(record.collectedAt, answer.recordedAt)})`;
          await tx`
            INSERT INTO idempotency_keys (key, request_hash, answer_json, created_at)
            VALUES (${record.recordId}, ${requestHash}, ${JSON.stringify(answer)}, ${answer.recordedAt})`;
          return {status: 'created', answer};
        }),
      );
    },
    latest: (subject) =>
      run(async () => {
        const [row] = await sql<RecordRow[]>`
          SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
          WHERE subject = ${subject} ORDER BY collected_at DESC, seq DESC LIMIT 1`;
        return row && toAnswer(row);
      }),
    history: (subject, page) =>
      run(async () =>
        paged(
          await sql<RecordRow[]>`
            SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
            WHERE subject = ${subject} AND seq < ${cursorOf(page) ?? '9223372036854775807'}
            ORDER BY seq DESC LIMIT ${page.limit + 1}`,
          page,
        ),
      ),
    range: (from, to, page) =>
      run(async () =>
        paged(
          await sql<RecordRow[]>`
            SELECT seq, receipt_id, recorded_at, record_json FROM consent_records
            WHERE recorded_at >= ${from} AND recorded_at < ${to} AND seq > ${cursorOf(page) ?? '0'}
            ORDER BY seq LIMIT ${page.limit + 1}`,
          page,
        ),
      ),
    erase: (subject, erasedAt) =>
      run(() =>
        sql.begin(async (tx): Promise<Erasure> => {
          await tx`SELECT set_config('consent.erasing', 'on', true)`;
          const deleted = await tx<{record_id: string}[]>`
            DELETE FROM consent_records WHERE subject = ${subject} RETURNING record_id`;
          const ids = deleted.map((row) => row.record_id);
          if (ids.length > 0) {
            await tx`INSERT INTO erased_records ${tx(ids.map((id) => ({record_id: id})))}
              ON CONFLICT DO NOTHING`;
            await tx`DELETE FROM idempotency_keys WHERE key IN ${tx(ids)}`;
          }
          await tx`INSERT INTO erasures (subject, erased_at, records)
            VALUES (${subject}, ${erasedAt}, ${ids.length})`;
          return {subject, erasedAt, records: ids.length};
        }),
      ),
    erasures: (subject) =>
      run(async () =>
        (
          await sql<{subject: string; erased_at: string; records: number}[]>`
            SELECT subject, erased_at, records FROM erasures WHERE subject = ${subject} ORDER BY seq`
        ).map((row) => ({subject: row.subject, erasedAt: row.erased_at, records: row.records})),
      ),
    pruneKeys: (before) =>
      run(async () => (await sql`DELETE FROM idempotency_keys WHERE created_at < ${before}`).count),
    close: () => sql.end({timeout: 5}),
  };
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
