// The browser every benchmark uses: Debian's Chromium (scripts/chromium.json, or CHROME_PATH),
// headless, one window size, the CPU slowed down by CDP as on a mid-range phone.
import puppeteer from 'puppeteer-core';
import chromium from '../chromium.json' with {type: 'json'};

export const CHROME_PATH = process.env.CHROME_PATH || chromium.executablePath;
export const CHROME_ARGS = chromium.args;
export const WINDOW = {width: 1024, height: 768};
/** CDP Emulation.setCPUThrottlingRate. */
export const CPU_SLOWDOWN = 4;

export function launch() {
  return puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [...CHROME_ARGS, `--window-size=${WINDOW.width},${WINDOW.height}`],
    defaultViewport: WINDOW,
  });
}

/** A page in a fresh browser context (empty storage and cache) with the CPU slowed down. */
export async function freshPage(browser, slowdown = CPU_SLOWDOWN) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const client = await page.createCDPSession();
  await client.send('Emulation.setCPUThrottlingRate', {rate: slowdown});
  return {context, page, client};
}

/** Runs a benchmark, then closes what it used (browser, server); exits 1 if it failed. */
export async function runThenClose(run, ...used) {
  let failed = false;
  try {
    await run();
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    for (const resource of used) await resource.close();
  }
  process.exit(failed ? 1 : 0);
}
