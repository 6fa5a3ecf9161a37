// @ts-check
/**
 * Web Test Runner plugin: end-to-end tests start the real reference consent endpoint
 * (`server/main.ts`, real HTTP, a real SQLite file in a temp folder) as a child process.
 * A small proxy in front of it lets a test inject faults — answer 503 N times, or refuse
 * connections — and counts every attempt that reached it, with its Idempotency-Key.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';

/**
 * @typedef {{method: string, path: string, idempotencyKey: string | null, status: number | 'refused', at: number}} Attempt
 * @typedef {{status: number, times: number, retryAfter?: string}} Fault
 * @typedef {{
 *   child: import('node:child_process').ChildProcess,
 *   dir: string,
 *   target: string,
 *   proxy: http.Server,
 *   port: number,
 *   attempts: Attempt[],
 *   faults: Fault[],
 *   sockets: Set<import('node:net').Socket>,
 * }} Instance
 */

/** @param {{allowedOrigin: string}} options */
export function consentServerPlugin({allowedOrigin}) {
  /**
   * One endpoint per browser: with BROWSERS=chromium,firefox both run test files at once.
   * @type {Map<string, Instance>}
   */
  const instances = new Map();

  /** @param {string} key */
  async function stop(key) {
    const current = instances.get(key);
    if (!current) return;
    instances.delete(key);
    current.child.kill('SIGKILL');
    await closeProxy(current);
    rmSync(current.dir, {recursive: true, force: true});
  }

  return {
    name: 'consent-server',
    async serverStop() {
      await Promise.all([...instances.keys()].map(stop));
    },
    /** @param {{command: string, payload?: any, session: {browser: {name: string}}}} args */
    async executeCommand({command, payload, session}) {
      const key = session.browser.name;
      const instance = instances.get(key);
      switch (command) {
        case 'consent-server-start': {
          await stop(key);
          const started = await start(allowedOrigin);
          instances.set(key, started);
          return {endpoint: `http://127.0.0.1:${started.port}/api/consent`};
        }
        case 'consent-server-stop':
          await stop(key);
          return true;
        case 'consent-server-fail': {
          requireInstance(instance).faults.push(/** @type {Fault} */ (payload));
          return true;
        }
        case 'consent-server-refuse':
          await closeProxy(requireInstance(instance));
          return true;
        case 'consent-server-accept':
          await listen(requireInstance(instance));
          return true;
        case 'consent-server-attempts':
          return requireInstance(instance).attempts;
        case 'consent-server-history': {
          const current = requireInstance(instance);
          const url = `${current.target}/api/consent/history?subject=${encodeURIComponent(payload.subject)}`;
          const response = await fetch(url);
          return response.json();
        }
        default:
          return undefined;
      }
    },
  };
}

/** @param {Instance | undefined} instance */
function requireInstance(instance) {
  if (!instance) throw new Error('consent-server-start first');
  return instance;
}

/** @param {string} allowedOrigin @returns {Promise<Instance>} */
async function start(allowedOrigin) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CONSENT_DB: path.join(dir, 'consent.db'),
      ALLOWED_ORIGINS: allowedOrigin,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const target = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`consent endpoint exited early (${code})`)));
  });
  /** @type {Instance} */
  const created = {
    child,
    dir,
    target: /** @type {string} */ (target),
    proxy: http.createServer(),
    port: 0,
    attempts: [],
    faults: [],
    sockets: new Set(),
  };
  created.proxy.on('request', (request, response) => forward(created, request, response));
  created.proxy.on('connection', (socket) => {
    created.sockets.add(socket);
    socket.once('close', () => created.sockets.delete(socket));
  });
  await listen(created);
  return created;
}

/** Listens on the instance's port (a new one the first time, the same one after a refusal). */
function listen(/** @type {Instance} */ current) {
  return new Promise((resolve) => {
    current.proxy.listen(current.port, '127.0.0.1', () => {
      const address = current.proxy.address();
      if (address && typeof address === 'object') current.port = address.port;
      resolve(undefined);
    });
  });
}

/** Stops accepting connections, so the browser sees "connection refused". */
function closeProxy(/** @type {Instance} */ current) {
  return new Promise((resolve) => {
    if (!current.proxy.listening) return resolve(undefined);
    current.proxy.close(() => resolve(undefined));
    for (const socket of current.sockets) socket.destroy();
  });
}

/**
 * @param {Instance} current
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 */
function forward(current, request, response) {
  const isPreflight = request.method === 'OPTIONS';
  const fault = isPreflight ? undefined : current.faults[0];
  /** @type {Attempt} */
  const attempt = {
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    idempotencyKey: /** @type {string | undefined} */ (request.headers['idempotency-key']) ?? null,
    status: 0,
    at: Date.now(),
  };
  if (!isPreflight) current.attempts.push(attempt);
  if (fault && request.method === 'POST') {
    fault.times -= 1;
    if (fault.times <= 0) current.faults.shift();
    attempt.status = fault.status;
    request.resume();
    const origin = request.headers.origin;
    response.writeHead(fault.status, {
      'Content-Type': 'application/json',
      ...(fault.retryAfter && {'Retry-After': fault.retryAfter}),
      ...(origin && {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'ETag, Retry-After',
        Vary: 'Origin',
      }),
    });
    response.end(JSON.stringify({error: {code: 'injected', message: 'Injected fault.'}}));
    return;
  }
  const upstream = http.request(
    `${current.target}${request.url}`,
    {method: request.method, headers: request.headers},
    (answer) => {
      attempt.status = answer.statusCode ?? 0;
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    attempt.status = 'refused';
    response.destroy();
  });
  request.pipe(upstream);
}
