/**
 * The full center opened on a page whose load had nothing to send or restore: it shows this
 * browser's choices without waiting for the session (its module, its store), and a switch
 * flipped meanwhile is recorded the way the customer saw it go once the session runs. The test
 * server holds the session's module back until told (module-block-plugin).
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {DECISION_KEY} from '../../src/browser/storage.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  shadow,
  switchNamed,
  switches,
} from '../support/center.js';

const SESSION_MODULE = '/src/center/consent-session.ts';

describe('the center before its session has started', () => {
  failOnWarnings();
  beforeEach(() => forgetEverything());

  // Alone in this file: a page that already imported the session's module keeps it.
  it("shows this browser's choices at once, and records a switch flipped meanwhile as the customer saw it", async () => {
    await executeServerCommand('hold-modules', {paths: [SESSION_MODULE]});
    try {
      const {el} = await renderCenter(
        html`<privacy-preferences mode="modal" .config=${shopConfig}></privacy-preferences>`,
      );
      el.open();
      await waitUntil(() => switches(el).length > 0, 'the choices waited for the session');
      const section = shadow(el).querySelector('[part="base"]')!;
      expect(section.getAttribute('aria-busy')).to.equal('false');
      const analytics = () => switchNamed(el, 'Usage analytics');
      expect(analytics().getAttribute('aria-checked')).to.equal('false');
      await expect(el).to.be.accessible();

      analytics().click();
      await waitUntil(() => analytics().getAttribute('aria-checked') === 'true', 'no flip');
      expect(localStorage.getItem(DECISION_KEY)).to.equal(null);

      const recorded = nextEvent('consent-change');
      await executeServerCommand('release-modules');
      const {detail} = await recorded;
      expect([detail.method, detail.changed, detail.choices.analytics]).to.deep.equal([
        'toggle',
        ['analytics'],
        'granted',
      ]);
      await waitUntil(() => localStorage.getItem(DECISION_KEY) !== null, 'never stored');
      expect(JSON.parse(localStorage.getItem(DECISION_KEY)!).choices.analytics).to.equal('granted');
      expect(analytics().getAttribute('aria-checked')).to.equal('true');
    } finally {
      await executeServerCommand('hold-modules', {paths: []});
    }
  });
});
