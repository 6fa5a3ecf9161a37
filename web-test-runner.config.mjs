// @ts-check
// Browser tests in Debian's Chromium (no downloaded browsers). BROWSERS=chromium,firefox adds
// Debian's Firefox ESR through the same launcher.
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {defaultReporter} from '@web/test-runner';
import * as puppeteerCore from 'puppeteer-core';
import {plainSummaryReporter} from './test/support/plain-summary-reporter.mjs';
import {consentServerPlugin} from './test/support/consent-server-plugin.mjs';
import {accessibilityPlugin} from './test/support/accessibility-plugin.mjs';
import {mediaFeaturesPlugin} from './test/support/media-features-plugin.mjs';
import {moduleBlocking} from './test/support/module-block-plugin.mjs';
import {requestLog} from './test/support/request-log-plugin.mjs';
import {renderBannerPlugin} from './test/support/render-banner-plugin.mjs';
// Debian's Chromium, headless as root, with no background traffic (shared with bench and site tests).
import chromium from './scripts/chromium.json' with {type: 'json'};

const wanted = (process.env.BROWSERS || 'chromium').split(',');
const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || chromium.executablePath,
        headless: true,
        args: chromium.args,
      },
    }),
  );
}
if (wanted.includes('firefox')) {
  browsers.push(
    chromeLauncher({
      // A puppeteer instance makes launchOptions.browser 'firefox' work (WebDriver BiDi).
      puppeteer: /** @type {any} */ (puppeteerCore.default ?? puppeteerCore),
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
        headless: true,
        // For mediaFeaturesPlugin: WebDriver BiDi cannot emulate media features yet.
        args: ['--remote-allow-system-access'],
      },
    }),
  );
}

// Modules a test may make unavailable (test/ui/session-unavailable.test.ts).
const blocking = moduleBlocking(['/src/center/consent-session.ts']);
// Whether a request reached the server (test/browser/backstop.test.ts).
const probe = requestLog();

// WTR_PORT lets several runs share a machine (the e2e endpoint allows exactly this origin).
export const TEST_PORT = Number(process.env.WTR_PORT ?? 8765);

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts', '!test/support/**', '!test/site/**', '!test/locales/**'],
  nodeResolve: {exportConditions: ['development']},
  hostname: 'localhost',
  port: TEST_PORT,
  middleware: [blocking.middleware, probe.middleware],
  plugins: [
    esbuildPlugin({ts: true, target: 'es2022', tsconfig: './tsconfig.json'}),
    consentServerPlugin({allowedOrigin: `http://localhost:${TEST_PORT}`}),
    mediaFeaturesPlugin(),
    accessibilityPlugin(),
    blocking.plugin,
    probe.plugin,
    renderBannerPlugin(),
  ],
  browsers,
  concurrency: 1,
  reporters: [defaultReporter(), plainSummaryReporter()],
  // forbidOnly: a focused test fails its file instead of silently skipping the rest of it.
  testFramework: {config: {timeout: 10000, forbidOnly: true}},
};
