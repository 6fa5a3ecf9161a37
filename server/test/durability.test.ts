import assert from 'node:assert/strict';
import {join} from 'node:path';
import {it} from 'node:test';
import type {ConsentAnswer} from '../../src/core/protocol.js';
import {post, spawnServer, tempDir, validRecord} from './helpers.js';

it('keeps an acknowledged record when the server is killed with SIGKILL', async () => {
  const env = {CONSENT_DB: join(tempDir(), 'consent.db')};
  const record = validRecord();

  const first = await spawnServer('server/main.ts', env);
  const created = await post(`${first.url}/api/consent`, record);
  assert.equal(created.status, 201);
  const answer = (await created.json()) as ConsentAnswer;
  first.child.kill('SIGKILL');
  await first.exited;

  const second = await spawnServer('server/main.ts', env);
  const read = await fetch(`${second.url}/api/consent?subject=${record.subject}`);
  assert.equal(read.status, 200);
  assert.deepEqual(await read.json(), answer);
  // The idempotency key survived too: the client's retry after the crash is not a new record.
  const retried = await post(`${second.url}/api/consent`, record);
  assert.equal(retried.status, 200);
  assert.deepEqual(await retried.json(), answer);
});
