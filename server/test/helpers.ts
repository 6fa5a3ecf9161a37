import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after} from 'node:test';
import {createConsentApp} from '../app.js';
import type {ConsentAppOptions} from '../app.js';
import {startServer} from '../listen.js';
import {openSqliteStore, type SqliteStoreOptions} from '../store/sqlite.js';
import type {ConsentStore} from '../store/store.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const allowedOrigin = 'https://shop.example';

/** A fresh temp folder, removed when the test file finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'consent-endpoint-'));
  after(() => rmSync(dir, {recursive: true, force: true}));
  return dir;
}

/** A valid protocol v1 body with a unique recordId; override any field. */
export function validRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recordId: `rec_${randomUUID()}`,
    subject: `subject-${randomUUID()}`,
    policyVersion: '2026-11-01',
    choices: {essential: 'granted', analytics: 'granted', ads: 'denied'},
    changed: ['analytics'],
    method: 'toggle',
    locale: 'ja',
    gpc: false,
    collectedAt: '2026-11-23T06:00:00.000Z',
    ...overrides,
  };
}

export interface TestEndpoint {
  url: string;
  store: ConsentStore;
  dbPath: string;
}

/** The app on a real ephemeral port with a SQLite file in a temp folder. */
export async function startEndpoint(
  options: Partial<Omit<ConsentAppOptions, 'store'>> & {storeOptions?: SqliteStoreOptions} = {},
): Promise<TestEndpoint> {
  const dbPath = join(tempDir(), 'consent.db');
  const store = openSqliteStore(dbPath, options.storeOptions);
  const app = createConsentApp({allowedOrigins: [allowedOrigin], ...options, store});
  const server = await startServer(app.fetch, '127.0.0.1', 0);
  after(async () => {
    await server.close();
    await store.close();
  });
  return {url: `${server.url}/api/consent`, store, dbPath};
}

export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', ...headers},
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface ChildServer {
  /** Base URL from the server's "listening" line. */
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/**
 * Runs a server script (`server/main.ts`, `server/demo.ts`) as a real child process and waits
 * for the first line it prints, which carries the URL with the real port.
 */
export function spawnServer(script: string, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    env: {...process.env, PORT: '0', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /(http:\/\/\S+?)\/?\n/.exec(stdout)?.[1];
      if (url) resolve({url, child, exited});
    });
    void exited.then(() => reject(new Error(`${script} exited before listening:\n${stderr}`)));
  });
}

/** A GET through node:http rather than fetch, so a path like `/dist/../x` is sent as written. */
export function rawGet(
  base: string,
  path: string,
): Promise<{status: number; headers: Record<string, string | string[] | undefined>; body: string}> {
  return new Promise((resolve, reject) => {
    const {hostname, port} = new URL(base);
    request({hostname, port, path}, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({status: response.statusCode ?? 0, headers: response.headers, body}),
      );
    })
      .on('error', reject)
      .end();
  });
}

/**
 * Every limit of a client off: a test that sends more than a customer would, from one address
 * (the limits are tested on their own, in rate-limit.test.ts).
 */
export const NO_LIMITS = {
  RATE_LIMIT_PER_ADDRESS: 'off',
  RATE_LIMIT_PER_SUBJECT: 'off',
  STORAGE_PER_ADDRESS: 'off',
} as const;
