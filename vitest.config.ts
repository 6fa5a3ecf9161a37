// Stories as tests: every story renders in Debian's Chromium (Vitest browser mode through
// @storybook/addon-vitest); play functions run as tests, and any axe violation fails the story
// (`parameters.a11y.test: 'error'` in .storybook/preview.ts). Nothing is downloaded: Playwright
// drives the system's Chromium.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {storybookTest} from '@storybook/addon-vitest/vitest-plugin';
import {playwright} from '@vitest/browser-playwright';
import {defineConfig} from 'vitest/config';
import chromium from './scripts/chromium.json' with {type: 'json'};

const dirname = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // One pre-bundled copy of Lit for every entry point (else "Multiple versions of Lit loaded").
  optimizeDeps: {
    include: [
      'lit',
      'lit/html.js',
      'lit/static-html.js',
      'lit/directives/style-map.js',
      'lit/directive-helpers.js',
      '@lit/localize',
    ],
  },
  test: {
    reporters: ['default', './test/support/vitest-plain-summary.ts'],
    projects: [
      {
        extends: true,
        plugins: [storybookTest({configDir: path.join(dirname, '.storybook')})],
        test: {
          name: 'storybook',
          testTimeout: 20_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROME_PATH || chromium.executablePath,
                args: chromium.args,
              },
            }),
            instances: [{browser: 'chromium'}],
          },
        },
      },
    ],
  },
});
