// Browser timings through tachometer (the Polymer/Lit team's benchmark runner): it loads each
// sample in a new tab of one Chromium, takes the benchmarks round-robin (A, B, C, A, B, C, …,
// after one warm-up load each) and reads a performance mark the page sets. It drives Chromium
// through WebDriver: we start Debian's chromedriver (CHROMEDRIVER_PATH, /usr/bin/chromedriver by
// default) and pass its URL as the browser's remoteUrl; a stand-in for the `chromedriver` npm
// package (driver-shim/) keeps tachometer from installing one, which would download a driver.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {CHROME_ARGS, CHROME_PATH, CPU_SLOWDOWN, WINDOW} from './browser.mjs';

export const CHROMEDRIVER_PATH = process.env.CHROMEDRIVER_PATH || '/usr/bin/chromedriver';
export const TACHOMETER_VERSION = createRequire(import.meta.url)('tachometer/package.json').version;

const shim = fileURLToPath(new URL('./driver-shim/', import.meta.url));
const cli = fileURLToPath(new URL('../../node_modules/tachometer/bin/tach.js', import.meta.url));

/**
 * Runs `benchmarks` ([{name, url, entryName}]) for `rounds` rounds; each sample is the page's
 * performance entry `entryName` (a mark: its startTime, ms since navigation start; a measure:
 * its duration). Resolves with each benchmark's samples in round order
 * (`samples[name][round]`), the config given to tachometer and what it printed.
 */
export async function runTachometer({benchmarks, rounds}) {
  if (rounds < 2) throw new Error('tachometer takes at least 2 samples per benchmark');
  const driver = await startChromedriver();
  const dir = mkdtempSync(path.join(tmpdir(), 'tachometer-'));
  try {
    const config = {
      sampleSize: rounds,
      timeout: 0, // exactly `rounds` samples: no auto-sampling beyond them
      benchmarks: benchmarks.map(({name, url, entryName}) => ({
        name,
        url,
        measurement: [{mode: 'performance', entryName}],
        browser: {
          name: 'chrome',
          headless: true,
          binary: CHROME_PATH,
          addArguments: CHROME_ARGS,
          remoteUrl: driver.url,
          cpuThrottlingRate: CPU_SLOWDOWN,
          windowSize: WINDOW,
        },
      })),
    };
    const configFile = path.join(dir, 'tachometer.json');
    const resultFile = path.join(dir, 'results.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const output = await run(process.execPath, [
      '--import',
      path.join(shim, 'resolve.mjs'),
      cli,
      '--config',
      configFile,
      '--json-file',
      resultFile,
    ]);
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    const samples = Object.fromEntries(
      result.benchmarks.map((benchmark) => [benchmark.name, benchmark.samples]),
    );
    return {samples, config, output};
  } finally {
    rmSync(dir, {recursive: true, force: true});
    await driver.stop();
  }
}

/** Runs tachometer; resolves with what it printed, rejects with it when it fails. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: {...process.env, NODE_PATH: shim},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`tachometer exited ${code}:\n${output}`)),
    );
  });
}

/** Starts chromedriver on a free port of 127.0.0.1. */
function startChromedriver() {
  const child = spawn(CHROMEDRIVER_PATH, ['--port=0'], {stdio: ['ignore', 'pipe', 'pipe']});
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /started successfully on port (\d+)/.exec(output);
      if (match)
        resolve({
          url: `http://127.0.0.1:${match[1]}`,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
    child.once('error', (error) =>
      reject(
        new Error(
          `cannot start ${CHROMEDRIVER_PATH} (${error.message}): install Debian's chromium-driver ` +
            '(apt-get install -y chromium-driver), the same version as Chromium, or set CHROMEDRIVER_PATH',
        ),
      ),
    );
    child.once('exit', (code) =>
      reject(new Error(`${CHROMEDRIVER_PATH} exited ${code} before listening:\n${output}`)),
    );
  });
}
