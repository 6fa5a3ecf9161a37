// `npm run bench`: prints the figures we track — bundle bytes, time to render 200 purposes in
// Chromium, toggle-to-request latency — then the reference endpoint's write rate.
// Everything runs on 127.0.0.1 and stops by itself.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import {bundleFiles, formatRow, measure, scenarios} from './bundle-size.mjs';
import chromium from './chromium.json' with {type: 'json'};

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const PURPOSES = 200;

console.log('Bundle');
for (const file of bundleFiles()) console.log(`  ${formatRow(measure(file))}`);
console.log(`  ${formatRow(measure('consent-defaults.js'))}`);
const {returning, firstVisit, openExtra} = scenarios();
console.log(
  `  returning customer ${returning.brotli} B, first visit with banner ${firstVisit.brotli} B, ` +
    `full center on open() +${openExtra.brotli} B (brotli)`,
);

const server = await serveBenchPage();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || chromium.executablePath,
  headless: true,
  args: chromium.args,
});
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/bench.html`);
  await page.waitForFunction(() => customElements.get('privacy-preferences'));

  const renders = await page.evaluate(measureRenders, PURPOSES, RUNS);
  console.log(`Render ${PURPOSES} purposes (Chromium, ${RUNS - 1} runs after a warm-up)`);
  console.log(
    `  median ${median(renders).toFixed(1)} ms, min ${Math.min(...renders).toFixed(1)} ms, max ${Math.max(...renders).toFixed(1)} ms`,
  );

  const latencies = await page.evaluate(measureToggleToRequest, RUNS);
  console.log(`Toggle to request (click → POST leaves the page, ${latencies.length} toggles)`);
  console.log(
    `  median ${median(latencies).toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms`,
  );
} finally {
  await browser.close();
  server.close();
}

const endpoint = spawnSync(process.execPath, ['scripts/bench-endpoint.mjs'], {stdio: 'inherit'});
process.exit(endpoint.status ?? 1);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs in the page: time from inserting a 200-purpose center to its laid-out first render. */
async function measureRenders(count, runs) {
  const config = {
    policyVersion: 'bench',
    purposes: Array.from({length: count}, (_, index) => ({
      id: `purpose-${index}`,
      title: `Purpose number ${index}`,
      description: 'Which pages you visit and how long pages take to load.',
      benefit: 'We find and fix slow or confusing pages sooner.',
      data: ['Pages visited', 'Device type'],
      recipients: [{name: 'Example Analytics Inc.', url: 'https://analytics.example/privacy'}],
      retention: '13 months',
    })),
  };
  const times = [];
  for (let run = 0; run < runs; run++) {
    localStorage.clear();
    const el = document.createElement('privacy-preferences');
    el.locale = 'en';
    el.config = config;
    const ready = new Promise((resolve) =>
      el.addEventListener('consent-ready', resolve, {once: true}),
    );
    const start = performance.now();
    document.body.append(el);
    await ready;
    await el.updateComplete;
    void el.shadowRoot.querySelector('section').offsetHeight; // force style and layout
    const elapsed = performance.now() - start;
    if (run > 0) times.push(elapsed);
    el.remove();
  }
  return times;
}

/** Runs in the page: time from a switch click to the POST's start in resource timing. */
async function measureToggleToRequest(runs) {
  localStorage.clear();
  const el = document.createElement('privacy-preferences');
  el.locale = 'en';
  el.endpoint = '/api/consent';
  el.config = {
    policyVersion: 'bench',
    purposes: [{id: 'analytics', title: 'Usage analytics', description: 'd', benefit: 'b'}],
  };
  const ready = new Promise((resolve) =>
    el.addEventListener('consent-ready', resolve, {once: true}),
  );
  document.body.append(el);
  await ready;
  await el.updateComplete;
  const toggle = el.shadowRoot.querySelector('[role="switch"]');
  const latencies = [];
  for (let run = 0; run < runs; run++) {
    performance.clearResourceTimings();
    const saved = new Promise((resolve) =>
      el.addEventListener('consent-saved', resolve, {once: true}),
    );
    const clickedAt = performance.now();
    toggle.click();
    await saved;
    const post = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.includes('/api/consent') && entry.startTime >= clickedAt);
    if (post) latencies.push(post.startTime - clickedAt);
  }
  el.remove();
  return latencies;
}

/** Serves dist/ and a blank page, and acknowledges consent records like an endpoint would. */
function serveBenchPage() {
  const types = {'.js': 'text/javascript', '.map': 'application/json'};
  const httpServer = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (url.pathname === '/bench.html') {
      response.writeHead(200, {'Content-Type': 'text/html'});
      response.end(
        '<!doctype html><meta charset="utf-8"><script type="module" src="/dist/privacy-preferences.js"></script>',
      );
    } else if (url.pathname === '/api/consent') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (request.method !== 'POST') {
          response.writeHead(404).end();
          return;
        }
        const record = JSON.parse(body);
        response.writeHead(201, {'Content-Type': 'application/json'});
        response.end(
          JSON.stringify({
            receiptId: record.recordId,
            recordedAt: new Date().toISOString(),
            record,
          }),
        );
      });
    } else if (url.pathname.startsWith('/dist/') && !url.pathname.includes('..')) {
      try {
        const file = readFileSync(path.join('dist', url.pathname.slice('/dist/'.length)));
        response.writeHead(200, {
          'Content-Type': types[path.extname(url.pathname)] ?? 'application/octet-stream',
        });
        response.end(file);
      } catch {
        response.writeHead(404).end();
      }
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    httpServer.listen(0, '127.0.0.1', () => {
      const {port} = httpServer.address();
      resolve({origin: `http://127.0.0.1:${port}`, close: () => httpServer.close()});
    });
  });
}
