// @ts-check
/**
 * Web Test Runner plugin: `executeServerCommand('emulate-forced-colors', {active})` turns on the
 * browser's forced colours mode (Windows High Contrast) for the test page, through the DevTools
 * protocol: puppeteer's own emulateMediaFeatures does not accept `forced-colors`.
 */
export function forcedColorsPlugin() {
  // Emulation lasts as long as the DevTools session that asked for it: one kept per page.
  const sessions = new WeakMap();
  return {
    name: 'emulate-forced-colors',
    /** @param {{command: string, payload: unknown, session: any}} context */
    async executeCommand({command, payload, session}) {
      if (command !== 'emulate-forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer')
        throw new Error(`forced colours cannot be emulated in ${session.browser.type}`);
      const active = /** @type {{active?: boolean}} */ (payload)?.active === true;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', {
        features: [{name: 'forced-colors', value: active ? 'active' : 'none'}],
      });
      return true;
    },
  };
}
