// PostgreSQL going away under load, against real endpoint processes and a real cluster: its
// connections cut, a restart, a backend killed, the database stalled past the time limit, a
// second process starting beside the first. Writers keep sending records and retry as the
// component does; afterwards the process must still run, every acknowledged record be stored
// exactly once (under the receipt it was acknowledged with), and every answer during the outage
// be 503 with Retry-After, in time — never 500, never a hang.
import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {spawnServer, validRecord, type ChildServer} from './helpers.js';
import {sqlOn, usePostgresCluster, type Cluster} from './postgres.js';

/** The endpoint's time limits here: short, so that a stall is over quickly. */
const TIMEOUT_MS = 1000;
/** The slowest answer allowed: connecting, then one query, each within the limit, and slack. */
const SLOWEST_MS = 2 * TIMEOUT_MS + 1500;
const WRITERS = 6;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Figures {
  fault: string;
  sent: number;
  acknowledged: number;
  stored: number;
  duplicated: number;
  '503s': number;
  'slowest ms': number;
  'process up': boolean;
}

const table: Figures[] = [];
after(() => console.log(`PostgreSQL faults under load:\n${formatTable(table)}`));

/** What the writers saw. */
interface Outcome {
  /** recordId → the receipt ids of its 2xx answers (a retry may be answered 200 again). */
  acknowledged: Map<string, Set<string>>;
  /** Records sent, acknowledged or not. */
  sent: Set<string>;
  /** Status (or network error) → count. */
  statuses: Map<string, number>;
  /** 503s without a Retry-After header. */
  withoutRetryAfter: number;
  slowestMs: number;
  /** When the last 2xx arrived (performance.now()). */
  lastAcknowledgedAt: number;
}

/**
 * `WRITERS` clients posting new records to the servers in turn, each retried under its key
 * until acknowledged (after a 503 or a network error, 100 ms later). `stop()` lets each finish
 * its record, within `settleMs`.
 */
function startWriters(servers: () => readonly ChildServer[]) {
  const outcome: Outcome = {
    acknowledged: new Map(),
    sent: new Set(),
    statuses: new Map(),
    withoutRetryAfter: 0,
    slowestMs: 0,
    lastAcknowledgedAt: 0,
  };
  let stopping = false;
  let turn = 0;
  const count = (status: string) =>
    outcome.statuses.set(status, (outcome.statuses.get(status) ?? 0) + 1);

  async function deliver(record: Record<string, unknown>, giveUpAt: () => number) {
    const recordId = record.recordId as string;
    outcome.sent.add(recordId);
    while (performance.now() < giveUpAt()) {
      const all = servers();
      const server = all[turn++ % all.length]!;
      const started = performance.now();
      let status: string;
      try {
        const response = await fetch(`${server.url}/api/consent`, {
          method: 'POST',
          headers: {'Content-Type': 'application/json', 'Idempotency-Key': recordId},
          body: JSON.stringify(record),
          signal: AbortSignal.timeout(15_000),
        });
        status = String(response.status);
        if (response.status === 503 && !response.headers.get('Retry-After'))
          outcome.withoutRetryAfter++;
        const body = (await response.json()) as {receiptId?: string};
        if (response.ok) {
          const receipts = outcome.acknowledged.get(recordId) ?? new Set();
          receipts.add(body.receiptId ?? '');
          outcome.acknowledged.set(recordId, receipts);
          outcome.lastAcknowledgedAt = performance.now();
        }
      } catch (error) {
        status = (error as {cause?: {code?: string}}).cause?.code ?? (error as Error).name;
      }
      outcome.slowestMs = Math.max(outcome.slowestMs, performance.now() - started);
      count(status);
      if (status === '200' || status === '201') return;
      await pause(100);
    }
  }

  let settleUntil = Infinity;
  const writers = Array.from({length: WRITERS}, async () => {
    while (!stopping) {
      await deliver(validRecord({collectedAt: new Date().toISOString()}), () => settleUntil);
    }
  });
  return {
    outcome,
    /** Resolves once `n` more records are acknowledged than now. */
    async acknowledged(n: number, withinMs = 15_000) {
      const target = outcome.acknowledged.size + n;
      const deadline = performance.now() + withinMs;
      while (outcome.acknowledged.size < target) {
        assert.ok(performance.now() < deadline, `fewer than ${n} records acknowledged in time`);
        await pause(20);
      }
    },
    async stop(settleMs = 15_000) {
      stopping = true;
      settleUntil = performance.now() + settleMs;
      await Promise.all(writers);
    },
  };
}

/** Starts the endpoint on `url` with short time limits. */
function endpoint(url: string): Promise<ChildServer> {
  return spawnServer('server/main.ts', {
    DATABASE_URL: url,
    DATABASE_QUERY_TIMEOUT_MS: String(TIMEOUT_MS),
    DATABASE_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS),
    RATE_LIMIT_PER_ADDRESS: 'off',
    RATE_LIMIT_PER_SUBJECT: 'off',
  });
}

const isUp = (server: ChildServer) =>
  server.child.exitCode === null && server.child.signalCode === null;

/** The backends connected to `database` (the endpoint's pool), as the superuser sees them. */
async function backendsOf(cluster: Cluster, database: string): Promise<number[]> {
  const rows = await cluster.query<{pid: number}>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return rows.map((row) => row.pid);
}

/**
 * Runs the writers against fresh endpoint processes, applies `fault` while they write, and
 * checks and records what came of it.
 */
async function underLoad(
  cluster: Cluster,
  name: string,
  fault: (context: {database: string; url: string; servers: ChildServer[]}) => Promise<void>,
  {expectOutage}: {expectOutage: boolean},
): Promise<Outcome> {
  const url = await cluster.freshDatabase();
  const database = new URL(url).pathname.slice(1);
  const servers = [await endpoint(url)];
  let stderr = '';
  servers[0]!.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const writers = startWriters(() => servers);
  let recoveredAt: number | undefined;
  try {
    await writers.acknowledged(30);
    await fault({database, url, servers});
    recoveredAt = performance.now();
    // Serving again: new records are acknowledged after the fault is over.
    await writers.acknowledged(30);
  } catch (error) {
    await writers.stop(0);
    const up = servers.map((server) => (isUp(server) ? 'up' : 'exited')).join(', ');
    throw new Error(`${(error as Error).message} (processes: ${up})\n${stderr}`, {cause: error});
  }
  await writers.stop();
  const {outcome} = writers;

  const stored = await sqlOn<{record_id: string; receipt_id: string}>(
    url,
    'SELECT record_id, receipt_id FROM consent_records WHERE record_id = ANY($1)',
    [[...outcome.sent]],
  );
  const storedReceipts = new Map<string, string[]>();
  for (const row of stored)
    storedReceipts.set(row.record_id, [
      ...(storedReceipts.get(row.record_id) ?? []),
      row.receipt_id,
    ]);
  const sameAsStored = [...outcome.acknowledged].filter(
    ([id, receipts]) =>
      storedReceipts.get(id)?.length === 1 &&
      receipts.size === 1 &&
      receipts.has(storedReceipts.get(id)![0]!),
  ).length;
  // Stored twice: two rows under one id (the unique key forbids it; checked all the same), or
  // one record acknowledged with two different receipts.
  const duplicated = [...outcome.sent].filter(
    (id) =>
      (storedReceipts.get(id)?.length ?? 0) > 1 || (outcome.acknowledged.get(id)?.size ?? 0) > 1,
  ).length;
  const unavailable = outcome.statuses.get('503') ?? 0;
  const up = servers.every(isUp);
  table.push({
    fault: name,
    sent: outcome.sent.size,
    acknowledged: outcome.acknowledged.size,
    stored: sameAsStored,
    duplicated,
    '503s': unavailable,
    'slowest ms': Math.round(outcome.slowestMs),
    'process up': up,
  });

  const statuses = JSON.stringify(Object.fromEntries(outcome.statuses));
  assert.ok(up, `an endpoint process exited:\n${stderr}`);
  assert.deepEqual(
    [...outcome.statuses.keys()].filter((status) => !['200', '201', '503'].includes(status)),
    [],
    `answers other than 2xx and 503: ${statuses}\n${stderr}`,
  );
  assert.equal(outcome.withoutRetryAfter, 0, '503 without Retry-After');
  assert.ok(
    outcome.slowestMs < SLOWEST_MS,
    `an answer took ${Math.round(outcome.slowestMs)} ms (limit ${TIMEOUT_MS} ms)`,
  );
  assert.equal(outcome.acknowledged.size, outcome.sent.size, `not all acknowledged: ${statuses}`);
  assert.equal(sameAsStored, outcome.acknowledged.size, 'acknowledged ≠ stored once as receipted');
  assert.equal(duplicated, 0);
  if (expectOutage) assert.ok(unavailable > 0, `no 503 during the outage: ${statuses}`);
  assert.ok(outcome.lastAcknowledgedAt > recoveredAt!);
  return outcome;
}

describe('PostgreSQL faults under load (real processes, real cluster)', () => {
  const cluster = usePostgresCluster();
  const query = (text: string, values?: unknown[]) => cluster().query(text, values);

  it('its connections cut (pg_terminate_backend): 503 meanwhile, reconnects, never exits', async () => {
    await underLoad(
      cluster(),
      'connections cut',
      async ({database}) => {
        for (let round = 0; round < 5; round++) {
          await query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [database],
          );
          await pause(200);
        }
      },
      // Only a query in flight at the cut fails (503); an idle connection is replaced unseen.
      {expectOutage: false},
    );
  });

  it('a cluster restart (pg_ctl stop -m fast, 1.5 s down, start): 503 meanwhile, then serves again', async () => {
    await underLoad(cluster(), 'cluster restart', () => cluster().restart(1500), {
      expectOutage: true,
    });
  });

  it('a backend killed with SIGKILL (the cluster resets every connection): 503, then serves again', async () => {
    await underLoad(
      cluster(),
      'backend kill -9',
      async ({database}) => {
        const [backend] = await backendsOf(cluster(), database);
        assert.ok(backend, 'no backend of the endpoint');
        process.kill(backend, 'SIGKILL');
        await pause(1000);
      },
      {expectOutage: true},
    );
  });

  it('a stalled database (postmaster and backends stopped) answers 503 within the time limit, not a hang', async () => {
    await underLoad(
      cluster(),
      'database paused',
      async ({database}) => {
        const stalled = [cluster().postmasterPid(), ...(await backendsOf(cluster(), database))];
        for (const pid of stalled) process.kill(pid, 'SIGSTOP');
        try {
          // Longer than any answer may take: a request waiting on the database shows as slow.
          await pause(SLOWEST_MS + 500);
        } finally {
          for (const pid of stalled) process.kill(pid, 'SIGCONT');
        }
      },
      {expectOutage: true},
    );
  });

  it('more processes starting on the same database under load start and serve (migration once)', async () => {
    await underLoad(
      cluster(),
      'second process starts',
      async ({url, servers}) => {
        for (let round = 0; round < 2; round++) {
          servers.push(...(await Promise.all([endpoint(url), endpoint(url)])));
        }
      },
      {expectOutage: false},
    );
  });
});

function formatTable(rows: readonly Figures[]): string {
  if (rows.length === 0) return '(no figures)';
  const columns = Object.keys(rows[0]!) as (keyof Figures)[];
  const cells = [columns, ...rows.map((row) => columns.map((column) => String(row[column])))];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => line[index]!.length)));
  return cells
    .map((line) => line.map((cell, index) => cell.padEnd(widths[index]!)).join('  '))
    .join('\n');
}
