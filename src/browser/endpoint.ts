/**
 * The consent endpoint client (CONTRACT §6). `fetch` is injected so the core never touches
 * globals; failures become `EndpointError`s that say whether a retry can help.
 */
import {isRecord} from '../core/json.js';
import type {ConsentReceipt, ConsentRecord} from '../core/record.js';

export interface EndpointOptions {
  readonly url: string;
  readonly credentials: RequestCredentials;
  readonly fetch?: typeof fetch;
}

export class EndpointError extends Error {
  constructor(
    message: string,
    /** HTTP status, absent for a network failure. */
    readonly status: number | undefined,
    /** Network failure, 408, 429 and 5xx: the same record may succeed later. */
    readonly isRetryable: boolean,
    /** From `Retry-After`, when the server gave one. */
    readonly retryAfterMs?: number,
    /** The endpoint's own explanation, shown to the customer as it is. */
    readonly serverReason?: string,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

/** The subject's current record, or `null` when the endpoint has none (404). */
export async function fetchLatestRecord(
  options: EndpointOptions,
  subject: string,
  signal?: AbortSignal,
): Promise<ConsentReceipt | null> {
  const url = new URL(options.url, document.baseURI);
  url.searchParams.set('subject', subject);
  const response = await request(options, url.href, {
    method: 'GET',
    headers: {Accept: 'application/json'},
    ...(signal && {signal}),
  });
  if (response.status === 404) return null;
  await throwUnlessOk(response);
  return readReceipt(await readJson(response));
}

/** Posts one record; resolves with the endpoint's receipt after a 2xx. */
export async function sendRecord(
  options: EndpointOptions,
  record: ConsentRecord,
  init: {keepalive?: boolean; signal?: AbortSignal} = {},
): Promise<ConsentReceipt> {
  const response = await request(options, new URL(options.url, document.baseURI).href, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'Idempotency-Key': record.recordId,
    },
    body: JSON.stringify(record),
    ...init,
  });
  await throwUnlessOk(response);
  // The record is stored once the endpoint said 2xx, even if its answer is unreadable.
  const body = await readJson(response).catch(() => undefined);
  return (
    readReceipt(body) ?? {receiptId: record.recordId, recordedAt: new Date().toISOString(), record}
  );
}

async function request(options: EndpointOptions, url: string, init: RequestInit) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    return await doFetch(url, {...init, credentials: options.credentials, cache: 'no-store'});
  } catch (error) {
    // Only the caller's own abort passes through; an aborted connection or a request that
    // ran out of time is a network failure, worth another try.
    const reason: unknown = init.signal?.aborted ? init.signal.reason : undefined;
    if (
      reason !== undefined &&
      !(reason instanceof DOMException && reason.name === 'TimeoutError')
    ) {
      throw error;
    }
    throw new EndpointError('The consent endpoint could not be reached.', undefined, true);
  }
}

async function throwUnlessOk(response: Response): Promise<void> {
  if (response.ok) return;
  const status = response.status;
  const isRetryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Date.now());
  const reason = await serverReason(response);
  throw new EndpointError(
    reason ?? `The consent endpoint answered ${status}.`,
    status,
    isRetryable,
    retryAfterMs,
    reason,
  );
}

/** A body that is not JSON (an HTML error page, a cut-off answer) is a failure worth retrying. */
async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new EndpointError(
      'The consent endpoint sent an unreadable answer.',
      response.status,
      true,
    );
  }
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110), in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP dates name a weekday or month; this keeps "-5" or "1.5" from parsing as a year.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The server's own words (`{error: {message}}`, `{message}` or plain text), if any. */
async function serverReason(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a short plain-text body is shown as it is.
    const plain = text.trim();
    return plain && plain.length <= 200 && !plain.startsWith('<') ? plain : undefined;
  }
  if (!isRecord(body)) return undefined;
  const error = isRecord(body.error) ? body.error : body;
  return typeof error.message === 'string' && error.message ? error.message : undefined;
}

/** Accepts the protocol's `{receiptId, recordedAt, record}` or a bare record. */
function readReceipt(body: unknown): ConsentReceipt | null {
  if (!isRecord(body)) return null;
  const record = isRecord(body.record) ? body.record : body;
  if (!isRecord(record.choices)) return null;
  return {
    receiptId:
      typeof body.receiptId === 'string'
        ? body.receiptId
        : typeof record.recordId === 'string'
          ? record.recordId
          : '',
    recordedAt:
      typeof body.recordedAt === 'string'
        ? body.recordedAt
        : typeof record.collectedAt === 'string'
          ? record.collectedAt
          : '',
    record: record as unknown as ConsentRecord,
  };
}
