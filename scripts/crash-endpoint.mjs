// Crash test of the reference endpoint: 16 writers post unique records without pause while the
// server process is killed with SIGKILL and restarted, round after round; a writer resends a
// record that got no answer (same record, same key), as the component does. At the end every
// acknowledged record must be stored, and none twice. Env: CRASH_ROUNDS (8), CRASH_ROUND_MS
// (1500), BENCH_DATABASE_URL (PostgreSQL instead of SQLite). Exits non-zero on any loss.
import {mkdtempSync, rmSync} from 'node:fs';
import {Agent} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
  newRecord,
  positiveNumber,
  postRecord,
  startEndpoint,
  storeName,
} from './endpoint-process.mjs';

const rounds = positiveNumber('CRASH_ROUNDS', 8);
const roundMs = positiveNumber('CRASH_ROUND_MS', 1500);
const concurrency = 16;
const ADMIN_TOKEN = 'crash-test-admin-token-of-32-bytes-or-more';
const dir = mkdtempSync(join(tmpdir(), 'consent-crash-'));
const dbPath = join(dir, 'crash.db');

const acknowledged = new Set();
let server;
let running = true;
let attempts = 0;

/** Posts `record` until some server acknowledges it, across kills. */
async function deliver(record) {
  for (;;) {
    const current = server;
    if (!current) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    attempts += 1;
    const status = await postRecord(current.agent, current.port, record).catch(() => 0);
    if (status === 200 || status === 201) {
      acknowledged.add(record.recordId);
      return;
    }
    if (status !== 0 && status !== 503) throw new Error(`unexpected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function writer() {
  while (running) await deliver(newRecord());
}

async function start() {
  const started = await startEndpoint(dbPath, {ADMIN_TOKEN});
  server = {...started, agent: new Agent({keepAlive: true, maxSockets: concurrency})};
}

try {
  await start();
  const writers = Array.from({length: concurrency}, writer);
  for (let round = 0; round < rounds; round++) {
    await new Promise((resolve) => setTimeout(resolve, roundMs));
    const killed = server;
    server = undefined;
    killed.child.kill('SIGKILL');
    await killed.exited;
    killed.agent.destroy();
    await start();
  }
  running = false;
  await Promise.all(writers);

  // Everything stored, read back through the audit export.
  const response = await fetch(
    `http://127.0.0.1:${server.port}/api/consent/admin/records?from=2000-01-01T00:00:00.000Z`,
    {headers: {Authorization: `Bearer ${ADMIN_TOKEN}`}},
  );
  const stored = (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).record.recordId);
  const unique = new Set(stored);
  const lost = [...acknowledged].filter((id) => !unique.has(id)).length;
  const duplicates = stored.length - unique.size;
  console.log(
    `crash test (${storeName}): ${rounds} SIGKILLs under ${concurrency} writers; ${acknowledged.size} acknowledged, ` +
      `${stored.length} stored, ` +
      `${attempts} requests; lost ${lost}, duplicates ${duplicates}`,
  );
  process.exitCode = lost > 0 || duplicates > 0 ? 1 : 0;
} finally {
  running = false;
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(dir, {recursive: true, force: true});
}
