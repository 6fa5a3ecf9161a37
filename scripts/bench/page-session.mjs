// One page load in puppeteer, observed: what the page requested from the bench site, its errors,
// the moment the tool's view became visible, and its JS heap.
import {sizes} from '../bundle-size.mjs';
import {sleep} from './stats.mjs';

export const TIMEOUT_MS = 15_000;
/** The network counts as quiet after this long without a request in flight. */
export const QUIET_MS = 500;

/** Page errors and console errors: a session with any is not a valid measurement. */
export function watchProblems(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return problems;
}

/** The paths the page requests from `origin`, and a wait for the network to go quiet. */
export async function watchNetwork(client, origin) {
  await client.send('Network.enable');
  const requested = new Set();
  let inFlight = 0;
  let lastActivity = Date.now();
  client.on('Network.requestWillBeSent', ({request}) => {
    if (request.url.startsWith(origin)) requested.add(new URL(request.url).pathname);
    inFlight++;
    lastActivity = Date.now();
  });
  const done = () => {
    inFlight--;
    lastActivity = Date.now();
  };
  client.on('Network.loadingFinished', done);
  client.on('Network.loadingFailed', done);
  return {
    paths: () => [...requested],
    async quiet() {
      const deadline = Date.now() + TIMEOUT_MS;
      while (Date.now() < deadline && (inFlight > 0 || Date.now() - lastActivity < QUIET_MS))
        await sleep(50);
    },
  };
}

/** Waits for the page's probe (site.mjs) to see the view; resolves with its time in the page. */
export async function waitVisible(page, label, {network, problems}) {
  try {
    return await page.evaluate(
      (timeout) =>
        Promise.race([
          window.visible,
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeout)),
        ]),
      TIMEOUT_MS,
    );
  } catch {
    throw new Error(
      `${label}: not visible within ${TIMEOUT_MS} ms; requested: ${network.paths().join(', ')}; ` +
        `page errors: ${problems.join(' / ') || 'none'}`,
    );
  }
}

/** CDP Performance.getMetrics JSHeapUsedSize right after HeapProfiler.collectGarbage. */
export async function heapAfterGc(client) {
  await client.send('HeapProfiler.collectGarbage');
  await client.send('Performance.enable');
  const {metrics} = await client.send('Performance.getMetrics');
  await client.send('Performance.disable');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize').value;
}

/**
 * The tool's files among `paths` (scripts, style sheets, configuration), sorted, with their
 * raw, gzip and brotli sizes; `loadedAfter(path)` marks those that arrived after the view showed.
 */
export function toolFiles(server, paths, loadedAfter = () => false) {
  return paths
    .map((path) => ({path, file: server.files.get(path)}))
    .filter(({file}) => file && ['script', 'css', 'config'].includes(file.role))
    .map(({path, file}) => ({
      path,
      role: file.role,
      ...sizes(file.raw),
      afterVisible: loadedAfter(path),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Total sizes of files (and their count). */
export function sumBytes(files) {
  return files.reduce(
    (all, file) => ({
      raw: all.raw + file.raw,
      gzip: all.gzip + file.gzip,
      brotli: all.brotli + file.brotli,
      count: all.count + 1,
    }),
    {raw: 0, gzip: 0, brotli: 0, count: 0},
  );
}

/** When each resource of the page finished arriving (ms since navigation start), by path. */
export async function responseEnds(page) {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => [new URL(entry.name).pathname, entry.responseEnd]),
  );
  return new Map(entries);
}

/**
 * Click → next paint of the interaction that started at `from` (ms, page time): the longest
 * Event Timing duration of its pointer and click events, as INP counts it. Entries under 16 ms
 * are not reported by browsers: `undefined` then means "under 16 ms".
 */
export async function clickToPaint(page, from) {
  const durations = await page.evaluate(
    (since) =>
      window.eventTimings
        .filter(
          (entry) =>
            entry.startTime >= since && /^(pointer|mouse)(down|up)$|^click$/.test(entry.name),
        )
        .map((entry) => entry.duration),
    from,
  );
  return durations.length > 0 ? Math.max(...durations) : undefined;
}

/** The page's cumulative layout shift so far (shifts not caused by input). */
export function layoutShift(page) {
  return page.evaluate(() => window.layoutShift);
}

/** Every resource of the page from the bench site: when it was requested and when it arrived. */
export async function waterfall(page) {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => ({
      path: new URL(entry.name).pathname,
      start: entry.startTime,
      end: entry.responseEnd,
    })),
  );
  return entries.sort((a, b) => a.start - b.start);
}
