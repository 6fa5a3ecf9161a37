// Runs every test suite — the reference endpoint's (node --test), the browser suite (Web Test
// Runner, in Chromium and then in Firefox ESR: one browser at a time) and the stories (Vitest
// browser mode) — and ends with one plain `N passed, N failed, N skipped` line summed over all.
// Focused tests (`.only`), a suite that ran no tests and a suite that crashed each count as a
// failure, so none of them can pass for a green run.
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

/** The `*.test.ts` files in `dir`, with `recursive` its sub-folders too. */
const testFilesIn = (dir, {recursive = false} = {}) =>
  readdirSync(dir, {recursive})
    .map(String)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(dir, file))
    .sort();

// Node 20's test runner does not expand globs itself.
const nodeTestFiles = [
  ...testFilesIn('server/test'),
  ...testFilesIn('test/site'),
  ...testFilesIn('test/locales'),
];

const suites = [
  {
    name: 'endpoint and site pages (node --test)',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      '--test',
      // One file at a time, whatever the machine's cores: the load tests (200,000 records) and
      // the site tests (a real Chromium on a real server) each need the machine to themselves.
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      '--test-reporter-destination=.test-server.tap',
      ...nodeTestFiles,
    ],
    count: countTap,
  },
  {
    name: 'browser, Chromium (web-test-runner)',
    command: 'npx',
    args: ['web-test-runner'],
    env: {BROWSERS: 'chromium'},
    count: countPlainSummary,
  },
  {
    name: 'browser, Firefox ESR (web-test-runner)',
    command: 'npx',
    args: ['web-test-runner'],
    env: {BROWSERS: 'firefox'},
    count: countPlainSummary,
  },
  {
    // Every story renders in Chromium; its play function and an axe check run as a test.
    name: 'stories (vitest, Storybook)',
    command: 'npx',
    args: ['vitest', 'run', '--project', 'storybook'],
    count: countPlainSummary,
  },
];

// Node 20 ignores `.only` without --test-only, and a focused browser test silently skips the
// rest of its file: refuse both up front. test/**/*.test.ts covers the browser files.
const focused = findFocusedTests([
  ...new Set([...nodeTestFiles, ...testFilesIn('test', {recursive: true})]),
]);
const problems = focused.map((hit) => `${hit}: focused test (.only) is not allowed`);
for (const problem of problems) console.log(problem);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const {code, output} = await run(suite.command, suite.args, suite.env);
  const counts = await suite.count(output);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  if (counts.passed + counts.failed + counts.skipped === 0) {
    // An empty run (no files found, a reporter that printed nothing, a crash before the first
    // test) must not look like a green one.
    problems.push(`${suite.name}: ran no tests${code === 0 ? '' : ` (exit code ${code})`}`);
  } else if (code !== 0 && counts.failed === 0) {
    // A suite that exits non-zero without reporting a failed test still failed (it crashed).
    problems.push(`${suite.name}: exited with code ${code} without a failed test`);
  }
}
// Each problem is one failure, repeated here so that it is not lost above the suites' output.
failed += problems.length;
if (problems.length > 0) console.log(`\n${problems.join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

/** `path:line` of every `describe.only(`, `it.only(`, `test.only(`, … in `files`. */
function findFocusedTests(files) {
  const only = /\b(describe|it|test|suite|context)\s*\.\s*only\s*\(/;
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => (only.test(line) ? [`${file}:${index + 1}`] : [])),
  );
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {...process.env, ...env},
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({code: code ?? 1, output}));
  });
}

async function countTap() {
  const {readFile, rm} = await import('node:fs/promises');
  const tap = await readFile('.test-server.tap', 'utf8').catch(() => '');
  await rm('.test-server.tap', {force: true});
  const read = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  // A todo test is not run to pass or fail (node reports it apart); it counts as skipped.
  return {
    passed: read('pass'),
    failed: read('fail') + read('cancelled'),
    skipped: read('skipped') + read('todo'),
  };
}

function countPlainSummary(output) {
  // The last such line: the reporter prints it at exit, after Web Test Runner's own output.
  const lines = output.split('\n').reverse().join('\n');
  const match = /^(\d+) passed, (\d+) failed, (\d+) skipped/m.exec(lines);
  return match
    ? {passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3])}
    : {passed: 0, failed: 0, skipped: 0};
}
