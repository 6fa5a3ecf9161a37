/**
 * The demo shop as a site owner deploys it (`server/demo.ts`: the pages of `demo/site/`, the
 * built bundle and the reference endpoint with a real SQLite file in a temp folder), and Debian's
 * Chromium (or Firefox ESR) to visit it — under its own address, or as `www.shop.test` with its
 * third parties on `*.vendor.test`, names the browser is told to find on this machine.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import puppeteer, {type Browser} from 'puppeteer-core';
import chromium from '../../scripts/chromium.json' with {type: 'json'};

/** The account page: the center in place (`mode="inline"`), the event log, the language picker. */
export const ACCOUNT_PAGE = '/account/privacy.html';

export interface Demo {
  /** `http://127.0.0.1:PORT`; `/` is the shop, {@link ACCOUNT_PAGE} the account page. */
  readonly origin: string;
  readonly browser: Browser;
  /** Stops the browser and the server, and deletes the database. */
  stop(): Promise<void>;
}

/** The demo's names under `.test`: the shop's own (two subdomains) and its third parties'. */
export const TEST_HOSTS = [
  'www.shop.test',
  'account.shop.test',
  'collect.vendor.test',
  'video.vendor.test',
];

export type Engine = 'chromium' | 'firefox';

export async function startDemo(engine: Engine = 'chromium'): Promise<Demo> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pp-site-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/demo.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      CONSENT_DB: path.join(dataDir, 'demo.db'),
      // Two tabs racing 200 rounds are one "customer" far beyond any real one: limits are
      // tested on their own (server/test/rate-limit.test.ts).
      RATE_LIMIT_PER_ADDRESS: 'off',
      RATE_LIMIT_PER_SUBJECT: 'off',
      STORAGE_PER_ADDRESS: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await announcedOrigin(server, 'Demo shop', 'demo server');
  const browser = await (engine === 'firefox' ? launchFirefox() : launchChromium());
  return {
    origin,
    browser,
    async stop() {
      await browser.close();
      server.kill('SIGKILL');
      rmSync(dataDir, {recursive: true, force: true});
    },
  };
}

/**
 * The address a server process prints once it listens (`<label>: http://…`); rejects if it
 * exits first.
 */
export function announcedOrigin(child: ChildProcess, label: string, what: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = new RegExp(`${label}: (http://[^/\\s]+)`).exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code})`)));
  });
}

/** Debian's Chromium (or `CHROME_PATH`), headless, with the project's flags; `.test` names here. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH || chromium.executablePath,
    headless: true,
    args: [...chromium.args, '--host-resolver-rules=MAP *.test 127.0.0.1'],
  });
}

/** Debian's Firefox ESR (or `FIREFOX_PATH`), headless, through WebDriver BiDi; the demo's names here. */
export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: {'network.dns.localDomains': TEST_HOSTS.join(',')},
  });
}
