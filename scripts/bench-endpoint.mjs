// Bounded local load test of the reference consent endpoint: unique valid POSTs over keep-alive
// at a fixed concurrency, for a fixed time, against 127.0.0.1 only. Env: BENCH_SECONDS (10),
// BENCH_CONCURRENCY (16). Exits non-zero when any request failed.
import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const seconds = positiveNumber('BENCH_SECONDS', 10);
const concurrency = positiveNumber('BENCH_CONCURRENCY', 16);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'consent-bench-'));

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: repoRoot,
  // The store's own speed: 16 clients from one address would be rate limited by design.
  env: {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    CONSENT_DB: join(dir, 'bench.db'),
    RATE_LIMIT_PER_ADDRESS: 'off',
    RATE_LIMIT_PER_SUBJECT: 'off',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const exited = new Promise((resolve) => server.once('exit', resolve));

try {
  const port = await listeningPort(server);
  const agent = new Agent({keepAlive: true, maxSockets: concurrency});
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  const worker = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      const status = await postRecord(agent, port).catch(() => 0);
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
    `endpoint: ${ok} records in ${elapsed.toFixed(1)} s = ${Math.round(ok / elapsed)} records/s, ` +
      `latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(latencies, 0.99).toFixed(1)} ms, errors ${errors}`,
  );
  process.exitCode = errors > 0 ? 1 : 0;
} finally {
  server.kill('SIGTERM');
  await exited;
  rmSync(dir, {recursive: true, force: true});
}

function postRecord(agent, port) {
  const recordId = randomUUID();
  const body = JSON.stringify({
    recordId,
    subject: `bench-subject-${recordId.slice(0, 3)}`,
    policyVersion: '2026-11-01',
    choices: {essential: 'granted', analytics: 'granted', ads: 'denied'},
    changed: ['analytics'],
    method: 'toggle',
    locale: 'en',
    gpc: false,
    collectedAt: new Date().toISOString(),
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/consent',
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'Idempotency-Key': recordId,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function listeningPort(child) {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error('server/main.ts exited before listening')));
  });
}

function percentile(sorted, p) {
  return sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function positiveNumber(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number.`);
  return value;
}
