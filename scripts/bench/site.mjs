// The benchmarks' web site on 127.0.0.1: the same product page for every tool (only the consent
// tool differs), each tool's files (the React peers' built at start), every response
// brotli-compressed once at start and sent with Cache-Control: no-store, held back as a slower
// network would hold it (NETWORK), and an endpoint that acknowledges our consent records.
import {readFileSync, readdirSync} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {brotli, sizes} from '../bundle-size.mjs';
import {sumBytes} from './page-session.mjs';
import {BARE_REACT, buildApp} from './react-apps.mjs';
import {CONFIG, PURPOSES, SERVER_RENDERED, TOOLS, VARIANTS} from './tools.mjs';

/**
 * A fast 4G / slow cable line, emulated by the server: each response waits `latency` ms plus its
 * brotli body's transfer time at `throughput` before it is sent. (Tachometer has no setting
 * for network throttling; the server's delay applies to every harness alike.)
 */
const NETWORK = {
  latency: 40, // ms per response
  throughput: (10 * 1_000_000) / 8, // bytes/s = 10 Mbit/s
};

export function describeNetwork() {
  return (
    `emulated by the bench server: each response held back ${NETWORK.latency} ms + its brotli ` +
    `size at ${(NETWORK.throughput * 8) / 1_000_000} Mbit/s`
  );
}

/** The performance mark the page sets when each variant's view is first visible. */
export const MARK = {banner: 'banner-visible', preferences: 'preferences-visible'};

/** A page whose first script runs a busy loop and measures it: shows the CPU slowdown holds. */
export const CPU_CHECK = {path: '/cpu-check.html', entryName: 'cpu-check'};

/** What "visible" means, as printed beside the figures. */
export const VISIBLE = [
  'visible = the first requestAnimationFrame (a loop started by an inline script at the top of',
  '  <head>) at which the view is connected, has a non-zero box, is not visibility:hidden, and',
  '  neither it nor an ancestor is display:none or opacity 0; for the preferences view, the same',
  `  holds for each of the ${PURPOSES.length} purposes' switches too. The script then sets`,
  `  performance.mark('${MARK.banner}' | '${MARK.preferences}'): its startTime is the time`,
  '  from navigation start. Views: ours shadowRoot [part="banner"] | dialog[part="dialog"];',
  '  Klaro #klaro-cookie-notice | #klaro .cm-modal; cookieconsent #cc-main .cm | #cc-main .pm;',
  '  c15t [data-testid="consent-banner-card"] | [data-testid="consent-dialog-card"]; cookieyes',
  '  [data-cky-banner] | [data-cy-part="dialog"]. Switches: c15t, the switch of the category a',
  '  purpose shares; cookieyes, for the required purpose, the "Always active" in its place',
];

/**
 * Page paths: `/{variant}/{tool}.html`; `/bare.html` is the product page without a tool;
 * `/returning.html` our banner page for a customer who decided before (storage kept, no probe);
 * `/entry.html` a blank page that loads our entry; CPU_CHECK.path a busy loop.
 */
export function pagePath(variant, tool) {
  return `/${variant}/${tool.id}.html`;
}

/**
 * Builds the React apps, then starts the site on a free port; `close()` stops it. `bareReact`:
 * the bytes of the bare React app (react-apps.mjs), which the site does not serve.
 */
export async function serve() {
  const files = new Map();
  const add = (urlPath, content, type, role) => {
    const raw = Buffer.from(content);
    files.set(urlPath, {raw, body: brotli(raw), type, role});
  };
  const JS = 'text/javascript; charset=utf-8';
  const HTML = 'text/html; charset=utf-8';
  for (const file of readdirSync('dist').filter((name) => name.endsWith('.js'))) {
    add(`/dist/${file}`, readFileSync(path.join('dist', file)), JS, 'script');
  }
  add('/purposes.json', JSON.stringify(CONFIG, null, 2), 'application/json', 'config');
  const addCode = (urlPath, content) => {
    const isCss = urlPath.endsWith('.css');
    add(urlPath, content, isCss ? 'text/css' : JS, isCss ? 'css' : 'script');
  };
  for (const tool of TOOLS) {
    for (const file of tool.files) addCode(file.path, readFileSync(file.from));
    if (tool.app) for (const file of await buildApp(tool.app)) addCode(file.path, file.content);
    for (const variant of VARIANTS) {
      if (tool.config) add(`/${variant}/${tool.id}-config.js`, tool.config(variant), JS, 'config');
      add(pagePath(variant, tool), productPage(tool, variant), HTML, 'page');
    }
  }
  add(pagePath('banner', SERVER_RENDERED), productPage(SERVER_RENDERED, 'banner'), HTML, 'page');
  add('/bare.html', productPage(undefined, 'preferences'), HTML, 'page');
  const ours = TOOLS.find((tool) => tool.id === 'ours');
  add('/returning.html', productPage(ours, 'banner', {isFirstVisit: false}), HTML, 'page');
  add(
    '/entry.html',
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">' +
      '<script type="module" src="/dist/privacy-preferences.js"></script>',
    HTML,
    'page',
  );
  add(
    CPU_CHECK.path,
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script>' +
      'var start = performance.now(), x = 0; for (var i = 0; i < 1e7; i++) x += Math.sqrt(i);' +
      `performance.measure('${CPU_CHECK.entryName}', {start: start}); window.spun = x;</script>`,
    HTML,
    'page',
  );

  const bareReact = sumBytes((await buildApp(BARE_REACT)).map((file) => sizes(file.content)));

  const acceptEncodings = new Set();
  const httpServer = http.createServer((request, response) => {
    const {pathname} = new URL(request.url, 'http://127.0.0.1');
    acceptEncodings.add(request.headers['accept-encoding'] ?? '(none)');
    if (pathname === '/api/consent' && request.method === 'POST') {
      acknowledge(request, response);
      return;
    }
    const file = files.get(pathname);
    if (!file) {
      response.writeHead(404, {'Cache-Control': 'no-store'}).end();
      return;
    }
    const delay = NETWORK.latency + (1000 * file.body.length) / NETWORK.throughput;
    setTimeout(() => {
      response.writeHead(200, {
        'Content-Type': file.type,
        'Content-Encoding': 'br',
        'Content-Length': file.body.length,
        'Cache-Control': 'no-store',
      });
      response.end(file.body);
    }, delay);
  });
  return new Promise((resolve) => {
    httpServer.listen(0, '127.0.0.1', () => {
      const {port} = httpServer.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        files,
        bareReact,
        acceptEncodings,
        close: () => new Promise((done) => httpServer.close(done)),
      });
    });
  });
}

/** Answers a consent record as a consent endpoint would (201 with a receipt), after NETWORK. */
function acknowledge(request, response) {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const record = JSON.parse(body);
    setTimeout(() => {
      response.writeHead(201, {'Content-Type': 'application/json', 'Cache-Control': 'no-store'});
      response.end(
        JSON.stringify({receiptId: record.recordId, recordedAt: new Date().toISOString(), record}),
      );
    }, NETWORK.latency);
  });
}

/**
 * The product page. On a first visit its first script starts the visit afresh (storage and
 * cookies cleared: a browser the harness reuses must not carry state from one sample to the
 * next), keeps the page's long tasks in `window.longTasks`, its Event Timing entries of 16 ms
 * or more in `window.eventTimings` (an event's duration: from the input to the next frame
 * painted after its handlers), the sum of its layout shifts not caused by input in
 * `window.layoutShift` (CLS), and watches for the variant's view:
 * once visible, it sets the performance mark and resolves `window.visible` with the time.
 */
function productPage(tool, variant, {isFirstVisit = true} = {}) {
  const open =
    tool?.open && variant === 'preferences'
      ? `<script>document.addEventListener('DOMContentLoaded', function () { ${tool.open}; });</script>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${isFirstVisit ? `<script>\n${firstVisitScript(tool, variant)}</script>` : ''}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Storm Shell Jacket – Fjordline Outdoor</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d1d1d; }
  header, main, footer { padding: 1rem 2rem; }
  header { display: flex; gap: 2rem; align-items: center; border-bottom: 1px solid #ddd; }
  header nav { display: flex; gap: 1rem; }
  .product { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2rem; }
  .product svg { width: 100%; height: auto; background: #eef3f7; border-radius: 0.5rem; }
  .price { font-size: 1.5rem; font-weight: 600; }
  button.buy { font: inherit; padding: 0.75rem 1.5rem; background: #1a5fb4; color: #fff; border: 0; border-radius: 0.5rem; }
  footer { border-top: 1px solid #ddd; color: #4d4d4d; }
</style>
${tool ? tool.head(variant) : ''}
</head>
<body>
<header>
  <a href="/">Fjordline Outdoor</a>
  <nav aria-label="Shop"><a href="#">Jackets</a> <a href="#">Boots</a> <a href="#">Tents</a> <a href="#">Sale</a></nav>
  <a href="#">Basket (0)</a>
</header>
<main>
  <nav aria-label="Breadcrumb"><a href="/">Home</a> / <a href="#">Jackets</a> / Storm Shell Jacket</nav>
  <article class="product">
    <svg viewBox="0 0 400 300" role="img" aria-label="Storm Shell Jacket in fjord blue">
      <path d="M150 40 L250 40 L320 110 L290 130 L280 270 L120 270 L110 130 L80 110 Z" fill="#1a5fb4"/>
    </svg>
    <div>
      <h1>Storm Shell Jacket</h1>
      <p class="price">€249.00</p>
      <p>A three-layer waterproof shell for long days on the fjords: taped seams, pit zips and a
        helmet-compatible hood, light enough to roll into a day pack.</p>
      <ul>
        <li>Waterproof to 20,000 mm, breathable to 15,000 g/m²/24 h</li>
        <li>Recycled face fabric, PFC-free finish</li>
        <li>Weight 390 g (size M)</li>
      </ul>
      <label>Size <select><option>S</option><option selected>M</option><option>L</option><option>XL</option></select></label>
      <p><button type="button" class="buy">Add to basket</button></p>
      <p>Free delivery over €100. Free returns within 30 days.</p>
    </div>
  </article>
  <section>
    <h2>Details</h2>
    <p>Two hand pockets and a chest pocket with water-resistant zips; adjustable cuffs and hem;
      a two-way front zip. Machine wash at 30 °C, re-proof once a season.</p>
  </section>
</main>
<footer>
  <p>Fjordline Outdoor · <a href="${CONFIG.policyUrl}">Privacy policy</a> · <a href="#">Terms</a></p>
</footer>
${tool ? tool.body(variant) : ''}
${open}
</body>
</html>
`;
}

function firstVisitScript(tool, variant) {
  const reset = `try { localStorage.clear(); sessionStorage.clear(); } catch (error) {}
document.cookie.split(';').forEach(function (cookie) {
  document.cookie = cookie.split('=')[0].trim() + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});
window.longTasks = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    window.longTasks.push({startTime: entry.startTime, duration: entry.duration});
  });
}).observe({type: 'longtask'});
window.eventTimings = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    window.eventTimings.push({name: entry.name, startTime: entry.startTime, duration: entry.duration});
  });
}).observe({type: 'event', durationThreshold: 16, buffered: true});
window.layoutShift = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  });
}).observe({type: 'layout-shift', buffered: true});
`;
  if (!tool) return reset;
  return `${reset}(function () {
  var find = ${tool.inPage[variant]};
  var switchOf = ${variant === 'preferences' ? tool.inPage.switchOf : 'null'};
  var ids = ${JSON.stringify(PURPOSES.map((purpose) => purpose.id))};
  function shown(el) {
    if (!el || !el.isConnected) return false;
    var box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    if (getComputedStyle(el).visibility === 'hidden') return false;
    for (var node = el; node; node = node.parentElement || node.getRootNode().host) {
      var style = getComputedStyle(node);
      if (style.display === 'none' || Number(style.opacity) === 0) return false;
    }
    return true;
  }
  function isVisible() {
    var view = find();
    return shown(view) && (!switchOf || ids.every(function (id) { return shown(switchOf(view, id)); }));
  }
  window.findView = find;
  window.visible = new Promise(function (resolve) {
    requestAnimationFrame(function frame() {
      if (!isVisible()) return requestAnimationFrame(frame);
      performance.mark(${JSON.stringify(MARK[variant])});
      resolve(performance.now());
    });
  });
})();
`;
}
