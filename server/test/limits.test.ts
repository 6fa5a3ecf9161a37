// Limits that agree with each other: the largest record the protocol allows is accepted by the
// real server, and the body limit refuses only what no valid record could be.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {
  MAX_CHOICES,
  MAX_LOCALE_LENGTH,
  MAX_POLICY_VERSION_LENGTH,
  MAX_RECORD_BYTES,
  MAX_SUBJECT_LENGTH,
  validateConsentRecord,
} from '../../src/core/protocol.js';
import {post, spawnServer, tempDir} from './helpers.js';

/** The largest valid record: every field at its maximum, in the widest characters allowed. */
function largestRecord(): Record<string, unknown> {
  const ids = Array.from(
    {length: MAX_CHOICES},
    (_, index) => `${String(index).padStart(3, '0')}-${'a'.repeat(60)}`,
  );
  return {
    recordId: 'r'.repeat(128),
    // 4-byte characters (two UTF-16 units each) up to the length limit.
    subject: '😀'.repeat(MAX_SUBJECT_LENGTH / 2),
    policyVersion: '"'.repeat(MAX_POLICY_VERSION_LENGTH), // escaped in JSON: two bytes each
    choices: Object.fromEntries(ids.map((id) => [id, 'granted'])),
    changed: ids,
    method: 'accept-all',
    locale: `en-${'a1b2c3d4-'.repeat(4)}abc`.slice(0, MAX_LOCALE_LENGTH),
    gpc: false,
    collectedAt: '2026-11-23T06:00:00.000000000+05:30',
  };
}

describe('limits', () => {
  it('the largest valid record is valid and fits MAX_RECORD_BYTES with room to spare', () => {
    const record = largestRecord();
    const validation = validateConsentRecord(record);
    assert.ok(validation.ok, JSON.stringify(!validation.ok && validation.problems.slice(0, 2)));
    const bytes = new TextEncoder().encode(JSON.stringify(record)).length;
    assert.ok(bytes > 70_000, `${bytes} bytes: not the largest`);
    assert.ok(bytes < MAX_RECORD_BYTES, `${bytes} bytes do not fit ${MAX_RECORD_BYTES}`);
  });

  it('the real server stores "Accept all" for 500 purposes with 64-character ids, and refuses one byte over its limit', async () => {
    const server = await spawnServer('server/main.ts', {CONSENT_DB: join(tempDir(), 'c.db')});
    const url = `${server.url}/api/consent`;
    const record = largestRecord();
    const stored = await post(url, record);
    assert.equal(stored.status, 201, await stored.clone().text());
    const tooLarge = await post(url, `${JSON.stringify(record)}${' '.repeat(MAX_RECORD_BYTES)}`);
    assert.equal(tooLarge.status, 413);
    assert.equal(((await tooLarge.json()) as {error: {code: string}}).error.code, 'body_too_large');
  });
});
