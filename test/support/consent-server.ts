/** Browser-side handles on the real reference endpoint started by consent-server-plugin.mjs. */
import {executeServerCommand} from '@web/test-runner-commands';
import type {ConsentReceipt} from '../../src/index.js';
import {forgetEverything} from './center.js';

export interface Attempt {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | null;
  /** The answer's status; `'hung'` for a hang fault, `'refused'` when the endpoint was down. */
  readonly status: number | 'refused' | 'hung';
  /** When the request reached the endpoint's address (epoch ms). */
  readonly at: number;
}

/**
 * What the proxy answers in place of the endpoint, for the next `times` requests of `method`
 * (faults queue up in the order injected; preflights always pass through). Every injected
 * answer carries the endpoint's CORS headers, so the page can read it.
 */
export interface Fault {
  /** Which requests it answers: `'POST'` unless set. A GET fault never uses up a POST. */
  readonly method?: 'GET' | 'POST';
  /** The answer's status; required unless `redirectTo` (302 by default) or `hang`. */
  readonly status?: number;
  /** How many requests it answers before they reach the endpoint again (≥ 1). */
  readonly times: number;
  /** The body instead of the JSON error `{"error": {"code": "injected", …}}`. */
  readonly body?: string;
  /** The body's media type: `application/json` unless set. */
  readonly contentType?: string;
  /** Extra headers, set last: they may also replace a CORS header. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The `Retry-After` header (seconds or an HTTP date). */
  readonly retryAfter?: string;
  /** Take the request and never answer, until the proxy stops or refuses connections. */
  readonly hang?: boolean;
  /** Answer with `Location` (relative to the proxy); the proxy serves `GET /signin` itself. */
  readonly redirectTo?: string;
}

export async function posts(): Promise<Attempt[]> {
  return (await attempts()).filter((attempt) => attempt.method === 'POST');
}

export async function gets(): Promise<Attempt[]> {
  return (await attempts()).filter((attempt) => attempt.method === 'GET');
}

/** Starts a fresh endpoint (empty SQLite file) and returns its URL. */
export async function startConsentServer(): Promise<string> {
  const {endpoint} = await executeServerCommand<{endpoint: string}, undefined>(
    'consent-server-start',
  );
  return endpoint;
}

export const stopConsentServer = () => executeServerCommand('consent-server-stop');

/** Queues a fault; rejects with what is wrong with it if the proxy cannot play it. */
export async function injectFault(fault: Fault): Promise<void> {
  const result = await executeServerCommand<true | {problem: string}, Fault>(
    'consent-server-fail',
    fault,
  );
  if (typeof result === 'object' && result !== null) throw new Error(result.problem);
}

/** The next `times` POSTs are answered with `status` instead of reaching the endpoint. */
export const failNextPosts = (status: number, times: number, retryAfter?: string) =>
  injectFault({status, times, retryAfter});

/**
 * From now on the proxy tells the endpoint the client is in `country`, as a CDN's header would
 * (the endpoint's REGION_HEADER); `undefined`: no header.
 */
export const setClientCountry = (country: string | undefined) =>
  executeServerCommand('consent-server-country', country ?? null);

export const refuseConnections = () => executeServerCommand('consent-server-refuse');
export const acceptConnections = () => executeServerCommand('consent-server-accept');

/**
 * Every request that reached the endpoint's address (preflights excepted). A broken answer
 * throws: read as "nothing reached it", it would pass every test that expects nothing.
 */
export async function attempts(): Promise<Attempt[]> {
  const seen = await executeServerCommand<Attempt[], undefined>('consent-server-attempts');
  if (!Array.isArray(seen)) {
    throw new Error(`consent-server-attempts answered ${JSON.stringify(seen)}`);
  }
  return seen;
}

/**
 * The records the endpoint stored for a subject, newest first (`[]` only when the endpoint
 * says so). A broken answer throws, for the same reason as in `attempts`.
 */
export async function storedRecords(subject: string): Promise<ConsentReceipt[]> {
  const history = await executeServerCommand<{records: ConsentReceipt[]}, {subject: string}>(
    'consent-server-history',
    {
      subject,
    },
  );
  if (!Array.isArray(history?.records)) {
    throw new Error(`consent-server-history answered ${JSON.stringify(history)} for ${subject}`);
  }
  return history.records;
}

/**
 * For a `describe` of end-to-end tests: each test starts with nothing kept in this browser and
 * a fresh, empty endpoint, whose URL is `url`; the endpoint stops after the last test.
 */
export function freshEndpoint(): {readonly url: string} {
  const endpoint = {url: ''};
  beforeEach(async () => {
    await forgetEverything();
    endpoint.url = await startConsentServer();
  });
  after(() => stopConsentServer());
  return endpoint;
}
