// The reference endpoint as a child process for the load scripts (bench, crash test): started
// on a free port of 127.0.0.1 with SQLite in a temp folder, or PostgreSQL when
// BENCH_DATABASE_URL is set, with rate limits off (many clients from one address by design).
import {spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {request} from 'node:http';
import {fileURLToPath} from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Which store the scripts measure, as printed beside their figures. */
export const storeName = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

/** Starts `server/main.ts`; resolves once it listens. `dbPath` is used for SQLite. */
export async function startEndpoint(dbPath, extraEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ...(process.env.BENCH_DATABASE_URL
        ? {DATABASE_URL: process.env.BENCH_DATABASE_URL}
        : {CONSENT_DB: dbPath}),
      RATE_LIMIT_PER_ADDRESS: 'off',
      RATE_LIMIT_PER_SUBJECT: 'off',
      STORAGE_PER_ADDRESS: 'off',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', () => reject(new Error('server/main.ts exited before listening')));
  });
  return {child, port, exited};
}

/** A valid record with a fresh id. */
export function newRecord() {
  const recordId = randomUUID();
  return {
    recordId,
    subject: `bench-subject-${recordId.slice(0, 3)}`,
    policyVersion: '2026-11-01',
    choices: {essential: 'granted', analytics: 'granted', ads: 'denied'},
    changed: ['analytics'],
    method: 'toggle',
    locale: 'en',
    gpc: false,
    collectedAt: new Date().toISOString(),
  };
}

/** POSTs a record over `agent`; resolves with the status code. */
export function postRecord(agent, port, record) {
  const body = JSON.stringify(record);
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
          'Idempotency-Key': record.recordId,
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

export function percentile(sorted, p) {
  return sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export function positiveNumber(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number.`);
  return value;
}
