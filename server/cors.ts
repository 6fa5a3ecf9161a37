import type {MiddlewareHandler} from 'hono';
import {errorResponse} from './http-error.js';

const readOnlyMethods = new Set(['GET', 'HEAD']);

/**
 * CORS with an exact-origin allow-list. Credentials are allowed, so the origin is echoed only
 * when it is on the list, never `*`. A browser request from any other origin that would write is
 * refused with `403`: the allow-list decides who may record consent, not only who may read the
 * answer. The refusal itself is readable by that page (its preflight passes, the 403 carries
 * CORS headers), so the page learns why instead of retrying a network error forever; it reads
 * nothing else. Requests without `Origin` (curl, server to server) pass.
 */
export function corsAllowList(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const isAllowed = origin !== undefined && allowed.has(origin);
    const isForeign = origin !== undefined && !isAllowed;
    let isReadable = isAllowed;

    if (c.req.method === 'OPTIONS') {
      c.res = new Response(null, {status: 204, headers: {Allow: 'GET, POST, OPTIONS'}});
      if (origin !== undefined) {
        c.res.headers.set('Access-Control-Allow-Methods', 'GET, POST');
        c.res.headers.set(
          'Access-Control-Allow-Headers',
          'Authorization, Content-Type, Idempotency-Key',
        );
        c.res.headers.set('Access-Control-Max-Age', '600');
        isReadable = true;
      }
    } else if (isForeign && !readOnlyMethods.has(c.req.method)) {
      c.res = errorResponse(
        c,
        403,
        'origin_not_allowed',
        'This website is not allowed to save privacy choices here.',
      );
      isReadable = true;
    } else {
      await next();
    }

    // Set after the handler so that error answers (413, 422, 503 from onError) carry them too.
    c.res.headers.append('Vary', 'Origin');
    if (isReadable && origin !== undefined) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Allow-Credentials', 'true');
      c.res.headers.set('Access-Control-Expose-Headers', 'ETag, Retry-After, WWW-Authenticate');
    }
  };
}

/** Parses ALLOWED_ORIGINS; refuses entries that are not bare origins, which would never match. */
export function parseAllowedOrigins(list: string | undefined): string[] {
  const origins = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new Error(
        `ALLOWED_ORIGINS entry "${origin}" is not an origin; write it like https://shop.example (scheme, host and port only, no path or trailing slash).`,
      );
    }
  }
  return origins;
}
