// Faults, against the real server process: a database it cannot write, a full database (its
// quota), another process holding the write lock. Each answered plainly, none per request.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {chmodSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, it} from 'node:test';
import Database from 'better-sqlite3';
import {openSqliteStore} from '../store/sqlite.js';
import {NO_LIMITS, post, repoRoot, spawnServer, tempDir, validRecord} from './helpers.js';

/**
 * Runs main.ts to its end; as root, as `nobody` (root may write anything), which then needs to
 * reach the checkout: directories on the way that others cannot enter are opened for the run.
 */
function runUnprivileged(
  env: Record<string, string>,
): Promise<{code: number | null; stderr: string}> {
  const isRoot = process.getuid?.() === 0;
  const opened = isRoot ? openWayTo(repoRoot) : [];
  const assignments = Object.entries({PORT: '0', ...env})
    .map(([name, value]) => `${name}='${value}'`)
    .join(' ');
  const command = `cd '${repoRoot}' && ${assignments} '${process.execPath}' --import tsx server/main.ts`;
  const child = isRoot
    ? spawn('su', ['nobody', '-s', '/bin/sh', '-c', command], {stdio: ['ignore', 'pipe', 'pipe']})
    : spawn('/bin/sh', ['-c', command], {stdio: ['ignore', 'pipe', 'pipe']});
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      for (const [dir, mode] of opened) chmodSync(dir, mode);
      resolve({code, stderr});
    }),
  );
}

/** Adds "others may enter" to each directory above `path` lacking it; their old modes. */
function openWayTo(path: string): [string, number][] {
  const opened: [string, number][] = [];
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      opened.push([dir, mode]);
    }
  }
  return opened;
}

describe('faults', () => {
  it('refuses to start on a database it cannot write: a clear message, exit code 1', async () => {
    const dir = tempDir();
    const path = join(dir, 'consent.db');
    await openSqliteStore(path).close();
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    const {code, stderr} = await runUnprivileged({CONSENT_DB: path});
    chmodSync(dir, 0o755);
    assert.equal(code, 1);
    assert.match(stderr, /^The consent database .*consent\.db cannot be written \(SQLITE_READONLY/);
    assert.doesNotMatch(stderr, /listening|\n\s+at /, 'no "listening", no stack trace');
  });

  it('a full database (its quota) answers 503 with Retry-After and is logged once, not per request; reads go on', async () => {
    const server = await spawnServer('server/main.ts', {
      CONSENT_DB: join(tempDir(), 'consent.db'),
      CONSENT_DB_MAX_BYTES: String(160 * 1024),
      ...NO_LIMITS,
    });
    let stderr = '';
    server.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `${server.url}/api/consent`;
    const stored = validRecord({subject: 'customer-before-full'});
    assert.equal((await post(url, stored)).status, 201);
    const statuses: number[] = [];
    let full: Response | undefined;
    for (let index = 0; index < 400 && statuses.filter((s) => s === 503).length < 20; index++) {
      const response = await post(url, validRecord({policyVersion: 'v'.repeat(64)}));
      statuses.push(response.status);
      if (response.status === 503) full = response;
    }
    assert.ok(full, `never full: ${statuses.length} records stored`);
    assert.equal(full.headers.get('Retry-After'), '30');
    assert.equal(((await full.json()) as {error: {code: string}}).error.code, 'store_unavailable');
    assert.equal((await fetch(`${url}?subject=customer-before-full`)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // One line when it fills, one when a write fits again (a smaller record can), never one
    // per refused request.
    const fills = stderr.split('\n').filter((line) => line.startsWith('consent store unavailable'));
    const recoveries = stderr
      .split('\n')
      .filter((line) => line.startsWith('consent store: working'));
    const refused = statuses.filter((status) => status === 503).length;
    assert.ok(fills.length >= 1 && fills.length <= recoveries.length + 1, stderr);
    assert.ok(fills.length < refused, `${fills.length} log lines for ${refused} refusals`);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });

  it('another process holding the write lock delays writes, not reads; the write is then stored', async () => {
    const path = join(tempDir(), 'consent.db');
    const server = await spawnServer('server/main.ts', {CONSENT_DB: path});
    const url = `${server.url}/api/consent`;
    const early = validRecord({subject: 'customer-reading'});
    assert.equal((await post(url, early)).status, 201);

    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const record = validRecord({subject: 'customer-writing'});
    const writing = post(url, record);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const read = await fetch(`${url}?subject=customer-reading`);
    const readMs = performance.now() - started;
    assert.equal(read.status, 200);
    assert.ok(readMs < 250, `a read took ${readMs.toFixed(0)} ms during the lock wait`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    other.exec('COMMIT');
    other.close();
    assert.equal((await writing).status, 201);
  });
});
