/**
 * The consent endpoint client (docs/consent-endpoint.md). `fetch` is injected so the core never touches
 * globals; failures become `EndpointError`s that say whether a retry can help.
 */
import {isRecord} from '../core/json.js';
import {
  readAcknowledgement,
  readCurrentRecord,
  type Acknowledgement,
  type ConsentRecord,
  type RestoredReceipt,
} from '../core/protocol.js';

export interface EndpointOptions {
  readonly url: string;
  readonly credentials: RequestCredentials;
  /** The signed-in subject's token from the site (`subject-token`): sent as a Bearer token. */
  readonly token?: string | undefined;
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
    /**
     * Not an acknowledgement, and retrying in this page would not mend it: 401/403 (a
     * session that ended), a redirect, an answer that is not JSON. Kept for a later load.
     */
    readonly isHeld: boolean = false,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

/**
 * The subject's current record, or `null` when the endpoint has none (`204`, or `404` from
 * older endpoints) or answers something that is not a valid record of this subject.
 */
export async function fetchLatestRecord(
  options: EndpointOptions,
  subject: string,
  signal?: AbortSignal,
): Promise<RestoredReceipt | null> {
  const url = new URL(options.url, document.baseURI);
  url.searchParams.set('subject', subject);
  const response = await request(options, url.href, {
    method: 'GET',
    headers: {Accept: 'application/json'},
    ...(signal && {signal}),
  });
  if (response.status === 204 || response.status === 404) return null;
  await throwUnlessAcknowledged(response);
  const body = await readJsonBody(response);
  return readCurrentRecord(body, subject) ?? null;
}

/** Posts one record; resolves with what the endpoint acknowledged (docs/consent-endpoint.md#what-counts-as-an-acknowledgement). */
export async function sendRecord(
  options: EndpointOptions,
  record: ConsentRecord,
  init: {keepalive?: boolean; signal?: AbortSignal} = {},
): Promise<Acknowledgement> {
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
  await throwUnlessAcknowledged(response);
  return readAcknowledgement(await readJsonBody(response));
}

async function request(options: EndpointOptions, url: string, init: RequestInit) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    // A redirect is never followed: a sign-in page's 200 must not pass for an acknowledgement.
    const headers = new Headers(init.headers);
    if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
    return await doFetch(url, {
      ...init,
      headers,
      credentials: options.credentials,
      cache: 'no-store',
      redirect: 'manual',
    });
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

/** A `2xx` from the endpoint itself, not reached through a redirect; else an `EndpointError`. */
async function throwUnlessAcknowledged(response: Response): Promise<void> {
  const status = response.status;
  if (
    response.type === 'opaqueredirect' ||
    response.redirected ||
    (status >= 300 && status < 400)
  ) {
    throw new EndpointError(
      'The consent endpoint redirected the request (for example to a sign-in page); the record was not acknowledged.',
      status || undefined,
      false,
      undefined,
      true,
    );
  }
  if (response.ok) return;
  const isRetryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Date.now());
  const reason = await serverReason(response);
  throw new EndpointError(
    reason ?? `The consent endpoint answered ${status}.`,
    status,
    isRetryable,
    retryAfterMs,
    status === 401 || status === 403,
  );
}

/**
 * The body of a `2xx`: JSON, or nothing at all. Anything else (an HTML page served for every
 * path, a cut-off answer) means the endpoint did not take the record.
 */
async function readJsonBody(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new EndpointError("The consent endpoint's answer was cut off.", response.status, true);
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new EndpointError(
      `The consent endpoint answered ${response.status} with a body that is not JSON; the record was not acknowledged.`,
      response.status,
      false,
      undefined,
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

/**
 * The server's own words (`{error: {message}}`, `{message}` or plain text), if any: for the
 * site's `consent-error`, not for the customer.
 */
async function serverReason(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a short plain-text body is taken as it is.
    const plain = text.trim();
    return plain && plain.length <= 200 && !plain.startsWith('<') ? plain : undefined;
  }
  if (!isRecord(body)) return undefined;
  const error = isRecord(body.error) ? body.error : body;
  return typeof error.message === 'string' && error.message ? error.message : undefined;
}
