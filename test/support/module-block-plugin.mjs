// @ts-check
/**
 * Web Test Runner: `executeServerCommand('block-modules', {paths: ['/src/center/….ts']})` makes
 * the test server answer 503 for those modules, as a site whose deploy lost a file or whose
 * network fails would; `{paths: []}` ends it. `hold-modules` instead keeps their answers back
 * until `release-modules`, as a slow network would (the test decides when they arrive). Only the paths named in the config can be
 * blocked: they are always served uncacheable, so that a page never takes them from the cache
 * an earlier test file filled. A page that already imported a module keeps
 * it, so a test blocks before its page needs it. Test files run one at a time
 * (`concurrency: 1`), and each blocking file ends its block.
 *
 * @param {readonly string[]} blockable
 */
export function moduleBlocking(blockable) {
  /** @type {Set<string>} */
  const blocked = new Set();
  /** Held modules' answers wait for this; `release` lets them go. */
  let held = {paths: new Set(), release: () => {}, released: Promise.resolve()};
  /** @type {import('koa').Middleware} */
  const middleware = async (context, next) => {
    if (!blockable.includes(context.path)) return next();
    if (held.paths.has(context.path)) await held.released;
    if (blocked.has(context.path)) {
      context.status = 503;
      context.body = 'blocked by the test';
    } else await next();
    // Never reused by a later page, neither the module nor its refusal: Chromium keeps what
    // another page still holds in its memory cache despite no-store, unless the response may
    // differ for every request.
    context.set('Cache-Control', 'no-store');
    context.set('Vary', '*');
    context.remove('ETag');
  };
  /** @type {import('@web/test-runner').TestRunnerPlugin} */
  const plugin = {
    name: 'module-block',
    executeCommand({command, payload}) {
      if (command === 'release-modules') {
        held.release();
        return true;
      }
      if (command !== 'block-modules' && command !== 'hold-modules') return undefined;
      const {paths} = /** @type {{paths: string[]}} */ (payload);
      const unknown = paths.filter((path) => !blockable.includes(path));
      if (unknown.length > 0)
        throw new Error(`not blockable (add to the config): ${unknown.join(', ')}`);
      if (command === 'hold-modules') {
        held.release();
        let release = () => {};
        const released = new Promise((resolve) => (release = () => resolve(undefined)));
        held = {paths: new Set(paths), release, released};
        return true;
      }
      blocked.clear();
      for (const path of paths) blocked.add(path);
      return true;
    },
  };
  return {middleware, plugin};
}
