/**
 * The checks a request passes before the store is asked anything: rate limits per client address
 * and per subject (429), the subject token of a signed-in subject (401), and for a record the
 * media type (415) and size (413). Each answers with the endpoint's one error body, so the
 * component can show the customer why.
 */
import type {Context, MiddlewareHandler} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import {errorResponse} from './http-error.js';
import {addressKey, TokenBuckets, type RateLimits} from './rate-limit.js';
import {checkSubjectToken, needsToken} from './subject-token.js';

export interface GuardOptions {
  subjectTokenSecret: string | undefined;
  now: () => number;
  rateLimits: RateLimits;
  clientAddress: ((c: Context) => string | undefined) | undefined;
}

export interface Guards {
  /** Middleware: the per-address limit, for every request with a known client address. */
  readonly limitPerAddress: MiddlewareHandler;
  /** The 401 or 429 to answer when the request may not read or write `subject` now. */
  refuseForSubject(c: Context, subject: string): Promise<Response | undefined>;
  /** The 429 to answer when the client's address has stored its share of bytes for now. */
  refuseOverStorage(c: Context, bytes: number): Response | undefined;
}

export function createGuards({
  subjectTokenSecret,
  now,
  rateLimits,
  clientAddress,
}: GuardOptions): Guards {
  const addressBuckets = rateLimits.perAddress && new TokenBuckets(rateLimits.perAddress);
  const subjectBuckets = rateLimits.perSubject && new TokenBuckets(rateLimits.perSubject);
  const storageBuckets =
    rateLimits.storagePerAddress && new TokenBuckets(rateLimits.storagePerAddress);
  /** The 429 to answer when `buckets` has not `cost` tokens left for `key`; else `undefined`. */
  const refuseOverLimit = (
    c: Context,
    buckets: TokenBuckets | undefined,
    key: string,
    cost = 1,
  ) => {
    const waitMs = buckets?.take(key, now(), cost) ?? 0;
    if (waitMs === 0) return undefined;
    c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
    return errorResponse(
      c,
      429,
      'rate_limited',
      'Too many requests for a moment; your choices will be sent again shortly.',
    );
  };

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

  return {
    limitPerAddress: async (c, next) => {
      const address = clientAddress?.(c);
      return (address && refuseOverLimit(c, addressBuckets, addressKey(address))) || next();
    },
    // The token first: a stranger's requests do not use up the subject's own allowance.
    refuseForSubject: async (c, subject) =>
      (await refuseUnlessAuthorized(c, subject)) ?? refuseOverLimit(c, subjectBuckets, subject),
    refuseOverStorage: (c, bytes) => {
      const address = clientAddress?.(c);
      return address ? refuseOverLimit(c, storageBuckets, addressKey(address), bytes) : undefined;
    },
  };
}

/** Middleware: a record is sent as JSON, or answered 415. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const mediaType = c.req.header('Content-Type')?.split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/json') return next();
  return errorResponse(
    c,
    415,
    'unsupported_media_type',
    'The consent record must be sent as JSON (Content-Type: application/json).',
  );
};

/** Middleware: a record larger than `maxBytes` is answered 413 before it is read whole. */
export function limitRecordSize(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      errorResponse(
        c,
        413,
        'body_too_large',
        `The consent record is larger than the limit of ${maxBytes} bytes.`,
      ),
  });
}
