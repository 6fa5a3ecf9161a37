// The exactly-once rule both stores follow, as a table: what is found under the record's id →
// what the store does. store.test.ts checks that both databases find the right things.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ConsentAnswer, ConsentRecord} from '../../src/core/protocol.js';
import {decideAppend, type AppendDecision, type AppendLookup} from '../store/append-rule.js';
import {validRecord} from './helpers.js';

const answer = (receiptId: string): ConsentAnswer => ({
  receiptId,
  recordedAt: '2026-11-23T06:00:01.000Z',
  record: validRecord() as unknown as ConsentRecord,
});
const fromKey = answer('receipt-from-key');
const fromRecord = answer('receipt-from-record');
const nothing: AppendLookup = {
  key: undefined,
  stored: undefined,
  isErased: false,
  subjectErasedAt: undefined,
};
const collectedAt = '2026-11-23T06:00:00.000Z';

describe('decideAppend', () => {
  const rows: [string, AppendLookup, AppendDecision][] = [
    ['a new id is inserted', nothing, {status: 'insert'}],
    [
      'the same record under a known key replays the key’s answer',
      {...nothing, key: {requestHash: 'same', answer: fromKey}},
      {status: 'replayed', answer: fromKey},
    ],
    [
      'another record under a known key is a conflict',
      {...nothing, key: {requestHash: 'other', answer: fromKey}},
      {status: 'conflict'},
    ],
    [
      'the key decides before the stored record',
      {
        ...nothing,
        key: {requestHash: 'same', answer: fromKey},
        stored: {hash: 'same', answer: fromRecord},
      },
      {status: 'replayed', answer: fromKey},
    ],
    [
      'the same record kept after its key expired replays the record’s answer',
      {...nothing, stored: {hash: 'same', answer: fromRecord}},
      {status: 'replayed', answer: fromRecord},
    ],
    [
      'another record kept under the id is a conflict',
      {...nothing, stored: {hash: 'other', answer: fromRecord}},
      {status: 'conflict'},
    ],
    [
      'a kept record the store could not hash is not the same record',
      {...nothing, stored: {hash: undefined, answer: fromRecord}},
      {status: 'conflict'},
    ],
    [
      'a record of an erased subject is not stored again',
      {...nothing, isErased: true},
      {status: 'erased'},
    ],
    [
      'a known key decides before erasure',
      {...nothing, key: {requestHash: 'same', answer: fromKey}, isErased: true},
      {status: 'replayed', answer: fromKey},
    ],
    [
      'a record collected before its subject’s erasure, delivered after it, is not stored',
      {...nothing, subjectErasedAt: '2026-11-26T10:00:00.000Z'},
      {status: 'erased'},
    ],
    [
      'collected at the moment of the erasure counts as before',
      {...nothing, subjectErasedAt: '2026-11-23T07:00:00.000+01:00'},
      {status: 'erased'},
    ],
    [
      'a record collected after its subject’s erasure is a new decision',
      {...nothing, subjectErasedAt: '2026-11-23T05:59:59.999Z'},
      {status: 'insert'},
    ],
    [
      'a known key decides before the erasure time',
      {
        ...nothing,
        key: {requestHash: 'same', answer: fromKey},
        subjectErasedAt: '2026-11-26T10:00:00.000Z',
      },
      {status: 'replayed', answer: fromKey},
    ],
  ];
  for (const [name, found, expected] of rows) {
    it(name, () => assert.deepEqual(decideAppend({hash: 'same', collectedAt}, found), expected));
  }
});
