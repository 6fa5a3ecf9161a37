// What the side-by-side benchmarks share: their printed settings, the timing of a view through
// tachometer with per-round ratios to ours, how a loaded file is printed, and the React peers'
// bytes beyond React itself.
import {createRequire} from 'node:module';
import {CHROME_ARGS, CPU_SLOWDOWN, WINDOW, freshPage} from './browser.mjs';
import {CPU_CHECK, MARK, VISIBLE, describeNetwork, pagePath} from './site.mjs';
import {fmt, median} from './stats.mjs';
import {TACHOMETER_VERSION, runTachometer} from './tachometer.mjs';
import {PURPOSES, TOOLS} from './tools.mjs';

const REACT_VERSION = createRequire(import.meta.url)('react/package.json').version;

export const [OURS, ...PEERS] = TOOLS;

/** The settings every side-by-side run prints first (and keeps in its results). */
export async function settingsLines({browser, server, rounds, date}) {
  const check = await cpuCheck(browser, server.origin);
  return [
    `date: ${date.toISOString()}; ${rounds} rounds (BENCH_ROUNDS)${rounds < 11 ? ' — keep figures from at least 11' : ''}`,
    `browser: ${await browser.version()} headless, ${WINDOW.width}×${WINDOW.height}, ${CHROME_ARGS.join(' ')}`,
    `CPU: ${CPU_SLOWDOWN}× slower (CDP Emulation.setCPUThrottlingRate, in tachometer's tabs too); ` +
      `check: the busy loop of ${CPU_CHECK.path} took ${check}`,
    `network: ${describeNetwork()}; no-store, so nothing is cached; Chromium sent Accept-Encoding: ` +
      [...server.acceptEncodings].join(' | '),
    `purposes in every tool: ${PURPOSES.map((p) => p.id + (p.required ? ' (required)' : '')).join(', ')} ` +
      '(demo/purposes.json, English; the peers have no field for the benefit: their descriptions ' +
      'end with "What you get: …")',
    'pages: the same product page, only the consent tool differs, each set up as its docs show;',
    '  a preferences page opens the view in a DOMContentLoaded listener (every deferred and module',
    '  script has run by then), a React app itself as it mounts:',
    ...TOOLS.flatMap((tool) => tool.setup.map((line) => `  ${line}`)),
    ...VISIBLE,
  ];
}

/** CPU_CHECK's loop in puppeteer, 3 loads at 1× and 3 slowed down, each in a fresh context. */
async function cpuCheck(browser, origin) {
  const times = {1: [], [CPU_SLOWDOWN]: []};
  for (let load = 0; load < 3; load++) {
    for (const rate of [1, CPU_SLOWDOWN]) {
      const {context, page} = await freshPage(browser, rate);
      try {
        await page.goto(`${origin}${CPU_CHECK.path}`);
        times[rate].push(
          await page.evaluate(
            (name) => performance.getEntriesByName(name)[0].duration,
            CPU_CHECK.entryName,
          ),
        );
      } finally {
        await context.close();
      }
    }
  }
  return (
    `median ${median(times[1]).toFixed(0)} ms at 1×, ${median(times[CPU_SLOWDOWN]).toFixed(0)} ms ` +
    `at ${CPU_SLOWDOWN}× (puppeteer, 3 loads each)`
  );
}

/**
 * Navigation start → the variant's view visible, for every tool, through tachometer: `rounds`
 * rounds, each loading every tool once (and CPU_CHECK, to show the slowdown holds in its tabs).
 * Prints each round; resolves with the times (`times[toolId][round]`), the per-round ratios
 * ours ÷ peer (`ratios[peerId][round]`), the check's times and what tachometer was given and
 * printed.
 */
export async function timeToVisible({server, variant, rounds, tools = TOOLS}) {
  console.log(
    `Navigation start → ${variant} visible: tachometer ${TACHOMETER_VERSION}, ${rounds} rounds of ` +
      `${tools.map((tool) => tool.id).join(' → ')} → cpu-check, after a warm-up load of each; ` +
      `a new tab per load; the time is performance.mark('${MARK[variant]}').startTime`,
  );
  const {samples, config, output} = await runTachometer({
    rounds,
    benchmarks: [
      ...tools.map((tool) => ({
        name: tool.id,
        url: `${server.origin}${pagePath(variant, tool)}`,
        entryName: MARK[variant],
      })),
      {name: 'cpu-check', url: `${server.origin}${CPU_CHECK.path}`, entryName: CPU_CHECK.entryName},
    ],
  });
  /** Per round, each of ours (the element, and its server-rendered banner) ÷ each peer. */
  const byOurs = Object.fromEntries(
    tools
      .filter((tool) => !PEERS.includes(tool))
      .map((tool) => [
        tool.id,
        Object.fromEntries(
          PEERS.map((peer) => [
            peer.id,
            samples[tool.id].map((time, round) => time / samples[peer.id][round]),
          ]),
        ),
      ]),
  );
  samples.ours.forEach((_, round) =>
    console.log(
      `  round ${String(round + 1).padStart(2)}: ` +
        tools.map((tool) => `${tool.id} ${samples[tool.id][round].toFixed(0)} ms`).join(', ') +
        Object.entries(byOurs)
          .map(
            ([id, ratios]) =>
              `; ${id} ÷ ` +
              PEERS.map((peer) => `${peer.id} ${ratios[peer.id][round].toFixed(2)}`).join(', '),
          )
          .join('') +
        `; cpu-check ${samples['cpu-check'][round].toFixed(0)} ms`,
    ),
  );
  console.log(
    `  cpu-check in tachometer's tabs: median ${median(samples['cpu-check']).toFixed(0)} ms ` +
      `(compare the CPU line of the settings)`,
  );
  const times = Object.fromEntries(tools.map((tool) => [tool.id, samples[tool.id]]));
  return {
    times,
    ratios: byOurs.ours,
    byOurs,
    cpuCheck: samples['cpu-check'],
    tachometer: {config, output},
  };
}

/** The bare React app's bytes (react-apps.mjs), as the inventories print them. */
export function bareReactLine(server) {
  const {raw, gzip, brotli} = server.bareReact;
  return (
    `React ${REACT_VERSION} + react-dom, a bare app (createRoot rendering nothing), built as the ` +
    `React peers are: ${fmt(raw)} B raw, ${fmt(gzip)} B gzip, ${fmt(brotli)} B brotli`
  );
}

/**
 * A React peer's script and CSS bytes beyond the bare React app: the difference of the totals
 * (each file compressed alone), as React's code is the site's, not the tool's. `undefined` for a
 * tool that is not a React app.
 */
export function beyondReact(tool, bytes, server) {
  if (!tool.app) return undefined;
  const bare = server.bareReact;
  return {
    raw: bytes.raw - bare.raw,
    gzip: bytes.gzip - bare.gzip,
    brotli: bytes.brotli - bare.brotli,
  };
}

/** Bytes as "12,345 B brotli (23,456 B gzip, 67,890 B raw)". */
export function bytesText({raw, gzip, brotli}) {
  return `${fmt(brotli)} B brotli (${fmt(gzip)} B gzip, ${fmt(raw)} B raw)`;
}

/** One loaded file, as the inventories print it. */
export function fileLine(file) {
  return (
    `${file.role.padEnd(6)} ${file.path.padEnd(58)} ${fmt(file.raw).padStart(7)} B raw ` +
    `${fmt(file.gzip).padStart(6)} B gzip ${fmt(file.brotli).padStart(6)} B brotli` +
    (file.afterVisible ? '  (arrived after the view showed)' : '')
  );
}
