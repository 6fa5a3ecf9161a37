// `npm run bench`: our element beside Klaro, vanilla-cookieconsent, c15t and CookieYes' SDK,
// measured in one run and printed as one table: the bytes a site ships for each tool (for the
// React peers also beyond React itself, the site's framework), the time from navigation to the
// full preferences view (every purpose with its switch), the main thread's long tasks while a
// purpose is switched on, and the JS heap once the view is shown. The same product page and the
// same purposes (demo/purposes.json, English) for all, each tool set up as its docs show and
// opened the same way. Timings come from tachometer; bytes, long tasks and heap from puppeteer
// sessions; both take the tools in interleaved rounds. Everything runs on 127.0.0.1 and stops
// by itself; the results also go to bench-results/ (git-ignored). BENCH_ROUNDS (default 11).
import {mkdirSync, writeFileSync} from 'node:fs';
import {
  CHROME_ARGS,
  CPU_SLOWDOWN,
  WINDOW,
  freshPage,
  launch,
  runThenClose,
} from './bench/browser.mjs';
import {
  OURS,
  bareReactLine,
  beyondReact,
  bytesText,
  fileLine,
  settingsLines,
  timeToVisible,
} from './bench/compare.mjs';
import {
  QUIET_MS,
  TIMEOUT_MS,
  clickToPaint,
  layoutShift,
  heapAfterGc,
  responseEnds,
  sumBytes,
  toolFiles,
  waitVisible,
  watchNetwork,
  watchProblems,
} from './bench/page-session.mjs';
import {describeNetwork, pagePath, serve} from './bench/site.mjs';
import {fmt, median, paintRange, positiveInteger, range, sleep} from './bench/stats.mjs';
import {TACHOMETER_VERSION} from './bench/tachometer.mjs';
import {PURPOSES, TOGGLED, TOOLS} from './bench/tools.mjs';

const ROUNDS = positiveInteger('BENCH_ROUNDS', 11);
if (ROUNDS < 2) throw new Error('BENCH_ROUNDS must be at least 2 (tachometer takes 2 or more)');
/** How long after the click a toggle's long tasks are collected (ours sends a record). */
const TOGGLE_WINDOW_MS = 1000;

const server = await serve();
const browser = await launch();
await runThenClose(run, browser, server);

async function run() {
  const date = new Date();
  const version = await browser.version();
  const settings = await settingsLines({browser, server, rounds: ROUNDS, date});
  console.log('Settings');
  for (const line of settings) console.log(`  ${line}`);

  console.log();
  const timing = await timeToVisible({server, variant: 'preferences', rounds: ROUNDS});

  console.log(
    `\nSessions in puppeteer: ${ROUNDS} rounds of ${TOOLS.map((tool) => tool.id).join(' → ')} → ` +
      'the page without a consent tool ("bare"), a fresh browser context each. Each loads the ' +
      'preferences page and waits for the view and a quiet network (the files it loaded); JS heap = ' +
      'CDP Performance.getMetrics JSHeapUsedSize right after HeapProfiler.collectGarbage; then it ' +
      `scrolls the "${TOGGLED}" switch into view, waits ${QUIET_MS} ms, clicks it (CDP mouse ` +
      'events), waits until it shows on, and keeps the longtask entries (PerformanceObserver) ' +
      `that start within ${TOGGLE_WINDOW_MS} ms of the click.`,
  );
  const sessions = Object.fromEntries(
    [...TOOLS.map((tool) => tool.id), 'bare'].map((id) => [id, []]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const tool of TOOLS) sessions[tool.id].push(await preferencesSession(tool));
    sessions.bare.push(await bareSession());
    console.log(
      `  round ${String(round + 1).padStart(2)}: ` +
        TOOLS.map((tool) => {
          const {heap, longTasks} = sessions[tool.id][round];
          return `${tool.id} ${mb(heap)} MB, ${longTasks.length} long task(s) ${total(longTasks).toFixed(0)} ms`;
        }).join('; ') +
        `; bare ${mb(sessions.bare[round].heap)} MB`,
    );
  }

  const bareHeap = median(sessions.bare.map((session) => session.heap));
  const results = Object.fromEntries(
    TOOLS.map((tool) => {
      const runs = sessions[tool.id];
      const files = sameInEvery(runs.map((session) => session.files));
      const afterToggle = sameInEvery(runs.map((session) => session.filesAfterToggle));
      const bytes = sumBytes(files.filter((file) => file.role !== 'config'));
      return [
        tool.id,
        {
          name: tool.name,
          bytes,
          beyondReact: beyondReact(tool, bytes, server),
          config: sumBytes(files.filter((file) => file.role === 'config')),
          files,
          filesAfterToggle: afterToggle.filter((file) => !files.some((f) => f.path === file.path)),
          visibleMs: timing.times[tool.id],
          ratioToOurs: timing.ratios[tool.id],
          longTaskCount: runs.map((session) => session.longTasks.length),
          longTaskMs: runs.map((session) => total(session.longTasks)),
          longTasks: runs.map((session) => session.longTasks),
          clickToPaintMs: runs.map((session) => session.clickToPaint),
          layoutShift: runs.map((session) => session.layoutShift),
          heapBytes: runs.map((session) => session.heap),
          visibleMsInSessions: runs.map((session) => session.visibleAt),
        },
      ];
    }),
  );

  console.log(
    '\nWhat each page loaded until the preferences were shown and the network was quiet:',
  );
  for (const tool of TOOLS) {
    const {files, filesAfterToggle, beyondReact: beyond} = results[tool.id];
    console.log(`  ${tool.name}:`);
    for (const file of files) console.log(`    ${fileLine(file)}`);
    for (const file of filesAfterToggle)
      console.log(`    on the toggle, also: ${fileLine(file)} (not in the table)`);
    if (beyond) console.log(`    beyond the bare React app, script + CSS: ${bytesText(beyond)}`);
  }
  console.log(`  ${bareReactLine(server)}`);

  const table = sideBySide(results, bareHeap);
  console.log(
    `\nSide by side (${date.toISOString().slice(0, 10)}, ${version}, ${ROUNDS} rounds)\n`,
  );
  for (const line of table) console.log(line);
  console.log(
    `\nbytes: every script and style sheet the page loaded (configuration apart); times: tachometer; ` +
      `ratios below 1: ours was faster in that round; long tasks: ${ROUNDS} sessions; heap (MB = 10⁶ ` +
      `bytes): the product page without any consent tool has ${mb(bareHeap)} MB (median)`,
  );

  mkdirSync('bench-results', {recursive: true});
  const file = `bench-results/side-by-side-${date.toISOString().replace(/[:.]/g, '-')}.json`;
  const json = {
    date: date.toISOString(),
    browser: version,
    settings: {
      rounds: ROUNDS,
      cpuSlowdown: CPU_SLOWDOWN,
      window: WINDOW,
      chromiumArgs: CHROME_ARGS,
      network: describeNetwork(),
      purposes: PURPOSES.map((purpose) => purpose.id),
      toggled: TOGGLED,
      toggleWindowMs: TOGGLE_WINDOW_MS,
      heap: 'CDP Performance.getMetrics JSHeapUsedSize right after HeapProfiler.collectGarbage',
      timing: `tachometer ${TACHOMETER_VERSION}`,
      printed: settings,
    },
    tools: results,
    barePageHeapBytes: sessions.bare.map((session) => session.heap),
    bareReactAppBytes: server.bareReact,
    cpuCheckInTachometerMs: timing.cpuCheck,
    tachometer: timing.tachometer,
    table,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nWritten to ${file}`);
}

/** The table, in Markdown (aligned as Prettier aligns it): one column per tool. */
function sideBySide(results, bareHeap) {
  const row = (label, cell) => [label, ...TOOLS.map((tool) => cell(results[tool.id], tool))];
  const rows = [
    ['', ...TOOLS.map((tool) => tool.name)],
    row('JS + CSS shipped: raw', (r) => `${fmt(r.bytes.raw)} B`),
    row('JS + CSS shipped: gzip', (r) => `${fmt(r.bytes.gzip)} B`),
    row('JS + CSS shipped: brotli', (r) => `${fmt(r.bytes.brotli)} B`),
    row('beyond React: JS + CSS less the bare React app, brotli; gzip; raw', (r) =>
      r.beyondReact
        ? `${fmt(r.beyondReact.brotli)}; ${fmt(r.beyondReact.gzip)}; ${fmt(r.beyondReact.raw)} B`
        : '—',
    ),
    row(
      'files; the configuration besides (brotli)',
      (r) => `${r.bytes.count}; ${fmt(r.config.brotli)} B`,
    ),
    row('navigation → preferences visible: median (min–max)', (r) => range(r.visibleMs, 0, ' ms')),
    row('ours ÷ this tool, per round: median (min–max)', (r, tool) =>
      tool === OURS ? '—' : range(r.ratioToOurs, 2),
    ),
    row('long tasks during a toggle: count, total ms (medians; worst total)', (r) => {
      const [count, ms, worst] = [
        median(r.longTaskCount),
        median(r.longTaskMs),
        Math.max(...r.longTaskMs),
      ];
      return `${count}, ${ms.toFixed(0)} ms (${worst.toFixed(0)} ms)`;
    }),
    row('a switch: click → next paint (Event Timing), median (max)', (r) =>
      paintRange(r.clickToPaintMs),
    ),
    row('layout shift (CLS) until 1 s after the toggle, worst', (r) =>
      Math.max(...r.layoutShift).toFixed(3),
    ),
    row('JS heap after render, after GC (over the bare page)', (r) => {
      const heap = median(r.heapBytes);
      return `${mb(heap)} MB (+${mb(heap - bareHeap)})`;
    }),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  const line = (cells) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)];
}

/**
 * One session on a tool's preferences page: the files it loads, its JS heap once the view is
 * shown, then the long tasks while one purpose is switched on.
 */
async function preferencesSession(tool) {
  const {context, page, client} = await freshPage(browser);
  try {
    const problems = watchProblems(page);
    const network = await watchNetwork(client, server.origin);
    await page.goto(`${server.origin}${pagePath('preferences', tool)}`, {timeout: TIMEOUT_MS});
    const visibleAt = await waitVisible(page, `${tool.name} preferences`, {network, problems});
    await network.quiet();
    const arrived = await responseEnds(page);
    const files = toolFiles(server, network.paths(), (path) => arrived.get(path) > visibleAt);
    const heap = await heapAfterGc(client);

    const inView = (fn) => `(${fn})(findView(), ${JSON.stringify(TOGGLED)})`;
    const control = await page.evaluateHandle(inView(tool.inPage.switchOf));
    await control.scrollIntoView();
    await sleep(QUIET_MS);
    const clickedAt = await page.evaluate(() => performance.now());
    await control.click();
    await page.waitForFunction(inView(tool.inPage.isOn), {timeout: TIMEOUT_MS});
    await sleep(TOGGLE_WINDOW_MS);
    const toggled = {
      clickToPaint: await clickToPaint(page, clickedAt),
      layoutShift: await layoutShift(page),
    };
    const longTasks = await page.evaluate(
      (from) => window.longTasks.filter((task) => task.startTime >= from),
      clickedAt,
    );
    await network.quiet();
    if (problems.length > 0) throw new Error(`${tool.name}: ${problems.join(' / ')}`);
    return {
      visibleAt,
      heap,
      longTasks,
      ...toggled,
      files,
      filesAfterToggle: toolFiles(server, network.paths()),
    };
  } finally {
    await context.close();
  }
}

/** The product page without any consent tool: its JS heap, for reference. */
async function bareSession() {
  const {context, page, client} = await freshPage(browser);
  try {
    const network = await watchNetwork(client, server.origin);
    await page.goto(`${server.origin}/bare.html`, {timeout: TIMEOUT_MS});
    await network.quiet();
    return {heap: await heapAfterGc(client)};
  } finally {
    await context.close();
  }
}

/** The files every session loaded, which must be the same (or the pages are not comparable). */
function sameInEvery(lists) {
  const key = (list) => list.map((file) => file.path).join(' ');
  if (lists.some((list) => key(list) !== key(lists[0])))
    throw new Error(`sessions loaded different files: ${lists.map(key).join(' | ')}`);
  return lists[0];
}

function total(longTasks) {
  return longTasks.reduce((all, task) => all + task.duration, 0);
}

function mb(bytes) {
  return (bytes / 1_000_000).toFixed(2);
}
