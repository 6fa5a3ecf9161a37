/**
 * The demo's third parties, on host names of their own, so that the shop's pages deal with
 * other sites as a real shop does: Example Analytics (`collect.vendor.test`: a tag that sets
 * cookies on the shop's parent domain, writes storage and sends beacons) and Trailcast
 * (`video.vendor.test`: a video player the product page embeds). A browser reaches them when
 * it maps `.test` names to this machine (Chromium's `--host-resolver-rules`, Firefox's
 * `network.dns.localDomains`; see the README). What each received is kept, host and path only,
 * and shown on `/vendor-log.json`: the proof that a request held back was never sent.
 */
import {Hono} from 'hono';
import {serveFile} from './static-files.js';

export const VENDOR_HOSTS = ['collect.vendor.test', 'video.vendor.test'] as const;

/** One request a vendor received. */
export interface VendorHit {
  readonly host: string;
  readonly path: string;
}

export interface DemoVendors {
  /** Whether the request (by its `Host` header) is for a vendor. */
  serves(hostHeader: string | undefined): boolean;
  readonly app: Hono;
  readonly hits: readonly VendorHit[];
}

export function demoVendors(vendorRoot: string): DemoVendors {
  const hits: VendorHit[] = [];
  const hostOf = (header: string | undefined) => (header ?? '').replace(/:\d+$/, '').toLowerCase();
  const app = new Hono();
  app.use('*', async (c, next) => {
    hits.push({host: hostOf(c.req.header('host')), path: new URL(c.req.url).pathname});
    await next();
  });
  app.get('/tag.js', (c) => {
    if (hostOf(c.req.header('host')) !== 'collect.vendor.test') return c.notFound();
    return serveFile(vendorRoot, 'analytics-tag.js');
  });
  // Beacons, fetches and pixels: answered, and readable from any page (they carry nothing).
  app.on(['GET', 'POST'], '/collect', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(null, 204);
  });
  app.get('/embed/*', (c) => {
    if (hostOf(c.req.header('host')) !== 'video.vendor.test') return c.notFound();
    return serveFile(vendorRoot, 'video.html');
  });
  app.get('/video.css', () => serveFile(vendorRoot, 'video.css'));
  return {
    serves: (header) => (VENDOR_HOSTS as readonly string[]).includes(hostOf(header)),
    app,
    hits,
  };
}
