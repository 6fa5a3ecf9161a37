import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import Database from 'better-sqlite3';
import {recordHash} from '../record-hash.js';
import {openConsentStore} from '../store.js';
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
