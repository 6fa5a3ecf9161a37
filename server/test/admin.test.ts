// The audit and erasure API, against the real server process, on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {post, spawnServer, tempDir, validRecord} from './helpers.js';
import {usePostgres} from './postgres.js';

const ADMIN_TOKEN = 'an-admin-token-of-at-least-32-bytes!!';
const admin = {Authorization: `Bearer ${ADMIN_TOKEN}`};

function lines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function suite(name: string, storeEnv: () => Promise<Record<string, string>>): void {
  describe(`admin API (${name})`, () => {
    it('exports a subject’s history and a time range as JSON lines, and erases a subject', async () => {
      const server = await spawnServer('server/main.ts', {...(await storeEnv()), ADMIN_TOKEN});
      const url = `${server.url}/api/consent`;
      const start = new Date(Date.now() - 1000).toISOString();
      const leaving = [1, 2, 3].map(() => validRecord({subject: 'customer-leaving'}));
      const staying = validRecord({subject: 'customer-staying'});
      for (const record of [...leaving, staying])
        assert.equal((await post(url, record)).status, 201);

      const exported = await fetch(`${url}/admin/subjects/customer-leaving/export`, {
        headers: admin,
      });
      assert.equal(exported.status, 200);
      assert.match(exported.headers.get('Content-Type') ?? '', /^application\/x-ndjson/);
      const history = lines(await exported.text());
      assert.deepEqual(
        history.map((line) => [line.type, (line.record as {recordId: string}).recordId]),
        leaving.map((record) => ['record', record.recordId]),
      );

      const range = await fetch(
        `${url}/admin/records?from=${start}&to=${new Date(Date.now() + 1000).toISOString()}`,
        {headers: admin},
      );
      assert.deepEqual(
        lines(await range.text()).map((line) => (line.record as {recordId: string}).recordId),
        [...leaving, staying].map((record) => record.recordId),
      );

      const erased = await fetch(`${url}/admin/subjects/customer-leaving`, {
        method: 'DELETE',
        headers: admin,
      });
      assert.equal(erased.status, 200);
      const erasure = (await erased.json()) as {subject: string; erasedAt: string; records: number};
      assert.deepEqual([erasure.subject, erasure.records], ['customer-leaving', 3]);
      // Only the erasure entry is left; the public endpoint knows nothing of the subject.
      const after = lines(
        await (
          await fetch(`${url}/admin/subjects/customer-leaving/export`, {headers: admin})
        ).text(),
      );
      assert.deepEqual(
        after.map((line) => [line.type, line.records]),
        [['erasure', 3]],
      );
      assert.equal((await fetch(`${url}?subject=customer-leaving`)).status, 204);
      // A late retry of an erased record is not stored again.
      const late = await post(url, leaving[0]);
      assert.equal(late.status, 410);
      assert.equal(((await late.json()) as {error: {code: string}}).error.code, 'subject_erased');
      // A device that was offline delivers a choice made before the erasure: not stored either.
      const collectedBefore = new Date(Date.parse(erasure.erasedAt) - 60_000).toISOString();
      const offline = validRecord({subject: 'customer-leaving', collectedAt: collectedBefore});
      assert.equal((await post(url, offline)).status, 410);
      assert.equal((await fetch(`${url}?subject=customer-leaving`)).status, 204);
      // A decision made after the erasure is a new record.
      const collectedAfter = new Date(Date.parse(erasure.erasedAt) + 1).toISOString();
      const decision = validRecord({subject: 'customer-leaving', collectedAt: collectedAfter});
      assert.equal((await post(url, decision)).status, 201);
      assert.equal((await fetch(`${url}?subject=customer-staying`)).status, 200);
    });

    it('answers 401 without the admin token or with another, and 400 for a bad range', async () => {
      const server = await spawnServer('server/main.ts', {...(await storeEnv()), ADMIN_TOKEN});
      const url = `${server.url}/api/consent/admin`;
      const attempts: Record<string, string>[] = [
        {},
        {Authorization: 'Bearer not-the-admin-token-but-long-enough!!'},
      ];
      for (const headers of attempts) {
        const refused = await fetch(`${url}/subjects/customer-1/export`, {headers});
        assert.equal(refused.status, 401);
        const erase = await fetch(`${url}/subjects/customer-1`, {method: 'DELETE', headers});
        assert.equal(erase.status, 401);
      }
      const badRange = await fetch(`${url}/records?from=yesterday`, {headers: admin});
      assert.equal(badRange.status, 400);
    });

    it('has no admin API without ADMIN_TOKEN', async () => {
      const server = await spawnServer('server/main.ts', await storeEnv());
      const response = await fetch(`${server.url}/api/consent/admin/subjects/x/export`, {
        headers: admin,
      });
      assert.equal(response.status, 404);
    });
  });
}

suite('SQLite', async () => ({CONSENT_DB: join(tempDir(), 'consent.db')}));

describe('on PostgreSQL', () => {
  const freshDatabase = usePostgres();
  suite('PostgreSQL', async () => ({DATABASE_URL: await freshDatabase()}));
});
