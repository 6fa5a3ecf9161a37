// @ts-check
/**
 * Web Test Runner plugin: `executeServerCommand('render-banner', {config, options})` runs
 * `renderBanner` (src/server.ts) in Node, as a site's server does, and returns its markup for
 * the test page to parse (test/ui/served-banner.test.ts).
 */
import {tsImport} from 'tsx/esm/api';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function renderBannerPlugin() {
  /** @type {Promise<typeof import('../../src/server.js')> | undefined} */
  let server;
  return {
    name: 'render-banner',
    async executeCommand({command, payload}) {
      if (command !== 'render-banner') return undefined;
      server ??= tsImport('../../src/server.ts', import.meta.url);
      const {config, options} = /** @type {{config: unknown, options?: object}} */ (payload);
      return (await server).renderBanner(config, options);
    },
  };
}
