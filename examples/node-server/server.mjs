// @ts-check
/**
 * A plain Node server (no framework) that puts the banner into its pages' first HTML with
 * `renderBanner`: the banner paints with the page, before any script has loaded, and the
 * element takes it over when it runs. A customer who has decided gets pages without it.
 *
 *   npm install privacy-preferences && node server.mjs   (PORT=8080 by default)
 *
 * test/site/server-rendered-banner.test.ts runs it as it is.
 */
import {readFile} from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {configScript, renderBanner} from 'privacy-preferences/server';

const config = JSON.parse(await readFile(new URL('purposes.json', import.meta.url), 'utf8'));
/** The package's browser files (dist/): served under /privacy-preferences/. */
const bundle = path.dirname(fileURLToPath(import.meta.resolve('privacy-preferences')));
const LANGUAGES = ['en', 'de'];

/** The page's language: the first of the customer's that the site is written in. */
function languageOf(/** @type {string | undefined} */ acceptLanguage) {
  const wanted = (acceptLanguage ?? '').split(',').map((entry) => entry.split(';')[0]?.trim());
  return (
    wanted
      .map((tag) => tag?.split('-')[0]?.toLowerCase())
      .find((tag) => tag && LANGUAGES.includes(tag)) ?? 'en'
  );
}

/** The configuration inside the element: no request for it. */
const inlineConfig = configScript(config);

async function page(/** @type {http.IncomingMessage} */ request) {
  const lang = languageOf(request.headers['accept-language']);
  // The same language as the element will read from <html lang>: it then keeps this banner.
  const banner = renderBanner(config, {
    locale: lang,
    cookie: request.headers.cookie,
    // Where the page loads our files from: they are preloaded with the page.
    modules: '/privacy-preferences/',
  });
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Example Shop</title>
    <script type="module" src="/privacy-preferences/privacy-preferences.js"></script>
  </head>
  <body>
    <main>
      <h1>Example Shop</h1>
      <p>Tents, stoves and everything for a night outside.</p>
    </main>
    <footer><a href="/privacy" data-privacy-preferences-open>Privacy choices</a></footer>
    <privacy-preferences mode="banner">${inlineConfig}${banner}</privacy-preferences>
  </body>
</html>`;
}

const server = http.createServer(async (request, response) => {
  const {pathname} = new URL(request.url ?? '/', 'http://localhost');
  try {
    if (pathname === '/') {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        // The page differs by the decided cookie and the language: caches must keep them apart.
        Vary: 'Cookie, Accept-Language',
        'Cache-Control': 'private, no-cache',
      });
      response.end(await page(request));
    } else if (pathname.startsWith('/privacy-preferences/') && pathname.endsWith('.js')) {
      const file = path.join(bundle, path.basename(pathname));
      response.writeHead(200, {'Content-Type': 'text/javascript; charset=utf-8'});
      response.end(await readFile(file));
    } else {
      response.writeHead(404, {'Content-Type': 'text/plain; charset=utf-8'}).end('Not found');
    }
  } catch (error) {
    const missing = /** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT';
    response.writeHead(missing ? 404 : 500, {'Content-Type': 'text/plain; charset=utf-8'});
    response.end(missing ? 'Not found' : 'Server error');
    if (!missing) console.error(error);
  }
});

server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`Example shop: http://127.0.0.1:${address.port}/`);
});
