/**
 * The reference consent endpoint, put together: CORS and the guards in front, the record routes
 * and the admin API behind them, store faults answered the same way everywhere. Runs wherever
 * Web APIs do (runtime.test.ts): the runtime hands in the store and the client's address.
 */
import {Hono} from 'hono';
import type {Context} from 'hono';
import {MAX_RECORD_BYTES} from '../src/core/protocol.js';
import {adminRoutes} from './admin.js';
import {corsAllowList} from './cors.js';
import {errorResponse} from './http-error.js';
import {createGuards} from './guards.js';
import {DEFAULT_LIMITS, type RateLimits} from './rate-limit.js';
import type {ReceiptSigner} from './receipt-signing.js';
import {recordRoutes} from './routes.js';
import {storeFaultHandling} from './store-faults.js';
import type {ConsentStore} from './store/store.js';

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
  /**
   * Per client address and per subject, and the bytes of records per client address;
   * `undefined` turns one off. On by default.
   */
  rateLimits?: RateLimits;
  /**
   * The client's address, from the runtime (`listen.ts` gives Node's); without it, requests
   * are limited per subject only.
   */
  clientAddress?: (c: Context) => string | undefined;
  /** With a token, the audit and erasure API answers under `/api/consent/admin` (admin.ts). */
  adminToken?: string | undefined;
  /**
   * With a signer, every answer that carries a receipt is signed and its public key is served at
   * `/api/consent/receipt-key` (receipt-signing.ts).
   */
  receiptSigner?: ReceiptSigner | undefined;
  /**
   * The request header that tells where the client is (a CDN's `CF-IPCountry`, ISO 3166), for
   * `GET /api/consent/region`; without it the endpoint answers that it cannot tell.
   */
  regionHeader?: string | undefined;
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
  receiptSigner,
  regionHeader,
}: ConsentAppOptions): Hono {
  const app = new Hono();
  const faults = storeFaultHandling();
  const guards = createGuards({subjectTokenSecret, now, rateLimits, clientAddress});
  app.use('*', corsAllowList(allowedOrigins));
  app.use('*', faults.noticeRecovery);
  app.use(`${path}/*`, guards.limitPerAddress);
  app.route(path, recordRoutes(store, guards, bodyLimitBytes, receiptSigner, regionHeader));
  if (adminToken) app.route(`${path}/admin`, adminRoutes(store, adminToken, now, receiptSigner));
  app.notFound((c) => errorResponse(c, 404, 'not_found', 'There is nothing at this address.'));
  app.onError(faults.onError);
  return app;
}
