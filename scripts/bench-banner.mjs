// `npm run bench:banner`: how soon a first-time visitor sees the consent banner with our element,
// with Klaro and with vanilla-cookieconsent on the same product page, how many script and CSS
// bytes each tool sends, and how much main-thread time our code takes on a returning customer's
// page. Everything runs on 127.0.0.1 (brotli, no caching) in headless Chromium with CDP network
// and CPU throttling, and stops by itself. BENCH_ROUNDS (default 15) first-visit rounds,
// BENCH_RELOADS (default 11) returning-customer reloads per CPU setting.
import {readFileSync, readdirSync} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {brotliCompressSync, constants} from 'node:zlib';
import puppeteer from 'puppeteer-core';
import chromium from './chromium.json' with {type: 'json'};

const ROUNDS = positiveInteger('BENCH_ROUNDS', 15);
const RELOADS = positiveInteger('BENCH_RELOADS', 11);
/** A fast 4G / slow cable line (CDP Network.emulateNetworkConditions). */
const NETWORK = {
  offline: false,
  latency: 40, // ms added to each request
  downloadThroughput: (10 * 1_000_000) / 8, // bytes/s = 10 Mbit/s
  uploadThroughput: (5 * 1_000_000) / 8, // bytes/s = 5 Mbit/s
};
const CPU_SLOWDOWN = 4;
const SAMPLING_INTERVAL_US = 100;
const TIMEOUT_MS = 15_000;
const DECISION_KEY = 'privacy-preferences:decision';

const TOOLS = [
  {id: 'ours', label: 'privacy-preferences'},
  {id: 'klaro', label: `Klaro ${packageVersion('klaro')}`},
  {id: 'cookieconsent', label: `vanilla-cookieconsent ${packageVersion('vanilla-cookieconsent')}`},
];

// What all three tools ask for: the required purpose and three optional ones of the demo.
const PURPOSE_IDS = ['essential', 'analytics', 'recommendations', 'ads'];
// English only, for every tool alike: the demo's texts in 17 languages would make our
// configuration (and the peers' texts) other than the same six purposes in the same words.
const demoConfig = inEnglish(JSON.parse(readFileSync('demo/purposes.json', 'utf8')));
const config = {
  ...demoConfig,
  purposes: PURPOSE_IDS.map((id) => {
    const purpose = demoConfig.purposes.find((candidate) => candidate.id === id);
    if (!purpose) throw new Error(`demo/purposes.json has no purpose "${id}"`);
    return purpose;
  }),
};
const purposes = config.purposes.map((purpose) => ({
  id: purpose.id,
  title: purpose.title,
  description: purpose.description,
  required: purpose.required === true,
}));
/** The banner's words, the same in all three tools (our element's English text). */
const TEXT = {
  title: 'Your privacy choices',
  intro: `${config.controller.name} would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.`,
  policy: 'Privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  choose: 'Choose what to allow',
  save: 'Save my choices',
  close: 'Close',
};

/** Each tool's banner element; the source runs in the page (inside the probe). */
const FIND_BANNER = {
  ours: `function () {
    var host = document.querySelector('privacy-preferences');
    return host && host.shadowRoot && host.shadowRoot.querySelector('[part="banner"]');
  }`,
  klaro: `function () { return document.getElementById('klaro-cookie-notice'); }`,
  cookieconsent: `function () { return document.querySelector('#cc-main .cm'); }`,
};

const server = await serve();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || chromium.executablePath,
  headless: true,
  args: chromium.args,
});
let failed = false;
try {
  await run();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);

async function run() {
  const version = await browser.version();
  console.log('Settings');
  console.log(`  ${version} headless, default 800×600 viewport, ${chromium.args.join(' ')}`);
  console.log(
    `  network (CDP Network.emulateNetworkConditions): ${NETWORK.latency} ms latency, ` +
      `${mbit(NETWORK.downloadThroughput)} Mbit/s down, ${mbit(NETWORK.uploadThroughput)} Mbit/s up; ` +
      'browser cache disabled (Network.setCacheDisabled)',
  );
  console.log(
    `  CPU (CDP Emulation.setCPUThrottlingRate): ${CPU_SLOWDOWN}× slower; ${await cpuCheck()}`,
  );
  console.log(
    `  server: every response brotli (quality 11, compressed once at start), Cache-Control: no-store; ` +
      `Chromium sent Accept-Encoding: ${[...server.acceptEncodings].join(' | ')}`,
  );
  console.log(
    `  purposes in every tool: ${purposes.map((p) => p.id + (p.required ? ' (required)' : '')).join(', ')} ` +
      '(texts from demo/purposes.json; its other purposes left out)',
  );
  for (const line of [
    '  pages: the same product page, only the consent tool differs (each set up as its docs show):',
    '    ours: <script type="module" src="/dist/privacy-preferences.js"> in <head>;',
    '      <privacy-preferences mode="banner" config-url="/purposes.json"> at the end of <body>',
    '    Klaro: <script defer src="/klaro-config.js"> + <script defer src="/vendor/klaro/klaro.js">',
    '      in <head> (dist/klaro.js, CSS inside); the notice renders at DOMContentLoaded',
    '    cookieconsent: <link rel="stylesheet" href="/vendor/cookieconsent/cookieconsent.css">,',
    '      <script defer src="/vendor/cookieconsent/cookieconsent.umd.js"> + <script defer',
    '      src="/cookieconsent-config.js"> (CookieConsent.run, autoShow, bar at the bottom;',
    '      hideFromBots: false, or it shows nothing to an automated browser)',
    '  banner visible = the first requestAnimationFrame (a loop started by an inline script at the',
    '    top of <head>) at which the element is connected, has a non-zero box, is not',
    '    visibility:hidden, and neither it nor an ancestor is display:none or opacity 0;',
    '    time = performance.now() then. Elements: ours shadowRoot [part="banner"],',
    '    Klaro #klaro-cookie-notice, cookieconsent #cc-main .cm',
  ]) {
    console.log(line);
  }

  // Warm-up and inventory: one load per tool, waiting for the network to go quiet.
  console.log(
    '\nFirst visit: files transferred (one warm-up load per tool, until the network is quiet)',
  );
  const bytes = {};
  for (const tool of TOOLS) {
    const load = await firstVisit(tool, {inventory: true});
    console.log(
      `  ${tool.label}: banner visible at ${load.visibleAt.toFixed(0)} ms; its controls: ${load.controls.join(' | ')}`,
    );
    for (const resource of load.resources) {
      console.log(
        `    ${resource.role.padEnd(6)} ${resource.path.padEnd(51)} ${fmt(resource.body).padStart(6)} B br ` +
          `(${fmt(resource.raw).padStart(7)} B raw) ${resource.timing}`,
      );
    }
    const library = load.resources.filter((resource) => ['script', 'css'].includes(resource.role));
    const sum = (list, key) => list.reduce((total, resource) => total + resource[key], 0);
    bytes[tool.id] = {
      body: sum(library, 'body'),
      raw: sum(library, 'raw'),
      wire: sum(library, 'wire'),
      files: library.length,
      config: sum(
        load.resources.filter((resource) => resource.role === 'config'),
        'body',
      ),
    };
  }
  console.log('  script+CSS of each tool (its config file not included):');
  for (const tool of TOOLS) {
    const b = bytes[tool.id];
    console.log(
      `    ${tool.label.padEnd(28)} ${fmt(b.body).padStart(6)} B brotli bodies in ${b.files} file(s) ` +
        `(${fmt(b.raw)} B raw; ${fmt(b.wire)} B with headers, CDP encodedDataLength); config ${fmt(b.config)} B`,
    );
  }

  // Timed rounds: each round loads every tool once, in a rotating order.
  console.log(
    `\nFirst visit: navigation start → banner visible (${ROUNDS} rounds × 3 tools, a fresh browser context per load)`,
  );
  if (ROUNDS < 11) console.log(`  (${ROUNDS} rounds only: keep figures from at least 11)`);
  const times = Object.fromEntries(TOOLS.map((tool) => [tool.id, []]));
  const ratios = {klaro: [], cookieconsent: []};
  for (let round = 0; round < ROUNDS; round++) {
    const order = TOOLS.map((_, index) => TOOLS[(index + round) % TOOLS.length]);
    const thisRound = {};
    for (const tool of order) {
      thisRound[tool.id] = (await firstVisit(tool)).visibleAt;
      times[tool.id].push(thisRound[tool.id]);
    }
    ratios.klaro.push(thisRound.ours / thisRound.klaro);
    ratios.cookieconsent.push(thisRound.ours / thisRound.cookieconsent);
    console.log(
      `  round ${String(round + 1).padStart(2)} (${order.map((tool) => tool.id).join(' → ')}): ` +
        TOOLS.map((tool) => `${tool.id} ${thisRound[tool.id].toFixed(0)} ms`).join(', '),
    );
  }
  for (const tool of TOOLS) {
    console.log(`  ${tool.label.padEnd(28)} median ${spread(times[tool.id], 0, ' ms')}`);
  }
  console.log(`  ours/Klaro, per round:          median ${spread(ratios.klaro, 2)}`);
  console.log(`  ours/cookieconsent, per round:  median ${spread(ratios.cookieconsent, 2)}`);

  // Returning customer: a decision is stored, so only our runtime entry should load.
  console.log(
    `\nReturning customer (decided once with "Accept all", then ${RELOADS} reloads per CPU setting, same context, ` +
      `same network throttling), navigation start → load event + 1 s:`,
  );
  console.log(
    `  A = CDP Profiler (sampling interval set to ${SAMPLING_INTERVAL_US} µs): self time of samples whose ` +
      'function is in a /dist/ file (each sample lasts until the next one)',
  );
  console.log(
    '  B = CDP Performance.getMetrics ScriptDuration of the document, read 1 s after load: all script ' +
      'the page ran (the page has no other script, so: ours, not sampled; includes the profiler overhead)',
  );
  const returning = {};
  for (const slowdown of [CPU_SLOWDOWN, 1]) {
    const r = await returningCustomer(slowdown);
    returning[slowdown] = r;
    console.log(
      `  CPU ${slowdown}×: A median ${spread(r.ours, 2, ' ms')}, ` +
        `${median(r.samples).toFixed(0)} samples of ours per load, a sample every ${median(r.interval).toFixed(0)} µs (median)`,
    );
    console.log(
      `          B median ${spread(r.script, 2, ' ms')}; all JavaScript in the profile median ${median(r.allJs).toFixed(2)} ms`,
    );
    const expected = r.distFiles.length === 1 && r.distFiles[0] === 'privacy-preferences.js';
    console.log(
      `          /dist/ files requested on the reloads: ${r.distFiles.join(', ') || 'none'}` +
        `${expected ? '' : ' (UNEXPECTED: should be privacy-preferences.js alone)'}; all requests of a reload: ` +
        `${r.requests.join(', ')}; banner on a reload: ${r.bannerShown ? 'YES (unexpected)' : 'no'}`,
    );
  }

  const summary = [
    `Setup: ${version} headless; CDP network ${mbit(NETWORK.downloadThroughput)} Mbit/s down, ` +
      `${mbit(NETWORK.uploadThroughput)} Mbit/s up, ${NETWORK.latency} ms latency; CPU ${CPU_SLOWDOWN}× slower; ` +
      'brotli 11, no cache; fresh browser context per first visit; same product page for all tools',
    ...TOOLS.map(
      (tool) =>
        `First visit, navigation start → banner visible, ${tool.label}: median ${median(times[tool.id]).toFixed(0)} ms (${ROUNDS} loads)`,
    ),
    `First visit, time ratio ours/Klaro: median of per-round ratios ${median(ratios.klaro).toFixed(2)} (${ROUNDS} rounds)`,
    `First visit, time ratio ours/vanilla-cookieconsent: median of per-round ratios ${median(ratios.cookieconsent).toFixed(2)} (${ROUNDS} rounds)`,
    ...TOOLS.map(
      (tool) =>
        `First visit, script+CSS transferred, ${tool.label}: ${fmt(bytes[tool.id].body)} B brotli in ` +
        `${bytes[tool.id].files} file(s), config ${fmt(bytes[tool.id].config)} B extra`,
    ),
    ...[CPU_SLOWDOWN, 1].flatMap((slowdown) => [
      `Returning customer, main-thread self time in our code (CPU profile, ${SAMPLING_INTERVAL_US} µs requested), CPU ${slowdown}×: ` +
        `median ${median(returning[slowdown].ours).toFixed(2)} ms (${RELOADS} reloads)`,
      `Returning customer, all script on the page (CDP ScriptDuration; only ours there), CPU ${slowdown}×: ` +
        `median ${median(returning[slowdown].script).toFixed(2)} ms (${RELOADS} reloads)`,
    ]),
    `Returning customer, files loaded from /dist/: ${returning[CPU_SLOWDOWN].distFiles.join(', ')}`,
  ];
  console.log('\nSummary');
  for (const line of summary) console.log(`  ${line}`);
}

/**
 * One first visit in a fresh browser context (empty storage): navigates to the tool's page and
 * returns the probe's time. For the inventory, waits until no request was in flight for 500 ms
 * and lists what was transferred.
 */
async function firstVisit(tool, {inventory = false} = {}) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const client = await page.createCDPSession();
    await throttle(client, CPU_SLOWDOWN);
    const requests = new Map();
    let inFlight = 0;
    let lastActivity = Date.now();
    client.on('Network.requestWillBeSent', ({requestId, request}) => {
      requests.set(requestId, {url: request.url, wire: 0, done: false});
      inFlight++;
      lastActivity = Date.now();
    });
    const finish = (requestId, wire) => {
      const entry = requests.get(requestId);
      if (!entry || entry.done) return;
      Object.assign(entry, {done: true, wire});
      inFlight--;
      lastActivity = Date.now();
    };
    client.on('Network.loadingFinished', ({requestId, encodedDataLength}) =>
      finish(requestId, encodedDataLength),
    );
    client.on('Network.loadingFailed', ({requestId}) => finish(requestId, 0));
    client.on('Network.responseReceived', ({requestId, response}) => {
      const entry = requests.get(requestId);
      if (entry) entry.status = response.status;
    });

    await page.goto(`${server.origin}/${tool.id}.html`, {waitUntil: 'load', timeout: TIMEOUT_MS});
    let visibleAt;
    try {
      visibleAt = await page.evaluate(
        (timeout) =>
          Promise.race([
            window.bannerVisible,
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeout)),
          ]),
        TIMEOUT_MS,
      );
    } catch {
      const requested = [...requests.values()].map(
        (entry) => `${new URL(entry.url).pathname} ${entry.status ?? '(no response)'}`,
      );
      throw new Error(
        `${tool.label}: no visible banner within ${TIMEOUT_MS} ms of load; requested: ` +
          `${requested.join(', ')}; page errors: ${problems.join(' / ') || 'none'}`,
      );
    }
    if (!inventory) return {visibleAt};

    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (inFlight > 0 || Date.now() - lastActivity < 500)) {
      await sleep(50);
    }
    const {controls, timing} = await page.evaluate(() => ({
      controls: [...window.findBanner().querySelectorAll('button, a')].map((control) =>
        control.textContent.trim(),
      ),
      timing: performance
        .getEntriesByType('navigation')
        .concat(performance.getEntriesByType('resource'))
        .map((entry) => [entry.name, [entry.startTime, entry.responseEnd]]),
    }));
    const times = new Map(timing);
    const resources = [...requests.values()]
      .filter((entry) => entry.url.startsWith(server.origin))
      .map((entry) => {
        const {pathname} = new URL(entry.url);
        const file = server.files.get(pathname);
        const [start, end] = times.get(entry.url) ?? [NaN, NaN];
        return {
          path: pathname,
          role: file?.role ?? 'other',
          body: file?.body.length ?? 0,
          raw: file?.raw ?? 0,
          wire: entry.wire,
          timing:
            `${start.toFixed(0)}→${end.toFixed(0)} ms` +
            (end > visibleAt ? ', after the banner showed' : ''),
        };
      });
    return {visibleAt, controls, resources};
  } finally {
    await context.close();
  }
}

/**
 * Decides once ("Accept all"), then reloads our page `RELOADS` times in the same context, each
 * reload profiled from navigation start to one second after its load event.
 */
async function returningCustomer(slowdown) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const client = await page.createCDPSession();
    await throttle(client, slowdown);
    await client.send('Page.enable');
    await page.goto(`${server.origin}/ours-returning.html`, {
      waitUntil: 'load',
      timeout: TIMEOUT_MS,
    });
    await page.waitForFunction(
      () =>
        document
          .querySelector('privacy-preferences')
          ?.shadowRoot?.querySelector('[part="banner"] button'),
      {timeout: TIMEOUT_MS},
    );
    await page.evaluate(() => {
      const banner = document
        .querySelector('privacy-preferences')
        .shadowRoot.querySelector('[part="banner"]');
      [...banner.querySelectorAll('button')]
        .find((button) => button.textContent.trim() === 'Accept all')
        .click();
    });
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, {}, DECISION_KEY);
    await sleep(300);

    let navigationStart = 0;
    let loadedAt = 0;
    let requests = [];
    const distFiles = new Set();
    client.on('Network.requestWillBeSent', ({request, type, timestamp}) => {
      const {pathname} = new URL(request.url);
      if (type === 'Document') navigationStart = timestamp;
      if (pathname.startsWith('/dist/')) distFiles.add(pathname.slice('/dist/'.length));
      requests.push(pathname);
    });
    client.on('Page.loadEventFired', ({timestamp}) => (loadedAt = timestamp));
    await client.send('Performance.enable', {timeDomain: 'timeTicks'});
    await client.send('Profiler.enable');
    await client.send('Profiler.setSamplingInterval', {interval: SAMPLING_INTERVAL_US});

    const result = {ours: [], samples: [], interval: [], allJs: [], script: []};
    let bannerShown = false;
    let lastRequests = [];
    for (let reload = 0; reload < RELOADS; reload++) {
      navigationStart = 0;
      loadedAt = 0;
      requests = [];
      await client.send('Profiler.start');
      await page.reload({waitUntil: 'load', timeout: TIMEOUT_MS});
      await sleep(1000);
      const {metrics} = await client.send('Performance.getMetrics');
      await sleep(100);
      const {profile} = await client.send('Profiler.stop');
      if (!navigationStart || !loadedAt) throw new Error('missed the navigation or the load event');
      // CDP network and page timestamps (s) and profile times (µs) share one monotonic clock.
      const span = {from: navigationStart * 1e6, to: (loadedAt + 1) * 1e6};
      const times = profileSelfTimes(profile, span, (url) =>
        url.startsWith(`${server.origin}/dist/`),
      );
      result.ours.push(times.ours);
      result.samples.push(times.oursSamples);
      result.interval.push(times.interval);
      result.allJs.push(times.allJs);
      result.script.push(1000 * metrics.find((metric) => metric.name === 'ScriptDuration').value);
      bannerShown ||= await page.evaluate(() =>
        Boolean(
          document
            .querySelector('privacy-preferences')
            ?.shadowRoot?.querySelector('[part="banner"]'),
        ),
      );
      lastRequests = requests;
    }
    await client.send('Profiler.disable');
    return {...result, distFiles: [...distFiles].sort(), requests: lastRequests, bannerShown};
  } finally {
    await context.close();
  }
}

/**
 * Sums a CPU profile's samples inside `span` (µs): those whose innermost function's script URL
 * passes `isOurs`, and all that ran JavaScript. A sample lasts until the next one.
 */
function profileSelfTimes(profile, span, isOurs) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const notJs = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
  const intervals = [];
  let time = profile.startTime;
  let ours = 0;
  let oursSamples = 0;
  let allJs = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    time += profile.timeDeltas[index];
    const duration = profile.timeDeltas[index + 1] ?? 0;
    if (time < span.from || time > span.to) continue;
    intervals.push(duration);
    const {callFrame} = nodes.get(profile.samples[index]);
    if (isOurs(callFrame.url)) {
      ours += duration;
      oursSamples++;
    }
    if (callFrame.url || !notJs.has(callFrame.functionName)) allJs += duration;
  }
  return {ours: ours / 1000, oursSamples, interval: median(intervals), allJs: allJs / 1000};
}

async function throttle(client, slowdown) {
  await client.send('Network.enable');
  await client.send('Network.setCacheDisabled', {cacheDisabled: true});
  await client.send('Network.emulateNetworkConditions', NETWORK);
  await client.send('Emulation.setCPUThrottlingRate', {rate: slowdown});
}

/** The same busy loop unthrottled and throttled, after a navigation: shows the throttling holds. */
async function cpuCheck() {
  const spin = () => {
    const start = performance.now();
    let x = 0;
    for (let i = 0; i < 3e6; i++) x += Math.sqrt(i);
    return [performance.now() - start, x];
  };
  const results = [];
  for (const rate of [1, CPU_SLOWDOWN]) {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const client = await page.createCDPSession();
      await client.send('Emulation.setCPUThrottlingRate', {rate});
      await page.goto(`${server.origin}/blank.html`);
      await page.evaluate(spin);
      results.push((await page.evaluate(spin))[0]);
    } finally {
      await context.close();
    }
  }
  return `check: a busy loop ran ${results[0].toFixed(1)} ms at 1×, ${results[1].toFixed(1)} ms throttled`;
}

/** The product page, the same for every tool; `probe` adds the script that times the banner. */
function productPage(tool, {probe}) {
  const consentTool = {
    ours: '<script type="module" src="/dist/privacy-preferences.js"></script>',
    klaro:
      '<script defer src="/klaro-config.js"></script>\n' +
      '<script defer src="/vendor/klaro/klaro.js"></script>',
    cookieconsent:
      '<link rel="stylesheet" href="/vendor/cookieconsent/cookieconsent.css">\n' +
      '<script defer src="/vendor/cookieconsent/cookieconsent.umd.js"></script>\n' +
      '<script defer src="/cookieconsent-config.js"></script>',
  }[tool];
  const element =
    tool === 'ours'
      ? '<privacy-preferences mode="banner" config-url="/purposes.json"></privacy-preferences>'
      : '';
  const probeScript = probe
    ? `<script>
(function () {
  var find = (window.findBanner = ${FIND_BANNER[tool]});
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
  window.bannerVisible = new Promise(function (resolve) {
    requestAnimationFrame(function frame() {
      if (!shown(find())) return requestAnimationFrame(frame);
      window.bannerVisibleAt = performance.now();
      resolve(window.bannerVisibleAt);
    });
  });
})();
</script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${probeScript}
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
${consentTool}
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
  <p>Fjordline Outdoor · <a href="${config.policyUrl}">Privacy policy</a> · <a href="#">Terms</a></p>
</footer>
${element}
</body>
</html>
`;
}

/** Klaro (dist/config.js documents the options): one service per purpose, English, a bar. */
function klaroConfig() {
  const klaro = {
    version: 1,
    lang: 'en',
    elementID: 'klaro',
    storageMethod: 'cookie',
    styling: {theme: ['light', 'bottom', 'wide']},
    htmlTexts: false,
    groupByPurpose: true,
    acceptAll: true,
    hideDeclineAll: false,
    hideLearnMore: false,
    noticeAsModal: false,
    mustConsent: false,
    showNoticeTitle: true,
    default: false,
    translations: {
      zz: {privacyPolicyUrl: config.policyUrl},
      en: {
        ok: TEXT.acceptAll,
        decline: TEXT.rejectAll,
        privacyPolicy: {name: TEXT.policy},
        consentNotice: {
          title: TEXT.title,
          description: `${TEXT.intro} {privacyPolicy}`,
          learnMore: TEXT.choose,
        },
        consentModal: {title: TEXT.title, description: TEXT.intro},
        purposes: Object.fromEntries(
          purposes.map((p) => [p.id, {title: p.title, description: p.description}]),
        ),
        ...Object.fromEntries(purposes.map((p) => [p.id, {description: p.description}])),
      },
    },
    services: purposes.map((p) => ({
      name: p.id,
      title: p.title,
      purposes: [p.id],
      required: p.required,
      default: false,
    })),
  };
  return `var klaroConfig = ${JSON.stringify(klaro, null, 2)};\n`;
}

/** vanilla-cookieconsent v3 (types/index.d.ts documents the options): one category per purpose. */
function cookieconsentConfig() {
  const cc = {
    autoShow: true,
    hideFromBots: false,
    guiOptions: {consentModal: {layout: 'bar', position: 'bottom', equalWeightButtons: true}},
    categories: Object.fromEntries(
      purposes.map((p) => [p.id, p.required ? {enabled: true, readOnly: true} : {}]),
    ),
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: {
            title: TEXT.title,
            description: TEXT.intro,
            acceptAllBtn: TEXT.acceptAll,
            acceptNecessaryBtn: TEXT.rejectAll,
            showPreferencesBtn: TEXT.choose,
            footer: `<a href="${config.policyUrl}">${TEXT.policy}</a>`,
          },
          preferencesModal: {
            title: TEXT.title,
            acceptAllBtn: TEXT.acceptAll,
            acceptNecessaryBtn: TEXT.rejectAll,
            savePreferencesBtn: TEXT.save,
            closeIconLabel: TEXT.close,
            sections: [
              {description: TEXT.intro},
              ...purposes.map((p) => ({
                title: p.title,
                description: p.description,
                linkedCategory: p.id,
              })),
            ],
          },
        },
      },
    },
  };
  return `CookieConsent.run(${JSON.stringify(cc, null, 2)});\n`;
}

/** Serves the pages and files, brotli-compressed once up front, with caching off. */
function serve() {
  const files = new Map();
  const add = (urlPath, content, type, role) => {
    const raw = Buffer.from(content);
    const body = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    files.set(urlPath, {body, raw: raw.length, type, role});
  };
  const JS = 'text/javascript; charset=utf-8';
  const HTML = 'text/html; charset=utf-8';
  for (const file of readdirSync('dist').filter((name) => name.endsWith('.js'))) {
    add(`/dist/${file}`, readFileSync(path.join('dist', file)), JS, 'script');
  }
  const klaro = 'node_modules/klaro/dist';
  const cc = 'node_modules/vanilla-cookieconsent/dist';
  add('/vendor/klaro/klaro.js', readFileSync(`${klaro}/klaro.js`), JS, 'script');
  add(
    '/vendor/cookieconsent/cookieconsent.umd.js',
    readFileSync(`${cc}/cookieconsent.umd.js`),
    JS,
    'script',
  );
  add(
    '/vendor/cookieconsent/cookieconsent.css',
    readFileSync(`${cc}/cookieconsent.css`),
    'text/css',
    'css',
  );
  add('/purposes.json', JSON.stringify(config, null, 2), 'application/json', 'config');
  add('/klaro-config.js', klaroConfig(), JS, 'config');
  add('/cookieconsent-config.js', cookieconsentConfig(), JS, 'config');
  for (const tool of TOOLS)
    add(`/${tool.id}.html`, productPage(tool.id, {probe: true}), HTML, 'page');
  add('/ours-returning.html', productPage('ours', {probe: false}), HTML, 'page');
  add(
    '/blank.html',
    '<!doctype html><title>blank</title><link rel="icon" href="data:,">',
    HTML,
    'page',
  );

  const acceptEncodings = new Set();
  const httpServer = http.createServer((request, response) => {
    const file = files.get(new URL(request.url, 'http://127.0.0.1').pathname);
    acceptEncodings.add(request.headers['accept-encoding'] ?? '(none)');
    if (!file) {
      response.writeHead(404, {'Cache-Control': 'no-store'}).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': file.type,
      'Content-Encoding': 'br',
      'Content-Length': file.body.length,
      'Cache-Control': 'no-store',
    });
    response.end(file.body);
  });
  return new Promise((resolve) => {
    httpServer.listen(0, '127.0.0.1', () => {
      const {port} = httpServer.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        files,
        acceptEncodings,
        close: () => httpServer.close(),
      });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "412 ms (min 380, max 455)" */
function spread(values, digits, unit = '') {
  return (
    `${median(values).toFixed(digits)}${unit} ` +
    `(min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)})`
  );
}

function positiveInteger(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

function packageVersion(name) {
  return JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
}

function mbit(bytesPerSecond) {
  return (bytesPerSecond * 8) / 1_000_000;
}

function fmt(bytes) {
  return bytes.toLocaleString('en-US');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A configuration's localized texts (objects keyed by language tag) reduced to their English. */
function inEnglish(value) {
  if (Array.isArray(value)) return value.map(inEnglish);
  if (typeof value !== 'object' || value === null) return value;
  if (
    typeof value.en === 'string' &&
    Object.keys(value).every((key) => /^[a-z]{2}(-[A-Za-z]+)?$/.test(key))
  )
    return value.en;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inEnglish(item)]));
}
