/**
 * The reference consent endpoint on its own: `node --import tsx server/main.ts`.
 * Env: PORT (8787; 0 = any free port), HOST (127.0.0.1), CONSENT_DB (data/consent.db) within
 * CONSENT_DB_MAX_BYTES (4 GiB; `off` for no quota), or
 * DATABASE_URL (postgres://…, instead of the SQLite file; DATABASE_QUERY_TIMEOUT_MS and
 * DATABASE_CONNECT_TIMEOUT_MS, 5000 by default, bound its waits: beyond them, 503),
 * ALLOWED_ORIGINS (comma-separated origins allowed to call it from a browser),
 * SUBJECT_TOKEN_SECRET (when set, signed-in subjects need a token: docs/consent-endpoint.md),
 * RATE_LIMIT_PER_ADDRESS, RATE_LIMIT_PER_SUBJECT and STORAGE_PER_ADDRESS (`burst/perSecond` or `off`), TRUST_PROXY
 * (`1` behind a reverse proxy: the client's address is the last X-Forwarded-For entry),
 * ADMIN_TOKEN (turns on the audit and erasure API, server/admin.ts), RECEIPT_SIGNING_KEY (an
 * Ed25519 private key, PKCS#8 PEM) or RECEIPT_SIGNING_KEY_FILE (its path): receipts are signed,
 * server/receipt-signing.ts; REGION_HEADER (the request header naming the client's country, e.g.
 * a CDN's `CF-IPCountry`): `GET /api/consent/region` answers it.
 */
import {readFileSync} from 'node:fs';
import {createConsentApp} from './app.js';
import {parseAllowedOrigins} from './cors.js';
import {clientAddressOf, closeOnSignal, parseHeaderName, parsePort, startServer} from './listen.js';
import {rateLimitsFrom} from './rate-limit.js';
import {receiptSignerFrom} from './receipt-signing.js';
import {openStore} from './store/open.js';
import {KEY_WINDOW_MS} from './store/store.js';
import {parseSecret} from './subject-token.js';

try {
  const port = parsePort(process.env.PORT, 8787);
  const host = process.env.HOST || '127.0.0.1';
  const allowedOrigins = parseAllowedOrigins(process.env.ALLOWED_ORIGINS);
  const receiptSigner = await receiptSignerFrom(process.env, (path) => readFileSync(path, 'utf8'));
  const store = await openStore(process.env, 'data/consent.db');
  const subjectTokenSecret = parseSecret('SUBJECT_TOKEN_SECRET', process.env.SUBJECT_TOKEN_SECRET);
  const rateLimits = rateLimitsFrom(process.env);
  const clientAddress = clientAddressOf(process.env.TRUST_PROXY === '1');
  const adminToken = parseSecret('ADMIN_TOKEN', process.env.ADMIN_TOKEN);
  const regionHeader = parseHeaderName('REGION_HEADER', process.env.REGION_HEADER);
  const app = createConsentApp({
    store,
    allowedOrigins,
    subjectTokenSecret,
    rateLimits,
    clientAddress,
    adminToken,
    receiptSigner,
    regionHeader,
  });
  const server = await startServer(app.fetch, host, port);
  // Tests and scripts parse this exact line to learn the port.
  console.log(`consent endpoint listening on ${server.url}`);
  // Idempotency keys older than the window go, at start and every hour.
  const pruneKeys = () =>
    void store.pruneKeys(new Date(Date.now() - KEY_WINDOW_MS).toISOString()).catch(() => {});
  pruneKeys();
  setInterval(pruneKeys, 60 * 60 * 1000).unref();
  closeOnSignal(server, () => store.close());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
