import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import Database from 'better-sqlite3';
import {recordHash} from '../record-hash.js';
import {openConsentStore, orderingTime} from '../store.js';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {tempDir, validRecord} from './helpers.js';

const record = (overrides: Record<string, unknown> = {}): ConsentRecord =>
  validRecord(overrides) as unknown as ConsentRecord;

describe('openConsentStore', () => {
  it('creates the parent folder and a WAL database', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'consent.db');
    openConsentStore(path).close();
    const raw = new Database(path);
    assert.equal(raw.pragma('journal_mode', {simple: true}), 'wal');
    raw.close();
  });

  it('stores a record once per key: created, then replayed, then conflict', () => {
    const store = openConsentStore(join(tempDir(), 'consent.db'));
    const first = record();
    const key = first.recordId;
    const created = store.append(first, key, recordHash(first));
    assert.equal(created.status, 'created');
    const replayed = store.append(first, key, recordHash(first));
    assert.deepEqual(replayed, {...created, status: 'replayed'});
    const changed = {...first, choices: {essential: 'granted' as const}, changed: []};
    assert.deepEqual(store.append(changed, key, recordHash(changed)), {status: 'conflict'});
    assert.equal(store.history(first.subject).length, 1);
    store.close();
  });

  it('answers latest and history newest first, per subject, across reopening', () => {
    const path = join(tempDir(), 'consent.db');
    let store = openConsentStore(path);
    const subject = 'customer-42';
    const records = [1, 2, 3].map(() => record({subject}));
    const receipts = records.map((r) => {
      const result = store.append(r, r.recordId, recordHash(r));
      assert.equal(result.status, 'created');
      return result.status === 'created' ? result.answer.receiptId : '';
    });
    store.append(record({subject: 'someone-else'}), 'other-key-1', 'hash');
    store.close();

    store = openConsentStore(path);
    assert.equal(store.latest(subject)?.receiptId, receipts[2]);
    assert.deepEqual(store.latest(subject)?.record, records[2]);
    assert.deepEqual(
      store.history(subject).map((answer) => answer.receiptId),
      [...receipts].reverse(),
    );
    assert.equal(store.latest('nobody'), undefined);
    assert.deepEqual(store.history('nobody'), []);
    store.close();
  });

  it('refuses UPDATE and DELETE on the consent history', () => {
    const path = join(tempDir(), 'consent.db');
    const store = openConsentStore(path);
    const r = record();
    store.append(r, r.recordId, recordHash(r));
    store.close();
    const raw = new Database(path);
    assert.throws(() => raw.exec("UPDATE consent_records SET subject = 'x'"), /append-only/);
    assert.throws(() => raw.exec('DELETE FROM consent_records'), /append-only/);
    raw.close();
  });

  it('takes as current the record collected last, not the last to arrive', () => {
    const store = openConsentStore(join(tempDir(), 'consent.db'));
    const subject = 'customer-phone-and-laptop';
    const withdrawal = record({subject, collectedAt: '2026-11-20T10:00:00.000Z'});
    // A phone's week-old grant, delivered after the withdrawal made on the laptop.
    const lateGrant = record({subject, collectedAt: '2026-11-13T10:00:00.000+01:00'});
    store.append(withdrawal, withdrawal.recordId, recordHash(withdrawal));
    store.append(lateGrant, lateGrant.recordId, recordHash(lateGrant));
    assert.equal(store.latest(subject)?.record.recordId, withdrawal.recordId);
    assert.deepEqual(
      store.history(subject).map((answer) => answer.record.recordId),
      [lateGrant.recordId, withdrawal.recordId],
      'the history keeps both, newest arrival first',
    );
    store.close();
  });

  it('counts a collectedAt later than its arrival as collected on arrival: a future time pins nothing', () => {
    const store = openConsentStore(join(tempDir(), 'consent.db'));
    const subject = 'customer-forged';
    const forged = record({subject, collectedAt: '2099-01-01T00:00:00.000Z'});
    store.append(forged, forged.recordId, recordHash(forged));
    assert.equal(store.latest(subject)?.record.recordId, forged.recordId);
    const now = record({subject, collectedAt: new Date(Date.now() + 1000).toISOString()});
    store.append(now, now.recordId, recordHash(now));
    assert.equal(store.latest(subject)?.record.recordId, now.recordId);
    assert.deepEqual(store.latest(subject)?.record, now, 'the record itself is kept as sent');
    store.close();
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

  it('upgrades a version 1 database in place: the current record by collection time, history untouched', () => {
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
    raw.pragma('user_version = 1');
    raw.close();

    const store = openConsentStore(path);
    assert.equal(store.latest(subject)?.receiptId, 'receipt-newer');
    assert.deepEqual(
      store.history(subject).map((answer) => answer.receiptId),
      ['receipt-older', 'receipt-newer'],
    );
    store.close();
    const upgraded = new Database(path);
    assert.equal(upgraded.pragma('user_version', {simple: true}), 2);
    assert.throws(() => upgraded.exec("UPDATE consent_records SET subject = 'x'"), /append-only/);
    upgraded.close();
  });

  it('refuses a database written by a newer schema', () => {
    const path = join(tempDir(), 'consent.db');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    assert.throws(() => openConsentStore(path), /schema version 99/);
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
