/**
 * `npm start`: a small demo shop (`demo/site/`: the shop, product pages with the banner, the
 * account page with the center in place), the built bundle and the reference consent endpoint
 * on one origin, so the pages run exactly as a site owner would deploy them. Env: PORT (8080;
 * 0 = any free port), HOST (127.0.0.1), CONSENT_DB (data/demo.db; tests point it at a temp file),
 * RATE_LIMIT_PER_ADDRESS, RATE_LIMIT_PER_SUBJECT, STORAGE_PER_ADDRESS and RECEIPT_SIGNING_KEY (or
 * RECEIPT_SIGNING_KEY_FILE) as for server/main.ts.
 * The same server answers as the shop's third parties (`server/demo-vendors.ts`) for their host
 * names, and as the shop for `www.shop.test`, once the browser maps `.test` names here.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Hono} from 'hono';
import {createConsentApp} from './app.js';
import {demoVendors} from './demo-vendors.js';
import {clientAddressOf, closeOnSignal, parsePort, startServer} from './listen.js';
import {serveFile} from './static-files.js';
import {openStore} from './store/open.js';
import {rateLimitsFrom} from './rate-limit.js';
import {receiptSignerFrom} from './receipt-signing.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The demo's stand-in for a CDN's country header: the account page's "Shop from" switch keeps a
 * region in the `demo-region` cookie, and it reaches the endpoint's region hint as this header
 * (which a client's own is replaced by, as a CDN replaces it).
 */
const DEMO_REGION_HEADER = 'X-Demo-Region';

try {
  const port = parsePort(process.env.PORT, 8080);
  const host = process.env.HOST || '127.0.0.1';
  const receiptSigner = await receiptSignerFrom(process.env, (path) => readFileSync(path, 'utf8'));
  const store = await openStore(process.env, `${repoRoot}data/demo.db`);
  // The endpoint allows exactly the demo's own origin, which is known only once bound (PORT=0).
  // It is assigned right after listen() resolves, before the event loop can deliver a request.
  let consentApp: Hono | undefined;
  const site = new Hono();
  const vendors = demoVendors(`${repoRoot}demo/vendors`);
  site.use('*', async (c, next) => {
    if (!vendors.serves(c.req.header('host'))) return next();
    return vendors.app.fetch(c.req.raw, c.env);
  });
  site.get('/vendor-log.json', (c) => c.json(vendors.hits));
  site.all('/api/*', (c) => consentApp!.fetch(withDemoRegion(c.req.raw), c.env));
  site.get('/dist/*', (c) => serveFile(`${repoRoot}dist`, pathAfter(c.req.url, '/dist/')));
  site.get('/demo/*', (c) => serveFile(`${repoRoot}demo`, pathAfter(c.req.url, '/demo/')));
  // The shop's pages: `/` is the shop, `/products/tent.html`, `/account/privacy.html`, …
  site.get('*', (c) => {
    const path = pathAfter(c.req.url, '/');
    return serveFile(
      `${repoRoot}demo/site`,
      path === '' || path.endsWith('/') ? `${path}index.html` : path,
    );
  });

  const server = await startServer(site.fetch, host, port);
  const origins = [server.url];
  if (host === '127.0.0.1')
    origins.push(`http://localhost:${server.port}`, `http://www.shop.test:${server.port}`);
  consentApp = createConsentApp({
    store,
    allowedOrigins: origins,
    clientAddress: clientAddressOf(false),
    rateLimits: rateLimitsFrom(process.env),
    receiptSigner,
    regionHeader: DEMO_REGION_HEADER,
  });
  // First line: the shop's URL alone (tests and scripts read the origin from it).
  console.log(
    `Demo shop: ${server.url}/\nAccount page with the center in place: ${server.url}/account/privacy.html\n` +
      `With its third parties (a browser mapping .test names here, see the README): http://www.shop.test:${server.port}/products/tent.html`,
  );
  closeOnSignal(server, () => store.close());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

function withDemoRegion(request: Request): Request {
  const region = /(?:^|;\s*)demo-region=([^;]*)/.exec(request.headers.get('Cookie') ?? '')?.[1];
  const headers = new Headers(request.headers);
  headers.delete(DEMO_REGION_HEADER);
  if (region) headers.set(DEMO_REGION_HEADER, decodeURIComponent(region));
  return new Request(request, {headers});
}

/** The raw (still encoded) path below `prefix`; serveFile decodes and confines it. */
function pathAfter(url: string, prefix: string): string {
  return new URL(url).pathname.slice(prefix.length);
}
