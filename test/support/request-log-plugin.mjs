// @ts-check
/**
 * Web Test Runner: tells a test whether a request really reached the server. Every request to a
 * path under `/__backstop-probe/` is recorded and answered 204 with
 * `Access-Control-Allow-Origin: *` (so `fetch` and XHR from any origin, `<img>`, `<script>`,
 * `<iframe>` and beacons all reach it alike).
 *
 * `executeServerCommand('probe-hits', {prefix, waitFor?})` resolves with the paths under
 * `prefix` hit so far, in order of arrival; with `waitFor`, once that path has arrived (an
 * event, not a poll: the test sends an allowed request after a held-back one and waits for
 * it). `executeServerCommand('probe-reset', {prefix})` forgets them. A test file picks its own
 * prefix, so two browsers running at once never read each other's hits.
 */

export const PROBE_PATH = '/__backstop-probe/';

/** How long `waitFor` waits before the command fails (the test's own timeout is longer). */
const WAIT_MS = 5000;

export function requestLog() {
  /** @type {string[]} */
  const hits = [];
  /** @type {Set<{path: string, arrived: () => void}>} */
  const waiting = new Set();

  /** @type {import('koa').Middleware} */
  const middleware = async (context, next) => {
    if (!context.path.startsWith(PROBE_PATH)) return next();
    hits.push(context.path);
    for (const waiter of waiting) if (waiter.path === context.path) waiter.arrived();
    context.status = 204;
    context.set('Access-Control-Allow-Origin', '*');
    context.set('Cache-Control', 'no-store');
  };

  /** @param {string} path */
  const arrival = (path) =>
    new Promise((resolve, reject) => {
      if (hits.includes(path)) return resolve(undefined);
      const waiter = {
        path,
        arrived() {
          waiting.delete(waiter);
          clearTimeout(timer);
          resolve(undefined);
        },
      };
      const timer = setTimeout(() => {
        waiting.delete(waiter);
        reject(new Error(`${path} never reached the server`));
      }, WAIT_MS);
      waiting.add(waiter);
    });

  /** @type {import('@web/test-runner').TestRunnerPlugin} */
  const plugin = {
    name: 'request-log',
    async executeCommand({command, payload}) {
      if (command !== 'probe-hits' && command !== 'probe-reset') return undefined;
      const {prefix, waitFor} = /** @type {{prefix: string, waitFor?: string}} */ (payload);
      if (!prefix.startsWith(PROBE_PATH)) throw new Error(`not a probe prefix: ${prefix}`);
      if (command === 'probe-reset') {
        for (let index = hits.length - 1; index >= 0; index--)
          if (hits[index].startsWith(prefix)) hits.splice(index, 1);
        return true;
      }
      if (waitFor !== undefined) await arrival(waitFor);
      return hits.filter((path) => path.startsWith(prefix));
    },
  };
  return {middleware, plugin};
}
