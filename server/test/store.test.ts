// One suite, two stores: everything the endpoint relies on holds for SQLite and for a real
// PostgreSQL server alike — exactly-once (concurrent writers of one record included), the
// current record by collection time, pagination, erasure, key expiry. Then what is particular
// to each: SQLite's file and migrations, PostgreSQL's many processes.
import assert from 'node:assert/strict';
import {truncateSync} from 'node:fs';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {DEFAULT_SQLITE_MAX_BYTES, openStore, sqliteQuota} from '../store/open.js';
import {openPostgresStore} from '../store/postgres.js';
import {recordHash} from '../store/record-hash.js';
import {openSqliteStore} from '../store/sqlite.js';
import {orderingTime, type ConsentStore} from '../store/store.js';
import {tempDir, validRecord} from './helpers.js';
import {sqlOn, usePostgres} from './postgres.js';

const record = (overrides: Record<string, unknown> = {}): ConsentRecord =>
  validRecord(overrides) as unknown as ConsentRecord;

function append(store: ConsentStore, r: ConsentRecord) {
  return store.append(r);
}

function contract(name: string, open: () => Promise<ConsentStore>): void {
  describe(`${name} store`, () => {
    const stores: ConsentStore[] = [];
    const fresh = async () => {
      const store = await open();
      stores.push(store);
      return store;
    };
    after(() => Promise.all(stores.map((store) => store.close())));

    it('stores a record once: created, then replayed, then conflict for another body', async () => {
      const store = await fresh();
      const first = record();
      const created = await append(store, first);
      assert.equal(created.status, 'created');
      assert.deepEqual(await append(store, first), {...created, status: 'replayed'});
      const changed = {...first, choices: {essential: 'granted' as const}, changed: []};
      assert.deepEqual(await append(store, changed), {status: 'conflict'});
      assert.equal((await store.history(first.subject, {limit: 10})).items.length, 1);
    });

    it('stores a record once when 20 writers send it at the same moment', async () => {
      const store = await fresh();
      const r = record();
      const results = await Promise.all(Array.from({length: 20}, () => append(store, r)));
      const statuses = results.map((result) => result.status).sort();
      assert.deepEqual(statuses, ['created', ...Array(19).fill('replayed')]);
      const receipts = new Set(
        results.map((result) => ('answer' in result ? result.answer.receiptId : '')),
      );
      assert.equal(receipts.size, 1);
      assert.equal((await store.history(r.subject, {limit: 50})).items.length, 1);
    });

    it('answers latest, and history newest or oldest first, per subject, in pages', async () => {
      const store = await fresh();
      const subject = 'customer-42';
      const records = [1, 2, 3, 4, 5].map(() => record({subject}));
      const receipts: string[] = [];
      for (const r of records) {
        const result = await append(store, r);
        receipts.push('answer' in result ? result.answer.receiptId : '');
      }
      await append(store, record({subject: 'someone-else'}));
      assert.equal((await store.latest(subject))?.receiptId, receipts[4]);
      const first = await store.history(subject, {limit: 2});
      const second = await store.history(subject, {limit: 2, cursor: first.next});
      const third = await store.history(subject, {limit: 2, cursor: second.next});
      assert.deepEqual(
        [...first.items, ...second.items, ...third.items].map((answer) => answer.receiptId),
        [...receipts].reverse(),
      );
      assert.equal(third.next, undefined);
      const oldest = {limit: 3, order: 'oldest'} as const;
      const early = await store.history(subject, oldest);
      const late = await store.history(subject, {...oldest, cursor: early.next});
      assert.deepEqual(
        [...early.items, ...late.items].map((answer) => answer.receiptId),
        receipts,
      );
      assert.equal(late.next, undefined);
      assert.equal(await store.latest('nobody'), undefined);
      assert.deepEqual(await store.history('nobody', {limit: 10}), {items: [], next: undefined});
    });

    it('takes as current the record collected last, not the last to arrive; a future time pins nothing', async () => {
      const store = await fresh();
      const subject = 'customer-phone-and-laptop';
      const withdrawal = record({subject, collectedAt: '2026-11-20T10:00:00.000Z'});
      const lateGrant = record({subject, collectedAt: '2026-11-13T10:00:00.000+01:00'});
      await append(store, withdrawal);
      await append(store, lateGrant);
      assert.equal((await store.latest(subject))?.record.recordId, withdrawal.recordId);
      const forged = record({subject, collectedAt: '2099-01-01T00:00:00.000Z'});
      await append(store, forged);
      const now = record({subject, collectedAt: new Date(Date.now() + 1000).toISOString()});
      await append(store, now);
      assert.equal((await store.latest(subject))?.record.recordId, now.recordId);
      assert.deepEqual((await store.latest(subject))?.record, now, 'kept as sent');
    });

    it('exports every record that arrived in a time range, oldest first, in pages', async () => {
      const store = await fresh();
      const before = new Date(Date.now() - 1000).toISOString();
      const ids: string[] = [];
      for (const subject of ['a', 'b', 'a', 'c']) {
        const r = record({subject});
        ids.push(r.recordId);
        await append(store, r);
      }
      const until = new Date(Date.now() + 1000).toISOString();
      const first = await store.range(before, until, {limit: 3});
      const rest = await store.range(before, until, {limit: 3, cursor: first.next});
      assert.deepEqual(
        [...first.items, ...rest.items].map((answer) => answer.record.recordId),
        ids,
      );
      assert.deepEqual((await store.range(until, until, {limit: 3})).items, []);
    });

    it('erases a subject: records and keys gone, one erasure entry, a late retry not stored again', async () => {
      const store = await fresh();
      const subject = 'customer-leaving';
      const records = [record({subject}), record({subject})];
      for (const r of records) await append(store, r);
      const kept = record({subject: 'customer-staying'});
      await append(store, kept);
      const erasure = await store.erase(subject, '2026-11-26T10:00:00.000Z');
      assert.deepEqual(erasure, {subject, erasedAt: '2026-11-26T10:00:00.000Z', records: 2});
      assert.equal(await store.latest(subject), undefined);
      assert.deepEqual((await store.history(subject, {limit: 10})).items, []);
      assert.deepEqual(await store.erasures(subject), [erasure]);
      // A device that was offline sends one of the erased records again.
      assert.deepEqual(await append(store, records[0]!), {status: 'erased'});
      assert.equal((await store.latest('customer-staying'))?.record.recordId, kept.recordId);
      // A new decision after the erasure is a new record, stored as usual.
      const after = record({subject, collectedAt: '2026-11-26T10:00:00.001Z'});
      assert.equal((await append(store, after)).status, 'created');
    });

    it('does not store a record collected before its subject’s erasure and delivered after it', async () => {
      const store = await fresh();
      const subject = 'customer-with-an-offline-phone';
      await append(store, record({subject, collectedAt: '2026-11-20T10:00:00.000Z'}));
      await store.erase(subject, '2026-11-26T10:00:00.000Z');
      // The phone was offline: its choice of before the erasure arrives only now.
      const fromPhone = record({subject, collectedAt: '2026-11-25T10:00:00.000+01:00'});
      assert.deepEqual(await append(store, fromPhone), {status: 'erased'});
      assert.equal(await store.latest(subject), undefined);
      assert.deepEqual((await store.history(subject, {limit: 10})).items, []);
      // Another subject's old record is not affected.
      assert.equal(
        (await append(store, record({collectedAt: '2026-11-20T10:00:00.000Z'}))).status,
        'created',
      );
      // A decision made after the erasure is stored, and current.
      const later = record({subject, collectedAt: '2026-11-27T10:00:00.000Z'});
      assert.equal((await append(store, later)).status, 'created');
      assert.equal((await store.latest(subject))?.record.recordId, later.recordId);
    });

    it('forgets old idempotency keys, and still never stores a record twice', async () => {
      const store = await fresh();
      const r = record();
      const created = await append(store, r);
      assert.equal(await store.pruneKeys(new Date(Date.now() + 60_000).toISOString()), 1);
      assert.equal(await store.pruneKeys(new Date(Date.now() + 60_000).toISOString()), 0);
      const replayed = await append(store, r);
      assert.deepEqual(replayed, {...created, status: 'replayed'});
      const other = {...r, gpc: !r.gpc};
      assert.deepEqual(await append(store, other), {status: 'conflict'});
    });
  });
}

contract('SQLite', async () => openSqliteStore(join(tempDir(), 'consent.db')));

/**
 * An erasure a process died in: `markHalfWay` writes what the process left (the erasure's entry
 * and mark, the first record deleted); `left` counts the subject's records and marks remaining.
 */
async function erasureLeftHalfWay(
  open: () => Promise<ConsentStore>,
  markHalfWay: (subject: string, firstRecordId: string) => Promise<void>,
  left: (subject: string) => Promise<number>,
): Promise<void> {
  let store = await open();
  const subject = 'customer-leaving';
  const records = [1, 2, 3, 4, 5].map((day) =>
    record({subject, collectedAt: `2026-11-0${day}T10:00:00.000Z`}),
  );
  for (const r of records) await append(store, r);
  const kept = record({subject: 'customer-staying'});
  await append(store, kept);
  await store.close();
  // What a process that died after the mark and the first batch leaves behind.
  await markHalfWay(subject, records[0]!.recordId);

  store = await open();
  assert.equal(await store.latest(subject), undefined);
  assert.deepEqual((await store.history(subject, {limit: 10})).items, []);
  const range = await store.range('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z', {
    limit: 10,
  });
  assert.deepEqual(
    range.items.map((answer) => answer.record.recordId),
    [kept.recordId],
  );
  const late = record({subject, collectedAt: '2026-11-20T10:00:00.000Z'});
  assert.deepEqual(await append(store, late), {status: 'erased'});
  const after = record({subject, collectedAt: '2026-11-27T10:00:00.000Z'});
  assert.equal((await append(store, after)).status, 'created');
  assert.equal((await store.latest(subject))?.record.recordId, after.recordId);

  // Erasing again finishes the first erasure, then erases what came after it.
  const erasure = await store.erase(subject, '2026-11-28T10:00:00.000Z');
  assert.deepEqual(erasure, {subject, erasedAt: '2026-11-28T10:00:00.000Z', records: 1});
  assert.deepEqual(
    (await store.erasures(subject)).map((entry) => entry.records),
    [5, 1],
  );
  assert.equal(await store.latest(subject), undefined);
  assert.deepEqual(await append(store, records[4]!), {status: 'erased'});
  assert.equal((await store.latest('customer-staying'))?.record.recordId, kept.recordId);
  await store.close();
  assert.equal(await left(subject), 0);
}

describe('PostgreSQL', () => {
  const freshDatabase = usePostgres();
  contract('PostgreSQL', async () => openPostgresStore(await freshDatabase()));

  it('keeps the history append-only in the database itself', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url);
    await append(store, record());
    await store.close();
    const sql = new pg.Client({connectionString: url});
    await sql.connect();
    await assert.rejects(sql.query(`UPDATE consent_records SET subject = 'x'`), /append-only/);
    await assert.rejects(sql.query('DELETE FROM consent_records'), /append-only/);
    await sql.end();
  });

  it('stores a record once when two server processes’ stores write it at the same moment', async () => {
    const url = await freshDatabase();
    const [one, two] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    const r = record();
    const results = await Promise.all(
      Array.from({length: 10}, (_, index) => append(index % 2 ? one : two, r)),
    );
    assert.equal(results.filter((result) => result.status === 'created').length, 1);
    assert.equal((await one.history(r.subject, {limit: 20})).items.length, 1);
    await Promise.all([one.close(), two.close()]);
  });

  it('refuses a database it cannot write, with a clear message', async () => {
    const url = await freshDatabase();
    const database = new URL(url).pathname.slice(1);
    await sqlOn(url, `ALTER DATABASE ${database} SET default_transaction_read_only = on`);
    await assert.rejects(openPostgresStore(url), /cannot be written \(25006/);
  });

  it('refuses a database with a current schema it cannot write (a replica), too', async () => {
    const url = await freshDatabase();
    await (await openPostgresStore(url)).close();
    const database = new URL(url).pathname.slice(1);
    await sqlOn(url, `ALTER DATABASE ${database} SET default_transaction_read_only = on`);
    await assert.rejects(openPostgresStore(url), /cannot be written \(25006/);
  });

  it('migrates once: a second start alters nothing (the append-only trigger is not re-created)', async () => {
    const url = await freshDatabase();
    await (await openPostgresStore(url)).close();
    const created = `SELECT oid::text FROM pg_trigger WHERE tgname = 'consent_records_append_only'`;
    const [before] = await sqlOn(url, created);
    await (await openPostgresStore(url)).close();
    assert.deepEqual(await sqlOn(url, created), [before]);
  });

  it('keeps beside a key only the request’s hash, and replays keys of a version 3 database', async () => {
    const url = await freshDatabase();
    let store = await openPostgresStore(url);
    const created = await append(store, record());
    await store.close();
    assert.ok('answer' in created);
    // Version 3 kept a copy of the answer beside each key.
    await sqlOn(
      url,
      `ALTER TABLE idempotency_keys ADD COLUMN answer_json text NOT NULL DEFAULT ''`,
    );
    await sqlOn(url, 'UPDATE consent_schema SET version = 3');
    store = await openPostgresStore(url);
    assert.deepEqual(await append(store, created.answer.record), {...created, status: 'replayed'});
    await store.close();
    const columns = await sqlOn<{name: string}>(
      url,
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_name = 'idempotency_keys' ORDER BY ordinal_position`,
    );
    assert.deepEqual(
      columns.map((column) => column.name),
      ['key', 'request_hash', 'created_at'],
    );
  });

  it('finishes an erasure the process died in: meanwhile nothing of it is shown or stored again', async () => {
    const url = await freshDatabase();
    await erasureLeftHalfWay(
      () => openPostgresStore(url),
      async (subject, firstRecordId) => {
        await sqlOn(
          url,
          `WITH entry AS (
             INSERT INTO erasures (subject, erased_at, records)
             VALUES ($1, '2026-11-26T10:00:00.000Z', 5) RETURNING seq
           )
           INSERT INTO erasing (subject, through_seq, erasure_seq)
           SELECT $1, (SELECT max(seq) FROM consent_records WHERE subject = $1), seq FROM entry`,
          [subject],
        );
        await sqlOn(
          url,
          `BEGIN; SELECT set_config('consent.erasing', 'on', true);
           DELETE FROM consent_records WHERE record_id = '${firstRecordId}'; COMMIT;`,
        );
      },
      async (subject) => {
        const [row] = await sqlOn<{n: number}>(
          url,
          `SELECT ((SELECT count(*) FROM consent_records WHERE subject = $1)
             + (SELECT count(*) FROM erasing))::integer AS n`,
          [subject],
        );
        return row!.n;
      },
    );
  });

  it('erases a subject of 70,000 records, in batches (more than a statement’s 65,535 parameters)', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url);
    const subject = 'customer-with-a-long-history';
    const one = record({subject});
    await append(store, one);
    // Inserted by the database itself: 70,000 appends over the store would take minutes.
    await sqlOn(
      url,
      `WITH numbered AS (SELECT n, 'bulk-' || n AS id FROM generate_series(1, 69999) AS n),
       stored AS (
         INSERT INTO consent_records
           (receipt_id, record_id, subject, policy_version, record_json, recorded_at, collected_at)
         SELECT 'receipt-' || id, id, $1, '1', $2, '2026-11-23T06:00:00.000Z',
           '2026-11-23T06:00:00.000Z' FROM numbered
       )
       INSERT INTO idempotency_keys (key, request_hash, created_at)
       SELECT id, 'hash', '2026-11-23T06:00:00.000Z' FROM numbered`,
      [subject, JSON.stringify(one)],
    );
    const kept = record({subject: 'customer-staying'});
    await append(store, kept);
    const erasure = await store.erase(subject, '2026-11-26T10:00:00.000Z');
    assert.equal(erasure.records, 70_000);
    const [left] = await sqlOn<{records: string; keys: string; erased: string}>(
      url,
      `SELECT (SELECT count(*) FROM consent_records WHERE subject = $1) AS records,
        (SELECT count(*) FROM idempotency_keys WHERE key LIKE 'bulk-%' OR key = $2) AS keys,
        (SELECT count(*) FROM erased_records) AS erased`,
      [subject, one.recordId],
    );
    assert.deepEqual(left, {records: '0', keys: '0', erased: '70000'});
    assert.deepEqual(await append(store, one), {status: 'erased'});
    assert.equal((await store.latest('customer-staying'))?.record.recordId, kept.recordId);
    await store.close();
  });
});

describe('SQLite file', () => {
  it('creates the parent folder and a WAL database', async () => {
    const path = join(tempDir(), 'nested', 'deeper', 'consent.db');
    await openSqliteStore(path).close();
    const raw = new Database(path);
    assert.equal(raw.pragma('journal_mode', {simple: true}), 'wal');
    raw.close();
  });

  it('refuses UPDATE and DELETE on the consent history', async () => {
    const path = join(tempDir(), 'consent.db');
    const store = openSqliteStore(path);
    await append(store, record());
    await store.close();
    const raw = new Database(path);
    assert.throws(() => raw.exec("UPDATE consent_records SET subject = 'x'"), /append-only/);
    assert.throws(() => raw.exec('DELETE FROM consent_records'), /append-only/);
    raw.close();
  });

  it('orders by collection time, whatever zone offset it was sent with', () => {
    assert.equal(
      orderingTime('2026-11-23T07:00:00+01:00', '2026-11-23T09:00:00.000Z'),
      '2026-11-23T06:00:00.000Z',
    );
    assert.equal(
      orderingTime('2026-11-23T12:00:00.000Z', '2026-11-23T09:00:00.000Z'),
      '2026-11-23T09:00:00.000Z',
    );
  });

  it('upgrades a version 1 database in place: the current record by collection time, history untouched', async () => {
    const path = join(tempDir(), 'consent.db');
    const raw = new Database(path);
    raw.exec(`
      CREATE TABLE consent_records (
        seq INTEGER PRIMARY KEY, receipt_id TEXT NOT NULL UNIQUE, record_id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL, policy_version TEXT NOT NULL, record_json TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX consent_records_by_subject ON consent_records (subject, seq);
      CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
        BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
      CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
        BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END;
      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, answer_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
    const subject = 'customer-from-v1';
    const newer = record({subject, collectedAt: '2026-11-20T10:00:00.000Z'});
    const older = record({subject, collectedAt: '2026-11-10T10:00:00.000Z'});
    const insert = raw.prepare(
      `INSERT INTO consent_records (receipt_id, record_id, subject, policy_version, record_json, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      'receipt-newer',
      newer.recordId,
      subject,
      '1',
      JSON.stringify(newer),
      '2026-11-21T00:00:00.000Z',
    );
    insert.run(
      'receipt-older',
      older.recordId,
      subject,
      '1',
      JSON.stringify(older),
      '2026-11-22T00:00:00.000Z',
    );
    const newerAnswer = {
      receiptId: 'receipt-newer',
      recordedAt: '2026-11-21T00:00:00.000Z',
      record: newer,
    };
    raw
      .prepare(`INSERT INTO idempotency_keys VALUES (?, ?, ?, ?)`)
      .run(newer.recordId, recordHash(newer), JSON.stringify(newerAnswer), newerAnswer.recordedAt);
    raw.pragma('user_version = 1');
    raw.close();

    const store = openSqliteStore(path);
    // The key still replays the first answer, rebuilt from the record.
    assert.deepEqual(await append(store, newer), {status: 'replayed', answer: newerAnswer});
    assert.equal((await store.latest(subject))?.receiptId, 'receipt-newer');
    assert.deepEqual(
      (await store.history(subject, {limit: 10})).items.map((answer) => answer.receiptId),
      ['receipt-older', 'receipt-newer'],
    );
    await append(store, record({subject: 'customer-staying'}));
    assert.equal((await store.erase(subject, '2026-11-26T00:00:00.000Z')).records, 2);
    await store.close();
    const upgraded = new Database(path);
    assert.equal(upgraded.pragma('user_version', {simple: true}), 4);
    assert.deepEqual(
      upgraded
        .prepare<[], {name: string}>(`SELECT name FROM pragma_table_info('idempotency_keys')`)
        .all()
        .map((column) => column.name),
      ['key', 'request_hash', 'created_at'],
    );
    assert.throws(() => upgraded.exec("UPDATE consent_records SET subject = 'x'"), /append-only/);
    assert.throws(() => upgraded.exec('DELETE FROM consent_records'), /append-only/);
    upgraded.close();
  });

  it('finishes an erasure the process died in: meanwhile nothing of it is shown or stored again', async () => {
    const path = join(tempDir(), 'consent.db');
    await erasureLeftHalfWay(
      async () => openSqliteStore(path),
      async (subject, firstRecordId) => {
        const raw = new Database(path);
        const {lastInsertRowid} = raw
          .prepare(`INSERT INTO erasures (subject, erased_at, records) VALUES (?, ?, 5)`)
          .run(subject, '2026-11-26T10:00:00.000Z');
        raw
          .prepare(
            `INSERT INTO erasing (subject, through_seq, erasure_seq)
             SELECT subject, max(seq), ? FROM consent_records WHERE subject = ?`,
          )
          .run(lastInsertRowid, subject);
        raw.prepare('DELETE FROM consent_records WHERE record_id = ?').run(firstRecordId);
        raw.close();
      },
      async (subject) => {
        const raw = new Database(path);
        const left = raw
          .prepare<[string], {n: number}>(
            `SELECT (SELECT count(*) FROM consent_records WHERE subject = ?)
               + (SELECT count(*) FROM erasing) AS n`,
          )
          .get(subject)!.n;
        raw.close();
        return left;
      },
    );
  });

  it('has a quota of 4 GiB unless CONSENT_DB_MAX_BYTES says otherwise, and off turns it off', () => {
    const table: [string | undefined, ReturnType<typeof sqliteQuota>][] = [
      [undefined, {maxBytes: DEFAULT_SQLITE_MAX_BYTES, isDefault: true}],
      ['', {maxBytes: DEFAULT_SQLITE_MAX_BYTES, isDefault: true}],
      [' off ', {maxBytes: undefined, isDefault: false}],
      ['163840', {maxBytes: 163840, isDefault: false}],
    ];
    for (const [value, quota] of table) assert.deepEqual(sqliteQuota(value), quota, value);
    assert.equal(DEFAULT_SQLITE_MAX_BYTES, 4 * 1024 ** 3);
    for (const value of ['4GB', '-1', '0', 'unlimited'])
      assert.throws(() => sqliteQuota(value), /CONSENT_DB_MAX_BYTES/);
  });

  it('refuses at start a database already past the default quota, unless the quota is off', async () => {
    const path = join(tempDir(), 'consent.db');
    const store = await openStore({}, path);
    await append(store, record());
    await store.close();
    // Grown past 4 GiB (sparse: no disk is used).
    truncateSync(path, DEFAULT_SQLITE_MAX_BYTES + 4096);
    await assert.rejects(openStore({}, path), /default quota.*CONSENT_DB_MAX_BYTES/);
    await (await openStore({CONSENT_DB_MAX_BYTES: 'off'}, path)).close();
  });

  it('refuses a database written by a newer schema', () => {
    const path = join(tempDir(), 'consent.db');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    assert.throws(() => openSqliteStore(path), /schema version 99/);
  });
});

describe('recordHash', () => {
  it('ignores key order and changes with any value', () => {
    const r = record();
    const reordered = Object.fromEntries(Object.entries(r).reverse()) as unknown as ConsentRecord;
    assert.equal(recordHash(reordered), recordHash(r));
    assert.notEqual(recordHash({...r, gpc: !r.gpc}), recordHash(r));
  });
});
