// @ts-check
/**
 * Web Test Runner plugin: `executeServerCommand('accessible-text', {selector})` answers the
 * accessible name and description the browser itself computed for the element `selector` finds
 * (through shadow roots), as a screen reader gets them — not a re-implementation of the
 * algorithm in the test, which would miss the browser's own quirks (a space between two inline
 * elements lost to the markers a template leaves). Chromium only: `false` in Firefox, whose
 * WebDriver BiDi has no accessibility tree yet.
 */
export function accessibilityPlugin() {
  return {
    name: 'accessible-text',
    /** @param {{command: string, payload: any, session: any}} context */
    async executeCommand({command, payload, session}) {
      if (command !== 'accessible-text') return undefined;
      if (session.browser.type !== 'puppeteer') return false;
      const page = session.browser.getPage(session.id);
      if (page.browser().protocol === 'webDriverBiDi') return false;
      const element = await page.$(`pierce/${payload.selector}`);
      if (!element) throw new Error(`nothing matches ${payload.selector}`);
      const node = await page.accessibility.snapshot({root: element, interestingOnly: false});
      return {name: node?.name ?? '', description: node?.description ?? ''};
    },
  };
}
