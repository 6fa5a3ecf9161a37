// Measures the built files a site loads: raw, gzip (level 9) and brotli (quality 11) bytes, per
// file and per scenario. A scenario's files follow from the built module graph: the entry's
// static imports always load; a dynamic import loads only when its part of the product is used.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

export const DIST = 'dist';
export const MAIN = 'privacy-preferences.js';

export function measure(file) {
  return {file, ...sizes(readFileSync(path.join(DIST, file)))};
}

/** Raw, gzip (level 9) and brotli (quality 11) bytes of some content. */
export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, {level: 9}).length,
    brotli: brotli(bytes).length,
  };
}

/** Brotli at quality 11: what a site serving pre-compressed files sends. */
export function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** Every built module of the bundle, the entry first (not the classic-script build beside it). */
export function bundleFiles() {
  const others = readdirSync(DIST)
    .filter(
      (file) =>
        file.startsWith('privacy-preferences.') &&
        file.endsWith('.js') &&
        file !== MAIN &&
        !file.endsWith('.iife.js'),
    )
    .sort();
  return [MAIN, ...others];
}

/** `file` and every module it imports statically, transitively (in `dir`, dist/ by default). */
export function staticClosure(...files) {
  return staticClosureIn(DIST, files);
}

function staticClosureIn(dir, files) {
  const loaded = new Set();
  const visit = (file) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g))
      visit(match[1]);
  };
  files.forEach(visit);
  return loaded;
}

/**
 * The files the entry requests together for each path (src/browser/module-graph.ts), read
 * from the built entry: `{banner: ['privacy-preferences.center-controller-….js', …], …}`.
 */
export function moduleGraph(dir = DIST) {
  const code = readFileSync(path.join(dir, MAIN), 'utf8');
  const literal = /\{banner:\[[^}]*\]\}/.exec(code)?.[0];
  if (!literal) throw new Error(`${MAIN} has no module graph (vite.config.ts, moduleGraph)`);
  const json = literal.replace(/[`'"]\.\/([^`'"]+)[`'"]/g, '"$1"').replace(/(\w+):\[/g, '"$1":[');
  return JSON.parse(json);
}

/**
 * The problems of the module graph of the build in `dir`: a listed file that is not there (a
 * preload answered 404), a path without the modules it starts from, and a path's file that
 * imports one the path does not list (it would wait for it: requested only once it has
 * arrived and run).
 */
export function graphProblems(dir = DIST) {
  const graph = moduleGraph(dir);
  const built = new Set(readdirSync(dir));
  const needs = {
    banner: ['center-controller', 'interface'],
    center: ['center-controller', 'interface', 'center-view', 'consent-session'],
  };
  const startOf = (files, part) =>
    files.some((file) => file.startsWith(`privacy-preferences.${part}-`));
  return Object.entries(graph).flatMap(([name, files]) => [
    ...files
      .filter((file) => !built.has(file))
      .map((file) => `${dir}: the ${name} path requests ${file}, which the build has not`),
    ...(needs[name] ?? [])
      .filter((part) => !startOf(files, part))
      .map((part) => `${dir}: the ${name} path does not request the ${part} module`),
    ...[
      ...staticClosureIn(
        dir,
        files.filter((file) => built.has(file)),
      ),
    ]
      .filter((file) => file !== MAIN && !files.includes(file))
      .map((file) => `${dir}: the ${name} path imports ${file}, not requested with the others`),
  ]);
}

/**
 * What a page loads in each situation the budgets speak of (docs/element.md#loading):
 * - returning: a decision under the current policy, a banner-mode page: the entry alone;
 * - firstVisit: the banner shown (English, the source language, needs no locale module);
 * - opened: the full center on "Choose what to allow" / open(), and the session behind it.
 */
export function scenarios() {
  const graph = moduleGraph();
  const returning = staticClosure(MAIN);
  const firstVisit = staticClosure(MAIN, ...graph.banner);
  const opened = staticClosure(...firstVisit, ...graph.center);
  const total = (files) => sum([...files].map(measure));
  return {
    returning: {files: [...returning], ...total(returning)},
    firstVisit: {files: [...firstVisit], ...total(firstVisit)},
    openExtra: {
      files: [...opened].filter((file) => !firstVisit.has(file)),
      ...total([...opened].filter((file) => !firstVisit.has(file))),
    },
  };
}

function sum(rows) {
  return rows.reduce(
    (all, row) => ({
      raw: all.raw + row.raw,
      gzip: all.gzip + row.gzip,
      brotli: all.brotli + row.brotli,
    }),
    {raw: 0, gzip: 0, brotli: 0},
  );
}

export function formatRow({file, raw, gzip, brotli}) {
  return `${file.padEnd(50)} ${String(raw).padStart(7)} B raw ${String(gzip).padStart(7)} B gzip ${String(brotli).padStart(7)} B brotli`;
}
