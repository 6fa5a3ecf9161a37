import {Hono} from 'hono';
import type {Context} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import {
  MAX_RECORD_BYTES,
  subjectProblem,
  validateConsentRecord,
  type ConsentAnswer,
} from '../src/core/protocol.js';
import {adminRoutes} from './admin.js';
import {corsAllowList} from './cors.js';
import {errorResponse} from './http-error.js';
import {StoreUnavailableError, type ConsentStore} from './store/store.js';
import {DEFAULT_LIMITS, TokenBuckets, type RateLimit} from './rate-limit.js';
import {checkSubjectToken, needsToken} from './subject-token.js';

export interface ConsentAppOptions {
  store: ConsentStore;
  /** Exact origins (`https://shop.example`) whose pages may call the endpoint with credentials. */
  allowedOrigins: readonly string[];
  bodyLimitBytes?: number;
  /**
   * With a secret, a signed-in subject (any id but the component's anonymous UUIDs) is read
   * and written only with `Authorization: Bearer <token>` issued for it (subject-token.ts).
   */
  subjectTokenSecret?: string;
  /** The clock tokens expire and rate limits refill by, in milliseconds (tests move it). */
  now?: () => number;
  /** Per client address and per subject; `undefined` turns one off. On by default. */
  rateLimits?: {perAddress?: RateLimit | undefined; perSubject?: RateLimit | undefined};
  /**
   * The client's address, from the runtime (`listen.ts` gives Node's); without it, requests
   * are limited per subject only.
   */
  clientAddress?: (c: Context) => string | undefined;
  /** With a token, the audit and erasure API answers under `/api/consent/admin` (admin.ts). */
  adminToken?: string | undefined;
}

const path = '/api/consent';

/** The reference consent endpoint, protocol v1 (docs/consent-endpoint.md). */
export function createConsentApp({
  store,
  allowedOrigins,
  bodyLimitBytes = MAX_RECORD_BYTES,
  subjectTokenSecret,
  now = Date.now,
  rateLimits = DEFAULT_LIMITS,
  clientAddress,
  adminToken,
}: ConsentAppOptions): Hono {
  const app = new Hono();
  app.use('*', corsAllowList(allowedOrigins));
  /** Logged once per kind of fault until the store works again, not once per request. */
  let loggedFault: string | undefined;
  app.use('*', async (c, next) => {
    await next();
    if (loggedFault && c.req.method === 'POST' && (c.res.status === 200 || c.res.status === 201)) {
      console.error(`consent store: working again after ${loggedFault}`);
      loggedFault = undefined;
    }
  });

  const addressBuckets = rateLimits.perAddress && new TokenBuckets(rateLimits.perAddress);
  const subjectBuckets = rateLimits.perSubject && new TokenBuckets(rateLimits.perSubject);
  /** The 429 to answer when `buckets` has no token left for `key`; else `undefined`. */
  const refuseOverLimit = (c: Context, buckets: TokenBuckets | undefined, key: string) => {
    const waitMs = buckets?.take(key, now()) ?? 0;
    if (waitMs === 0) return undefined;
    c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
    return errorResponse(
      c,
      429,
      'rate_limited',
      'Too many requests for a moment; your choices will be sent again shortly.',
    );
  };
  app.use(`${path}/*`, async (c, next) => {
    const address = clientAddress?.(c);
    return (address && refuseOverLimit(c, addressBuckets, address)) || next();
  });

  /** The 401 to answer when the request may not read or write `subject`; else `undefined`. */
  const refuseUnlessAuthorized = async (c: Context, subject: string) => {
    if (!subjectTokenSecret || !needsToken(subject)) return undefined;
    const check = await checkSubjectToken(
      subjectTokenSecret,
      subject,
      c.req.header('Authorization'),
      Math.floor(now() / 1000),
    );
    if (check.ok) return undefined;
    c.header(
      'WWW-Authenticate',
      check.code === 'token_missing'
        ? 'Bearer realm="consent"'
        : `Bearer realm="consent", error="invalid_token"`,
    );
    return errorResponse(c, 401, check.code, check.message, {path: 'subject'});
  };

  app.get(path, async (c) => {
    const subject = subjectParameter(c);
    if (typeof subject !== 'string') return subject;
    const refused =
      (await refuseUnlessAuthorized(c, subject)) ?? refuseOverLimit(c, subjectBuckets, subject);
    if (refused) return refused;
    // Always revalidate: a cached answer (even "none yet") must never hide a newer choice.
    c.header('Cache-Control', 'private, no-cache');
    const answer = await store.latest(subject);
    // No record is not an error: the subject simply has not chosen yet (CONTRACT §6).
    if (!answer) return c.body(null, 204);
    const etag = `"${answer.receiptId}"`;
    c.header('ETag', etag);
    if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.json(answer);
  });

  app.get(`${path}/history`, async (c) => {
    const subject = subjectParameter(c);
    if (typeof subject !== 'string') return subject;
    const refused =
      (await refuseUnlessAuthorized(c, subject)) ?? refuseOverLimit(c, subjectBuckets, subject);
    if (refused) return refused;
    const page = pageParameters(c);
    if (page instanceof Response) return page;
    c.header('Cache-Control', 'private, no-cache');
    const {items, next} = await store.history(subject, page);
    return c.json({subject, records: items, ...(next !== undefined && {next})});
  });

  app.post(
    path,
    async (c, next) => {
      const mediaType = c.req.header('Content-Type')?.split(';')[0].trim().toLowerCase();
      if (mediaType === 'application/json') return next();
      return errorResponse(
        c,
        415,
        'unsupported_media_type',
        'The consent record must be sent as JSON (Content-Type: application/json).',
      );
    },
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: (c) =>
        errorResponse(
          c,
          413,
          'body_too_large',
          `The consent record is larger than the limit of ${bodyLimitBytes} bytes.`,
        ),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return errorResponse(c, 400, 'invalid_json', 'The consent record is not valid JSON.');
      }
      const validation = validateConsentRecord(body);
      if (!validation.ok) {
        const [first, ...rest] = validation.problems;
        const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
        return errorResponse(
          c,
          422,
          'invalid_record',
          `The consent record was rejected: ${first.message}${more}.`,
          {path: first.path, problems: validation.problems},
        );
      }
      const {record} = validation;
      // Before the store is asked anything: a replayed key must not show a stranger the record.
      const refused =
        (await refuseUnlessAuthorized(c, record.subject)) ??
        refuseOverLimit(c, subjectBuckets, record.subject);
      if (refused) return refused;
      const key = c.req.header('Idempotency-Key') ?? record.recordId;
      // The key is the record id, so a record sent without headers deduplicates the same way.
      if (key !== record.recordId) {
        return errorResponse(
          c,
          422,
          'idempotency_key_mismatch',
          'The Idempotency-Key header must equal the recordId of the consent record.',
          {path: 'recordId'},
        );
      }
      const result = await store.append(record);
      if (result.status === 'erased') {
        return errorResponse(
          c,
          410,
          'subject_erased',
          'These privacy choices belonged to an account whose data was erased; they were not saved again.',
          {path: 'recordId'},
        );
      }
      if (result.status === 'conflict') {
        return errorResponse(
          c,
          422,
          'idempotency_conflict',
          'A different consent record was already saved under this recordId.',
          {path: 'recordId'},
        );
      }
      return c.json<ConsentAnswer>(result.answer, result.status === 'created' ? 201 : 200);
    },
  );

  if (adminToken) app.route(`${path}/admin`, adminRoutes(store, adminToken, now));

  app.all(path, (c) => {
    c.header('Allow', 'GET, POST, OPTIONS');
    return errorResponse(c, 405, 'method_not_allowed', `${c.req.method} is not supported here.`);
  });

  app.notFound((c) => errorResponse(c, 404, 'not_found', 'There is nothing at this address.'));

  app.onError((error, c) => {
    if (error instanceof StoreUnavailableError) {
      if (loggedFault !== error.code) {
        loggedFault = error.code;
        console.error(
          `consent store unavailable (${error.code}): ${error.message}. Answering 503 with Retry-After until it works again; further failures of this kind are not logged.`,
        );
      }
      c.header('Retry-After', error.code.includes('FULL') ? '30' : '1');
      return errorResponse(
        c,
        503,
        'store_unavailable',
        'Your choices could not be saved right now; they will be sent again shortly.',
      );
    }
    console.error(error);
    return errorResponse(
      c,
      500,
      'internal_error',
      'Something went wrong while saving your choices.',
    );
  });

  return app;
}

/** The validated `subject` query parameter, or the 400 answer to send instead. */
function subjectParameter(c: Context): string | Response {
  const subject = c.req.query('subject');
  if (subject === undefined) {
    return errorResponse(c, 400, 'subject_missing', 'The subject query parameter is missing.', {
      path: 'subject',
    });
  }
  const problem = subjectProblem(subject);
  if (problem) {
    return errorResponse(c, 400, 'invalid_subject', `The ${problem}.`, {path: 'subject'});
  }
  return subject;
}

/** `?limit=` (1–500, 100 by default) and `?cursor=` (the `next` of the page before). */
function pageParameters(c: Context): {limit: number; cursor: string | undefined} | Response {
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    return errorResponse(c, 400, 'invalid_limit', 'limit must be a whole number from 1 to 500.', {
      path: 'limit',
    });
  }
  const cursor = c.req.query('cursor');
  if (cursor !== undefined && !/^\d{1,19}$/.test(cursor)) {
    return errorResponse(c, 400, 'invalid_cursor', 'cursor must be the next value of a page.', {
      path: 'cursor',
    });
  }
  return {limit, cursor};
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  // Weak comparison, as RFC 9110 asks for If-None-Match.
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
