// `npm run bench:banner`: how soon a first-time visitor sees the consent banner with our element,
// with Klaro, vanilla-cookieconsent, c15t and CookieYes' SDK on the same product page, what each
// tool loads for it (for the React peers also beyond React itself, the site's framework), and
// how much main-thread time our code takes on a returning customer's page. The site, the
// tools, the browser and the settings are those of `npm run bench` (scripts/bench/); the banner
// timings come from tachometer. Everything runs on 127.0.0.1 and stops by itself.
// BENCH_ROUNDS (default 15) first-visit rounds, BENCH_RELOADS (default 11) returning-customer
// reloads per CPU setting.
import {CPU_SLOWDOWN, freshPage, launch, runThenClose} from './bench/browser.mjs';
import {
  PEERS,
  bareReactLine,
  beyondReact,
  bytesText,
  fileLine,
  settingsLines,
  timeToVisible,
} from './bench/compare.mjs';
import {
  TIMEOUT_MS,
  clickToPaint,
  layoutShift,
  responseEnds,
  sumBytes,
  toolFiles,
  waitVisible,
  watchNetwork,
  watchProblems,
  waterfall,
} from './bench/page-session.mjs';
import {pagePath, serve} from './bench/site.mjs';
import {fmt, median, paintRange, positiveInteger, range, sleep} from './bench/stats.mjs';
import {SERVER_RENDERED, TOOLS} from './bench/tools.mjs';

const ROUNDS = positiveInteger('BENCH_ROUNDS', 15);
if (ROUNDS < 2) throw new Error('BENCH_ROUNDS must be at least 2 (tachometer takes 2 or more)');
const RELOADS = positiveInteger('BENCH_RELOADS', 11);
const DECISIONS = positiveInteger('BENCH_DECISIONS', 7);
/** The banner's decision buttons, as every tool words them (scripts/bench/tools.mjs). */
const DECISION_BUTTONS = ['Accept all', 'Reject all'];
const SAMPLING_INTERVAL_US = 100;
const DECISION_KEY = 'privacy-preferences:decision';

/** Every tool, and ours once more with the banner in the server's HTML (`renderBanner`). */
const BANNER_TOOLS = [...TOOLS, SERVER_RENDERED];

const server = await serve();
const browser = await launch();
await runThenClose(run, browser, server);

async function run() {
  const version = await browser.version();
  console.log('Settings');
  const settings = await settingsLines({browser, server, rounds: ROUNDS, date: new Date()});
  for (const line of settings) console.log(`  ${line}`);
  for (const line of SERVER_RENDERED.setup) console.log(`  ${line}`);

  console.log('\nFirst visit: what each tool loads (one load each, until the network is quiet)');
  const bytes = {};
  for (const tool of BANNER_TOOLS) {
    const {visibleAt, controls, files, requests} = await inventory(tool);
    console.log(
      `  ${tool.name}: banner visible at ${visibleAt.toFixed(0)} ms; its controls: ${controls.join(' | ')}`,
    );
    const code = sumBytes(files.filter((file) => file.role !== 'config'));
    bytes[tool.id] = {
      code,
      beyondReact: beyondReact(tool, code, server),
      config: sumBytes(files.filter((file) => file.role === 'config')),
    };
    for (const file of files) console.log(`    ${fileLine(file)}`);
    if (bytes[tool.id].beyondReact)
      console.log(
        `    beyond the bare React app, script + CSS: ${bytesText(bytes[tool.id].beyondReact)}`,
      );
    console.log('    waterfall (ms from navigation start: request start → response end):');
    for (const {path, start, end} of requests)
      console.log(`      ${start.toFixed(0).padStart(5)} → ${end.toFixed(0).padStart(5)}  ${path}`);
  }
  console.log(`  ${bareReactLine(server)}`);

  console.log();
  const {times, byOurs} = await timeToVisible({
    server,
    variant: 'banner',
    rounds: ROUNDS,
    tools: BANNER_TOOLS,
  });
  for (const tool of BANNER_TOOLS)
    console.log(`  ${tool.name.padEnd(28)} median ${range(times[tool.id], 0, ' ms')}`);
  for (const [id, ratios] of Object.entries(byOurs))
    for (const peer of PEERS)
      console.log(`  ${id} ÷ ${peer.id}, per round: median ${range(ratios[peer.id], 2)}`);

  console.log(
    `\nA decision in the banner: ${DECISIONS} first visits per tool and button, a fresh context ` +
      `each; the banner visible and the network quiet, a click (CDP mouse events) on the button; ` +
      `then 1 s. Click → next paint: the longest Event Timing duration of the click's pointer and ` +
      'click events (as INP counts it; browsers report none under 16 ms); long tasks starting ' +
      'after the click; CLS: layout shifts not caused by input, from navigation to 1 s after the click. ' +
      'First contentful paint (FCP) of the same loads, and of the product page without a tool ' +
      '(once per round), for the delay each tool adds to the first paint.',
  );
  const decisions = {};
  const bare = [];
  for (let round = 0; round < DECISIONS; round++) {
    bare.push(await bareFirstPaint());
    for (const tool of BANNER_TOOLS)
      for (const name of DECISION_BUTTONS) {
        const runs = ((decisions[tool.id] ??= {})[name] ??= []);
        runs.push(await decide(tool, name));
      }
  }
  console.log(`  the page without a tool: first contentful paint median ${range(bare, 0, ' ms')}`);
  const paints = {};
  for (const tool of BANNER_TOOLS) {
    const runs = DECISION_BUTTONS.flatMap((name) => decisions[tool.id][name]);
    paints[tool.id] = {
      fcp: runs.map((run) => run.firstPaint),
      bannerAfterFcp: runs.map((run) => run.visibleAt - run.firstPaint),
    };
    console.log(
      `  ${tool.name.padEnd(28)} first contentful paint median ${range(paints[tool.id].fcp, 0, ' ms')} ` +
        `(+${(median(paints[tool.id].fcp) - median(bare)).toFixed(0)} ms over the page without a tool); ` +
        `banner visible − first contentful paint: median ${range(paints[tool.id].bannerAfterFcp, 0, ' ms')}`,
    );
  }
  for (const tool of BANNER_TOOLS)
    for (const name of DECISION_BUTTONS) {
      const runs = decisions[tool.id][name];
      const longTasks = runs.map((run) =>
        run.longTasks.reduce((all, task) => all + task.duration, 0),
      );
      console.log(
        `  ${tool.name.padEnd(28)} ${name.padEnd(10)} click → next paint ${paintRange(runs.map((run) => run.clickToPaint))}; ` +
          `long tasks: worst ${Math.max(...longTasks).toFixed(0)} ms; CLS worst ${Math.max(...runs.map((run) => run.layoutShift)).toFixed(3)}; ` +
          `banner gone after the click: ${runs.every((run) => run.isGone) ? 'always' : 'NOT ALWAYS'}`,
      );
    }

  // Returning customer: a decision is stored, so only our runtime entry should load.
  console.log(
    `\nReturning customer (decided once with "Accept all", then ${RELOADS} reloads per CPU setting, same context), ` +
      'navigation start → load event + 1 s:',
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
      `  CPU ${slowdown}×: A median ${range(r.ours, 2, ' ms')}, ` +
        `${median(r.samples).toFixed(0)} samples of ours per load, a sample every ${median(r.interval).toFixed(0)} µs (median)`,
    );
    console.log(
      `          B median ${range(r.script, 2, ' ms')}; all JavaScript in the profile median ${median(r.allJs).toFixed(2)} ms`,
    );
    const expected = r.distFiles.length === 1 && r.distFiles[0] === 'privacy-preferences.js';
    console.log(
      `          /dist/ files requested on the reloads: ${r.distFiles.join(', ') || 'none'}` +
        `${expected ? '' : ' (UNEXPECTED: should be privacy-preferences.js alone)'}; all requests of a reload: ` +
        `${r.requests.join(', ')}; banner on a reload: ${r.bannerShown ? 'YES (unexpected)' : 'no'}`,
    );
  }

  const summary = [
    `Setup: ${version} headless; the settings above; a fresh browser context (inventory, ` +
      'returning customer) or a new tab (tachometer) per first visit; same product page for all tools',
    ...BANNER_TOOLS.map(
      (tool) =>
        `First visit, navigation start → banner visible, ${tool.name}: median ${range(times[tool.id], 0, ' ms')} (${ROUNDS} loads)`,
    ),
    ...Object.entries(byOurs).flatMap(([id, ratios]) =>
      PEERS.map(
        (peer) =>
          `First visit, time ratio ${id} ÷ ${peer.name}: median of per-round ratios ${range(ratios[peer.id], 2)} (${ROUNDS} rounds)`,
      ),
    ),
    `First visit, first contentful paint of the page without a tool: median ${median(bare).toFixed(0)} ms (${DECISIONS} loads)`,
    ...BANNER_TOOLS.map(
      (tool) =>
        `First visit, first contentful paint, ${tool.name}: median ${median(paints[tool.id].fcp).toFixed(0)} ms; ` +
        `banner visible − first contentful paint: median ${median(paints[tool.id].bannerAfterFcp).toFixed(0)} ms ` +
        `(${paints[tool.id].fcp.length} loads)`,
    ),
    ...BANNER_TOOLS.map(
      (tool) =>
        `First visit, script+CSS, ${tool.name}: ${fmt(bytes[tool.id].code.brotli)} B brotli ` +
        `(${fmt(bytes[tool.id].code.gzip)} B gzip, ${fmt(bytes[tool.id].code.raw)} B raw) in ` +
        `${bytes[tool.id].code.count} file(s); configuration ${fmt(bytes[tool.id].config.brotli)} B brotli besides`,
    ),
    ...BANNER_TOOLS.filter((tool) => bytes[tool.id].beyondReact).map(
      (tool) =>
        `First visit, script+CSS beyond the bare React app, ${tool.name}: ` +
        bytesText(bytes[tool.id].beyondReact),
    ),
    `First visit, the bare React app (React and react-dom, what the React peers' figures above ` +
      `include): ${bytesText(server.bareReact)}`,
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
 * One first visit in a fresh browser context: the banner's time and controls, and the tool's
 * files once the network is quiet.
 */
async function inventory(tool) {
  const {context, page, client} = await freshPage(browser);
  try {
    const problems = watchProblems(page);
    const network = await watchNetwork(client, server.origin);
    await page.goto(`${server.origin}${pagePath('banner', tool)}`, {timeout: TIMEOUT_MS});
    const visibleAt = await waitVisible(page, `${tool.name} banner`, {network, problems});
    await network.quiet();
    const controls = await page.evaluate(() =>
      [...window.findView().querySelectorAll('button, a')].map((control) =>
        control.textContent.trim(),
      ),
    );
    const arrived = await responseEnds(page);
    const files = toolFiles(server, network.paths(), (path) => arrived.get(path) > visibleAt);
    if (problems.length > 0) throw new Error(`${tool.name}: ${problems.join(' / ')}`);
    return {visibleAt, controls, files, requests: await waterfall(page)};
  } finally {
    await context.close();
  }
}

/** One first visit: the banner's `name` button clicked once it is shown and the network quiet. */
async function decide(tool, name) {
  const {context, page, client} = await freshPage(browser);
  try {
    const problems = watchProblems(page);
    const network = await watchNetwork(client, server.origin);
    await page.goto(`${server.origin}${pagePath('banner', tool)}`, {timeout: TIMEOUT_MS});
    const visibleAt = await waitVisible(page, `${tool.name} banner`, {network, problems});
    await network.quiet();
    const firstPaint = await firstContentfulPaint(page);
    const button = await page.evaluateHandle(
      (wanted) =>
        [...window.findView().querySelectorAll('button')].find(
          (control) => control.textContent.trim() === wanted,
        ),
      name,
    );
    if (!(await button.evaluate((control) => control instanceof HTMLElement)))
      throw new Error(`${tool.name}: no "${name}" button in the banner`);
    const clickedAt = await page.evaluate(() => performance.now());
    await button.asElement().click();
    await sleep(1000);
    const result = {
      visibleAt,
      firstPaint,
      clickToPaint: await clickToPaint(page, clickedAt),
      layoutShift: await layoutShift(page),
      longTasks: await page.evaluate(
        (from) => window.longTasks.filter((task) => task.startTime >= from),
        clickedAt,
      ),
      isGone: await page.evaluate(() => {
        const view = window.findView();
        return (
          !view ||
          !view.isConnected ||
          view.getBoundingClientRect().height === 0 ||
          getComputedStyle(view).visibility === 'hidden' ||
          getComputedStyle(view).display === 'none'
        );
      }),
    };
    await network.quiet();
    if (problems.length > 0) throw new Error(`${tool.name}: ${problems.join(' / ')}`);
    return result;
  } finally {
    await context.close();
  }
}

/** The product page without a tool, on a first visit: its first contentful paint. */
async function bareFirstPaint() {
  const {context, page} = await freshPage(browser);
  try {
    await page.goto(`${server.origin}/bare.html`, {waitUntil: 'load', timeout: TIMEOUT_MS});
    return await firstContentfulPaint(page);
  } finally {
    await context.close();
  }
}

/** The page's first contentful paint, ms from navigation start, once there. */
async function firstContentfulPaint(page) {
  const handle = await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    {timeout: TIMEOUT_MS},
  );
  return handle.jsonValue();
}

/**
 * Decides once ("Accept all"), then reloads our page `RELOADS` times in the same context, each
 * reload profiled from navigation start to one second after its load event.
 */
async function returningCustomer(slowdown) {
  const {context, page, client} = await freshPage(browser, slowdown);
  try {
    await client.send('Network.enable');
    await client.send('Page.enable');
    await page.goto(`${server.origin}/returning.html`, {
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
