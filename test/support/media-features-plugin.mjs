// @ts-check
/**
 * Web Test Runner plugin: `executeServerCommand('emulate-media-features', {colorScheme,
 * reducedMotion, forcedColors})` makes the test page match those media features, in Chromium and
 * in Firefox, and returns once the page's `matchMedia` agrees. A feature left out keeps its
 * emulation; `null` ends it. (Web Test Runner's own `emulateMedia` needs the DevTools protocol,
 * which Firefox does not speak, and cannot emulate `forced-colors` at all.)
 *
 * - Chromium: `Emulation.setEmulatedMedia` over a DevTools session kept per page (emulation
 *   lasts as long as the session that asked for it).
 * - Firefox: the page's BrowsingContext overrides, which Firefox's own DevTools set to simulate
 *   these features, set from the parent process over WebDriver BiDi. WebDriver BiDi has no
 *   command for them yet, so Firefox must be started with `--remote-allow-system-access`.
 */

/** @typedef {'colorScheme' | 'reducedMotion' | 'forcedColors'} Feature */
/** @typedef {Partial<Record<Feature, string | null>>} Wanted */
// Pages are puppeteer's, as Web Test Runner hands them over: `any`, for Firefox's side needs
// members its types do not declare (the BiDi connection, the frame's BiDi context id).
/** @typedef {any} Page */

/** @type {Record<Feature, {query: string, values: string[], firefox: string}>} */
const FEATURES = {
  colorScheme: {
    query: 'prefers-color-scheme',
    values: ['light', 'dark'],
    firefox: 'prefersColorSchemeOverride',
  },
  reducedMotion: {
    query: 'prefers-reduced-motion',
    values: ['reduce', 'no-preference'],
    firefox: 'prefersReducedMotionOverride',
  },
  // Firefox's override knows only 'active' and 'none' (no override): an unforced page.
  forcedColors: {
    query: 'forced-colors',
    values: ['active', 'none'],
    firefox: 'forcedColorsOverride',
  },
};

export function mediaFeaturesPlugin() {
  /** What each page emulates now, and its DevTools session (Chromium). */
  const pages = new WeakMap();
  return {
    name: 'emulate-media-features',
    /** @param {{command: string, payload: unknown, session: any}} context */
    async executeCommand({command, payload, session}) {
      if (command !== 'emulate-media-features') return undefined;
      if (session.browser.type !== 'puppeteer')
        throw new Error(`media features cannot be emulated in ${session.browser.type}`);
      const wanted = readPayload(payload);
      const page = session.browser.getPage(session.id);
      if (!pages.has(page)) pages.set(page, {emulated: {}, cdp: undefined});
      const state = pages.get(page);
      Object.assign(state.emulated, wanted);
      if (page.browser().protocol === 'webDriverBiDi') {
        await setFirefoxOverrides(page, wanted);
      } else {
        state.cdp ??= await page.createCDPSession();
        await state.cdp.send('Emulation.setEmulatedMedia', {
          features: Object.entries(state.emulated)
            .filter(([, value]) => value !== null)
            .map(([feature, value]) => ({
              name: FEATURES[/** @type {Feature} */ (feature)].query,
              value,
            })),
        });
      }
      await untilMatched(page, wanted);
      return true;
    },
  };
}

/**
 * @param {unknown} payload
 * @returns {Wanted}
 */
function readPayload(payload) {
  if (payload === null || typeof payload !== 'object')
    throw new Error('emulate-media-features takes an object of media features');
  for (const [feature, value] of Object.entries(payload)) {
    const known = FEATURES[/** @type {Feature} */ (feature)];
    if (!known) throw new Error(`unknown media feature ${feature}`);
    if (value !== null && !known.values.includes(value))
      throw new Error(`${feature} is one of ${known.values.join(', ')} or null, not ${value}`);
  }
  return /** @type {Wanted} */ (payload);
}

/**
 * Sets the overrides in Firefox's parent process on the page's top-level browsing context (the
 * BiDi context id is the one Firefox's remote agent gives it).
 * @param {Page} page
 * @param {Wanted} wanted
 */
async function setFirefoxOverrides(page, wanted) {
  const connection = page.browser().connection;
  const {result: tree} = await connection.send('browsingContext.getTree', {'moz:scope': 'chrome'});
  const chrome = tree.contexts[0]?.context;
  if (!chrome)
    throw new Error('no parent-process context: start Firefox with --remote-allow-system-access');
  const overrides = Object.fromEntries(
    Object.entries(wanted).map(([feature, value]) => [
      FEATURES[/** @type {Feature} */ (feature)].firefox,
      value ?? 'none',
    ]),
  );
  const {result} = await connection.send('script.evaluate', {
    expression: `Object.assign(
      ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs')
        .NavigableManager.getBrowsingContextById(${JSON.stringify(page.mainFrame()._id)}),
      ${JSON.stringify(overrides)},
    ) && true`,
    target: {context: chrome},
    awaitPromise: false,
  });
  if (result.type !== 'success')
    throw new Error(`Firefox refused the media overrides: ${result.exceptionDetails?.text}`);
}

/**
 * Waits until the page matches every feature given a value (the emulation has reached it).
 * @param {Page} page
 * @param {Wanted} wanted
 */
async function untilMatched(page, wanted) {
  const queries = Object.entries(wanted)
    .filter(([, value]) => value !== null)
    .map(([feature, value]) => `(${FEATURES[/** @type {Feature} */ (feature)].query}: ${value})`);
  for (const deadline = Date.now() + 2000; ;) {
    const unmatched = await page.evaluate(
      (/** @type {string[]} */ all) => all.filter((query) => !matchMedia(query).matches),
      queries,
    );
    if (unmatched.length === 0) return;
    if (Date.now() > deadline) throw new Error(`the page does not match ${unmatched.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
