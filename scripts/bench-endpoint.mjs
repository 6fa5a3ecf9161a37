// Bounded local load test of the reference consent endpoint: unique valid POSTs over keep-alive
// at a fixed concurrency, for a fixed time, against 127.0.0.1 only. Env: BENCH_SECONDS (10),
// BENCH_CONCURRENCY (16), BENCH_DATABASE_URL (measure PostgreSQL instead of SQLite); the
// endpoint's own settings pass through, so RECEIPT_SIGNING_KEY="$(openssl genpkey -algorithm
// ed25519)" measures it signing every answer. Exits non-zero when any request failed.
import {mkdtempSync, rmSync} from 'node:fs';
import {Agent} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
  newRecord,
  percentile,
  positiveNumber,
  postRecord,
  startEndpoint,
  storeName,
} from './endpoint-process.mjs';

const seconds = positiveNumber('BENCH_SECONDS', 10);
const concurrency = positiveNumber('BENCH_CONCURRENCY', 16);
const isSigning = Boolean(process.env.RECEIPT_SIGNING_KEY || process.env.RECEIPT_SIGNING_KEY_FILE);
const dir = mkdtempSync(join(tmpdir(), 'consent-bench-'));
const server = await startEndpoint(join(dir, 'bench.db'));

try {
  const agent = new Agent({keepAlive: true, maxSockets: concurrency});
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      const status = await postRecord(agent, server.port, newRecord()).catch(() => 0);
      latencies.push(performance.now() - begin);
      if (status !== 201) errors += 1;
    }
  };
  await Promise.all(Array.from({length: concurrency}, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const ok = latencies.length - errors;
  console.log(
    `endpoint (${storeName}, ${concurrency} concurrent${isSigning ? ', receipts signed' : ''}): ${ok} records in ${elapsed.toFixed(1)} s = ${Math.round(ok / elapsed)} records/s, ` +
      `latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(latencies, 0.99).toFixed(1)} ms, errors ${errors}`,
  );
  process.exitCode = errors > 0 ? 1 : 0;
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, {recursive: true, force: true});
}
