// Runs every test suite — the reference endpoint's (node --test) and the browser suites (Web
// Test Runner in Chromium) — and ends with one plain `N passed, N failed` line summed over all.
import {spawn} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';

// Node 20's test runner does not expand globs itself.
const nodeTestFiles = ['server/test', 'test/site'].flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.join(dir, file)),
);

const suites = [
  {
    name: 'endpoint and site pages (node --test)',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      '--test-reporter-destination=.test-server.tap',
      ...nodeTestFiles,
    ],
    count: countTap,
  },
  {
    name: 'browser (web-test-runner)',
    command: 'npx',
    args: ['web-test-runner'],
    count: countPlainSummary,
  },
];

let passed = 0;
let failed = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const {code, output} = await run(suite.command, suite.args);
  const counts = await suite.count(output);
  passed += counts.passed;
  // A suite that exits non-zero without reporting a failed test still failed (it crashed).
  failed += counts.failed > 0 || code === 0 ? counts.failed : 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'inherit']});
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
  return {passed: read('pass'), failed: read('fail') + read('cancelled')};
}

function countPlainSummary(output) {
  const match = /^(\d+) passed, (\d+) failed/m.exec(output.split('\n').reverse().join('\n'));
  return match ? {passed: Number(match[1]), failed: Number(match[2])} : {passed: 0, failed: 0};
}
