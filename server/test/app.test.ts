import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import Database from 'better-sqlite3';
import type {ErrorBody} from '../http-error.js';
import type {ConsentAnswer} from '../../src/core/protocol.js';
import {allowedOrigin, post, startEndpoint, validRecord} from './helpers.js';

const {url} = await startEndpoint({bodyLimitBytes: 2048});

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

describe('POST /api/consent', () => {
  it('answers 201 with the stored record, then 200 with the same answer for a retry', async () => {
    const record = validRecord();
    const headers = {'Idempotency-Key': String(record.recordId)};
    const created = await post(url, record, headers);
    assert.equal(created.status, 201);
    const createdText = await created.text();
    const answer = JSON.parse(createdText) as ConsentAnswer;
    assert.deepEqual(answer.record, record);
    assert.match(answer.recordedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const replayed = await post(url, record, headers);
    assert.equal(replayed.status, 200);
    assert.equal(await replayed.text(), createdText);
  });

  it('uses recordId as the key when the header is absent, and ignores key order', async () => {
    const record = validRecord();
    assert.equal((await post(url, record)).status, 201);
    const reordered = Object.fromEntries(Object.entries(record).reverse());
    assert.equal((await post(url, reordered)).status, 200);
  });

  it('answers 422 idempotency_conflict when a key is reused with a different body', async () => {
    const record = validRecord();
    const first = (await (await post(url, record)).json()) as ConsentAnswer;
    const response = await post(url, {
      ...record,
      choices: {...(record.choices as object), ads: 'granted'},
    });
    assert.equal(response.status, 422);
    assert.deepEqual(await errorOf(response), {
      code: 'idempotency_conflict',
      message: 'A different consent record was already saved under this recordId.',
      path: 'recordId',
    });
    const latest = (await (
      await fetch(`${url}?subject=${record.subject}`)
    ).json()) as ConsentAnswer;
    assert.equal(latest.receiptId, first.receiptId);
  });

  it('answers 422 when the Idempotency-Key header is not the recordId', async () => {
    const response = await post(url, validRecord(), {'Idempotency-Key': 'another-key-123'});
    assert.equal(response.status, 422);
    assert.equal((await errorOf(response)).code, 'idempotency_key_mismatch');
  });

  it('answers 422 with the path of the first problem and the full list', async () => {
    const response = await post(url, validRecord({choices: {analytics: 'yes'}, changed: []}));
    assert.equal(response.status, 422);
    assert.deepEqual(await errorOf(response), {
      code: 'invalid_record',
      message: 'The consent record was rejected: choices.analytics must be "granted" or "denied".',
      path: 'choices.analytics',
      problems: [
        {path: 'choices.analytics', message: 'choices.analytics must be "granted" or "denied"'},
      ],
    });
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await post(url, '{"recordId":');
    assert.equal(response.status, 400);
    assert.deepEqual(await errorOf(response), {
      code: 'invalid_json',
      message: 'The consent record is not valid JSON.',
    });
  });

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
    it(`answers 415 for Content-Type ${contentType ?? '(none)'}`, async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: contentType ? {'Content-Type': contentType} : {},
        body: contentType ? JSON.stringify(validRecord()) : new Uint8Array([123, 125]),
      });
      assert.equal(response.status, 415);
      assert.equal((await errorOf(response)).code, 'unsupported_media_type');
    });
  }

  it('accepts a charset parameter on the JSON content type', async () => {
    const response = await post(url, validRecord(), {
      'Content-Type': 'application/json; charset=utf-8',
    });
    assert.equal(response.status, 201);
  });

  it('answers 413 over the body limit, whether or not Content-Length is sent', async () => {
    const big = JSON.stringify(validRecord({policyVersion: 'x'.repeat(3000)}));
    const declared = await post(url, big);
    assert.equal(declared.status, 413);
    assert.deepEqual(await errorOf(declared), {
      code: 'body_too_large',
      message: 'The consent record is larger than the limit of 2048 bytes.',
    });
    const streamed = await fetch(url, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
  });

  it('answers 405 with Allow for other methods', async () => {
    const response = await fetch(url, {method: 'PUT'});
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('Allow'), 'GET, POST, OPTIONS');
  });
});

describe('GET /api/consent', () => {
  it('answers 204 before any record, then the latest record with an ETag and 304', async () => {
    const subject = `customer-${Date.now()}`;
    const none = await fetch(`${url}?subject=${subject}`);
    assert.equal(none.status, 204);
    assert.equal(await none.text(), '');
    assert.equal(none.headers.get('Content-Type'), null);
    assert.equal(none.headers.get('ETag'), null);
    assert.equal(none.headers.get('Cache-Control'), 'private, no-cache');

    await post(url, validRecord({subject}));
    const second = (await (
      await post(url, validRecord({subject, method: 'accept-all'}))
    ).json()) as ConsentAnswer;

    const latest = await fetch(`${url}?subject=${subject}`);
    assert.equal(latest.status, 200);
    assert.equal(latest.headers.get('ETag'), `"${second.receiptId}"`);
    assert.equal(latest.headers.get('Cache-Control'), 'private, no-cache');
    assert.deepEqual(await latest.json(), second);

    const etag = latest.headers.get('ETag') ?? '';
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const notModified = await fetch(`${url}?subject=${subject}`, {
        headers: {'If-None-Match': ifNoneMatch},
      });
      assert.equal(notModified.status, 304, ifNoneMatch);
      assert.equal(notModified.headers.get('ETag'), etag);
    }
    const stale = await fetch(`${url}?subject=${subject}`, {headers: {'If-None-Match': '"old"'}});
    assert.equal(stale.status, 200);
  });

  it('keeps answering the record collected last when an older one arrives late; its ETag stays', async () => {
    const subject = `customer-late-${Date.now()}`;
    const withdrawal = (await (
      await post(
        url,
        validRecord({subject, method: 'reject-all', collectedAt: '2026-11-20T10:00:00.000Z'}),
      )
    ).json()) as ConsentAnswer;
    const late = await post(
      url,
      validRecord({subject, method: 'accept-all', collectedAt: '2026-11-13T10:00:00.000Z'}),
    );
    assert.equal(late.status, 201, 'stored in the history');

    const current = await fetch(`${url}?subject=${subject}`);
    assert.equal(current.status, 200);
    assert.deepEqual(await current.json(), withdrawal);
    assert.equal(current.headers.get('ETag'), `"${withdrawal.receiptId}"`);
    const unchanged = await fetch(`${url}?subject=${subject}`, {
      headers: {'If-None-Match': `"${withdrawal.receiptId}"`},
    });
    assert.equal(unchanged.status, 304);
    const history = (await (await fetch(`${url}/history?subject=${subject}`)).json()) as {
      records: ConsentAnswer[];
    };
    assert.deepEqual(
      history.records.map((answer) => answer.record.method),
      ['accept-all', 'reject-all'],
    );
  });

  it('answers 400 when subject is missing or invalid', async () => {
    const missing = await fetch(url);
    assert.equal(missing.status, 400);
    assert.deepEqual(await errorOf(missing), {
      code: 'subject_missing',
      message: 'The subject query parameter is missing.',
      path: 'subject',
    });
    const tooLong = await fetch(`${url}?subject=${'s'.repeat(257)}`);
    assert.equal(tooLong.status, 400);
    assert.equal((await errorOf(tooLong)).message, 'The subject must be 1 to 256 characters.');
  });
});

describe('GET /api/consent/history', () => {
  it('lists every record of the subject, newest first', async () => {
    const subject = `customer-history-${Date.now()}`;
    const receipts: string[] = [];
    for (const method of ['toggle', 'reject-all', 'accept-all']) {
      const answer = (await (
        await post(url, validRecord({subject, method}))
      ).json()) as ConsentAnswer;
      receipts.push(answer.receiptId);
    }
    const response = await fetch(`${url}/history?subject=${subject}`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as {subject: string; records: ConsentAnswer[]};
    assert.equal(body.subject, subject);
    assert.deepEqual(
      body.records.map((answer) => [answer.receiptId, answer.record.method]),
      [
        [receipts[2], 'accept-all'],
        [receipts[1], 'reject-all'],
        [receipts[0], 'toggle'],
      ],
    );
  });

  it('answers an empty list for an unknown subject', async () => {
    const response = await fetch(`${url}/history?subject=nobody-at-all`);
    assert.deepEqual(await response.json(), {subject: 'nobody-at-all', records: []});
  });
});

describe('a busy database', () => {
  it('answers 503 with Retry-After: 1, readable cross-origin, and saves on the retry', async () => {
    const endpoint = await startEndpoint({storeOptions: {busyTimeoutMs: 50}});
    // Another connection holding the write lock is what SQLITE_BUSY looks like in production.
    const other = new Database(endpoint.dbPath);
    other.exec('BEGIN IMMEDIATE');
    const record = validRecord();
    const busy = await post(endpoint.url, record, {Origin: allowedOrigin});
    other.exec('ROLLBACK');
    other.close();
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get('Retry-After'), '1');
    assert.equal(busy.headers.get('Access-Control-Allow-Origin'), allowedOrigin);
    assert.equal((await errorOf(busy)).code, 'store_unavailable');
    assert.equal((await post(endpoint.url, record, {Origin: allowedOrigin})).status, 201);
  });
});

describe('unknown paths', () => {
  it('answers 404 with the error body', async () => {
    const response = await fetch(url.replace('/api/consent', '/api/other'));
    assert.equal(response.status, 404);
    assert.equal((await errorOf(response)).code, 'not_found');
  });
});
