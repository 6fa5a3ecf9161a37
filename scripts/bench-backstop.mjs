// `npm run bench:backstop`: what the network backstop (src/browser/backstop.ts) adds to each
// `fetch()` call, in headless Chromium (no CPU slowdown), under the rules a large site would
// have: 20 purposes × 5 recipients, each recipient with a `*.` pattern and an exact host (200
// patterns, read by the real parseConfig), every purpose denied, decided by the real
// blockingPurposes. Not a test; not run in CI.
//
// Method. All the backstop adds happens synchronously inside the call, before the browser's own
// fetch: the URL is parsed and the rules decide. So the figure is the synchronous cost of the
// call, the time until fetch() returns its promise. To keep the network out of that timing
// (real requests are dispatched to another process while the timed loop runs, which on a small
// machine drowns a few µs), the main figures use an already-aborted signal: the browser still
// parses the URL and builds the request, then rejects without any traffic. The difference
// between these two is the backstop's cost on a request it lets go:
//   native fetch, host not listed   the browser's fetch, kept before the install (the baseline)
//   wrapped fetch, host not listed  the same call through the backstop: its full decision (no
//                                   pattern matches, so every purpose is tried), then the browser's
//   wrapped fetch, rules decide nothing   the backstop's own part (URL parsed against the
//                                   document's base, rules asked): rules that return [] at once
//   wrapped fetch, host held back   decided, counted, rejected: the browser's fetch is not called
// Then, for scale, a fetch() call that sends a real request (to a local server answering 204),
// native and wrapped: noisier, and what a tag pays anyway for a request.
// The page is the bench server's 127.0.0.1 (its own host, listed nowhere); the held host is
// `localhost`, the same server, listed by the last purpose. The page is cross-origin isolated,
// which gives performance.now() 5 µs steps; calls are timed by batches of BENCH_BATCH (100), the
// variants in turn, and figures are µs per call: median and p95 over BENCH_ROUNDS (200) batches
// = 20,000 calls per variant, after 20 warm-up rounds; BENCH_REQUEST_ROUNDS (10) batches of real
// requests.
import http from 'node:http';
import os from 'node:os';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {launch, runThenClose} from './bench/browser.mjs';
import {fmt, median, positiveInteger} from './bench/stats.mjs';
import {percentile} from './endpoint-process.mjs';

const ROUNDS = positiveInteger('BENCH_ROUNDS', 200);
const BATCH = positiveInteger('BENCH_BATCH', 100);
const REQUEST_ROUNDS = positiveInteger('BENCH_REQUEST_ROUNDS', 10);
const WARMUP = 20;

// esbuild comes with @web/dev-server-esbuild; it bundles the TypeScript sources as they are.
const {outputFiles} = await build({
  entryPoints: [fileURLToPath(new URL('bench/backstop-page.mjs', import.meta.url))],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  logLevel: 'error',
});
const script = outputFiles[0].text;

const isolated = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cache-Control': 'no-store',
};
const server = http.createServer((request, response) => {
  if (request.url === '/') {
    response.writeHead(200, {...isolated, 'Content-Type': 'text/html; charset=utf-8'});
    response.end(
      '<!doctype html><title>backstop bench</title><script type="module" src="/bench.js"></script>',
    );
  } else if (request.url === '/bench.js') {
    response.writeHead(200, {...isolated, 'Content-Type': 'text/javascript; charset=utf-8'});
    response.end(script);
  } else {
    // The requests being timed: from the page's own host, and cross-origin from `localhost`.
    response.writeHead(204, {'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store'});
    response.end();
  }
});
// Many short requests: idle sockets are closed by the browser, not by a timeout of ours.
server.keepAliveTimeout = 60_000;
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const {port} = server.address();

const browser = await launch();
await runThenClose(measure, browser, {
  close: () => new Promise((resolve) => server.close(resolve)),
});

async function measure() {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'measureBackstop' in window);
  const {calls, realRequests, heldBack, crossOriginIsolated} = await page.evaluate(
    (options) => window.measureBackstop(options),
    {
      rounds: ROUNDS,
      warmup: WARMUP,
      perBatch: BATCH,
      requests: REQUEST_ROUNDS,
      ownUrl: `http://127.0.0.1:${port}/ping`,
      heldUrl: `http://localhost:${port}/ping`,
    },
  );
  const expectedHeld = (ROUNDS + WARMUP) * BATCH;
  if (heldBack !== expectedHeld) throw new Error(`held back ${heldBack}, not ${expectedHeld}`);

  console.log(
    `${await browser.version()} headless, CPU not slowed down, ` +
      `${crossOriginIsolated ? 'cross-origin isolated (5 µs timer)' : 'NOT isolated (coarse timer)'}`,
  );
  console.log(
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${os.availableParallelism()} cores`,
  );
  console.log(
    'fetch() call, synchronous part: 20 purposes × 5 recipients (200 host patterns), all denied',
  );
  const table = (title, times) => {
    console.log(`${title.padEnd(40)}${'median'.padStart(8)}${'p95'.padStart(8)}`);
    const medians = {};
    for (const [name, values] of Object.entries(times)) {
      const sorted = [...values].sort((a, b) => a - b);
      medians[name] = median(sorted);
      console.log(
        `  ${name.padEnd(38)}${medians[name].toFixed(2).padStart(8)}` +
          `${percentile(sorted, 0.95).toFixed(2).padStart(8)}`,
      );
    }
    return medians;
  };
  const medians = table(`µs per call, ${fmt(ROUNDS * BATCH)} calls each, aborted`, calls);
  const overhead =
    medians['wrapped fetch, host not listed'] - medians['native fetch, host not listed'];
  console.log(
    `  backstop's cost on a request it lets go (difference of medians): ${overhead.toFixed(2)} µs`,
  );
  table(`µs per call, ${fmt(REQUEST_ROUNDS * BATCH)} real requests each`, realRequests);
}
