// @ts-check
/**
 * Web Test Runner plugin: end-to-end tests start the real reference consent endpoint
 * (`server/main.ts`, real HTTP, a real SQLite file in a temp folder) as a child process.
 * A small proxy in front of it lets a test reproduce a hostile network or endpoint — answer
 * the next N GETs or POSTs with any status, body and headers, redirect them to a sign-in page,
 * hang, or refuse connections — and counts every attempt that reached it, with its
 * Idempotency-Key. The browser-side handles and the Fault type's docs are in consent-server.ts.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';

/**
 * @typedef {{method: string, path: string, idempotencyKey: string | null, status: number | 'refused' | 'hung', at: number}} Attempt
 * @typedef {{
 *   method?: 'GET' | 'POST',
 *   status?: number,
 *   times: number,
 *   body?: string,
 *   contentType?: string,
 *   headers?: Record<string, string>,
 *   retryAfter?: string,
 *   hang?: boolean,
 *   redirectTo?: string,
 * }} Fault
 * @typedef {{
 *   child: import('node:child_process').ChildProcess,
 *   dir: string,
 *   target: string,
 *   proxy: http.Server,
 *   port: number,
 *   attempts: Attempt[],
 *   faults: Fault[],
 *   sockets: Set<import('node:net').Socket>,
 *   country?: string,
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
          const current = requireInstance(instance);
          // Returned rather than thrown: WTR would also log a thrown error's stack in the run.
          const problem = faultProblem(payload);
          if (problem) return {problem: `injectFault(${JSON.stringify(payload)}): ${problem}`};
          current.faults.push({...payload, headers: {...payload.headers}});
          return true;
        }
        case 'consent-server-country':
          // What a CDN in front of the endpoint would say of the client (REGION_HEADER below).
          requireInstance(instance).country = payload ?? undefined;
          return true;
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
          const url = `${current.target}/api/consent/history?limit=500&subject=${encodeURIComponent(payload.subject)}`;
          const response = await fetch(url);
          return response.json();
        }
        default:
          return undefined;
      }
    },
  };
}

/** The header the proxy adds as a CDN would (`consent-server-country`), read by the endpoint. */
const COUNTRY_HEADER = 'X-Test-Country';

/** @param {Instance | undefined} instance */
function requireInstance(instance) {
  if (!instance) throw new Error('consent-server-start first');
  return instance;
}

/**
 * What is wrong with a fault a test asked for, if anything (injectFault rejects with it).
 * @param {any} fault
 * @returns {string | undefined}
 */
function faultProblem(fault) {
  if (typeof fault !== 'object' || fault === null) return 'a fault is an object';
  if (!Number.isInteger(fault.times) || fault.times < 1) return 'times must be a whole number ≥ 1';
  if (fault.method !== undefined && fault.method !== 'GET' && fault.method !== 'POST') {
    return "method must be 'GET' or 'POST' (preflights always pass)";
  }
  const shapesAnswer = ['status', 'body', 'contentType', 'headers', 'retryAfter', 'redirectTo'];
  if (fault.hang) {
    const extra = shapesAnswer.filter((field) => fault[field] !== undefined);
    return extra.length > 0
      ? `hang never answers, so ${extra.join(', ')} would be unused`
      : undefined;
  }
  const defaultStatus = fault.redirectTo === undefined ? undefined : 302;
  const status = fault.status ?? defaultStatus;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return 'status must be a whole number from 200 to 599 (it is only optional with redirectTo or hang)';
  }
  if (fault.redirectTo !== undefined && (status < 300 || status > 399)) {
    return 'a redirect answers with a 3xx status';
  }
  for (const [name, value] of Object.entries(fault.headers ?? {})) {
    // Checked here: the same error thrown while answering would take down the test runner.
    try {
      http.validateHeaderName(name);
      http.validateHeaderValue(name, value);
    } catch (error) {
      return `headers: ${/** @type {Error} */ (error).message}`;
    }
    if (typeof value !== 'string') return `headers: the value of ${name} must be a string`;
  }
  return undefined;
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
      // The whole suite comes from one address, in bursts no customer makes: limits are
      // tested on their own (server/test/rate-limit.test.ts).
      RATE_LIMIT_PER_ADDRESS: 'off',
      RATE_LIMIT_PER_SUBJECT: 'off',
      STORAGE_PER_ADDRESS: 'off',
      REGION_HEADER: COUNTRY_HEADER,
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

/** Where a followed `redirectTo: '/signin'` lands: the proxy serves this page itself. */
const signInPath = '/signin';
const signInPage = `<!doctype html>
<html lang="en">
  <title>Sign in · Northwind Outfitters</title>
  <h1>Sign in to your account</h1>
  <p>Your session has ended. Sign in again to continue shopping.</p>
</html>
`;

/**
 * @param {Instance} current
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 */
function forward(current, request, response) {
  const isPreflight = request.method === 'OPTIONS';
  /** @type {Attempt} */
  const attempt = {
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    idempotencyKey: /** @type {string | undefined} */ (request.headers['idempotency-key']) ?? null,
    status: 0,
    at: Date.now(),
  };
  if (!isPreflight) current.attempts.push(attempt);

  const pathname = new URL(attempt.path, 'http://proxy.invalid').pathname;
  if (request.method === 'GET' && pathname === signInPath) {
    // The proxy's own page: it neither reaches the endpoint nor uses up a GET fault.
    attempt.status = 200;
    respond(request, response, 200, {'Content-Type': 'text/html; charset=utf-8'}, signInPage);
    return;
  }

  const index = isPreflight ? -1 : current.faults.findIndex((f) => matches(f, request.method));
  if (index >= 0) {
    const fault = current.faults[index];
    fault.times -= 1;
    if (fault.times <= 0) current.faults.splice(index, 1);
    injectAnswer(fault, attempt, request, response);
    return;
  }

  const upstream = http.request(
    `${current.target}${request.url}`,
    {
      method: request.method,
      headers: {
        ...request.headers,
        ...(current.country !== undefined && {[COUNTRY_HEADER]: current.country}),
      },
    },
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

/** @param {Fault} fault @param {string | undefined} method */
function matches(fault, method) {
  return (fault.method ?? 'POST') === method;
}

/**
 * Answers in place of the endpoint, as the fault says.
 * @param {Fault} fault
 * @param {Attempt} attempt
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 */
function injectAnswer(fault, attempt, request, response) {
  request.resume();
  if (fault.hang) {
    // Never answered: the socket stays open until the browser gives up or closeProxy destroys
    // it (consent-server-stop, consent-server-refuse, and serverStop when the run ends).
    attempt.status = 'hung';
    return;
  }
  const status = fault.status ?? 302;
  attempt.status = status;
  const defaultBody = fault.redirectTo
    ? ''
    : JSON.stringify({error: {code: 'injected', message: 'Injected fault.'}});
  const body = fault.body ?? defaultBody;
  respond(
    request,
    response,
    status,
    {
      ...((body !== '' || fault.contentType) && {
        'Content-Type': fault.contentType ?? 'application/json',
      }),
      ...(fault.retryAfter && {'Retry-After': fault.retryAfter}),
      // As given: the browser resolves a relative Location against the proxy's address.
      ...(fault.redirectTo && {Location: fault.redirectTo}),
    },
    body,
    fault.headers,
  );
}

/**
 * Writes an answer of the proxy's own with the CORS headers the endpoint would send (the
 * origin echoed, credentials allowed). `overrides` are set last, case-insensitively, so a
 * fault can also replace a CORS header.
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {number} status
 * @param {Record<string, string>} headers
 * @param {string} body
 * @param {Record<string, string>} [overrides]
 */
function respond(request, response, status, headers, body, overrides = {}) {
  const origin = request.headers.origin;
  const cors = origin
    ? {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'ETag, Retry-After, Location',
        Vary: 'Origin',
      }
    : {};
  for (const [name, value] of Object.entries({...headers, ...cors})) {
    response.setHeader(name, value);
  }
  for (const [name, value] of Object.entries(overrides)) response.setHeader(name, value);
  response.writeHead(status);
  response.end(body);
}
