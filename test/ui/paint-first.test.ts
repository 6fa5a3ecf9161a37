/**
 * A click shows its result before anything it sets off runs (CONTRACT §9): the switch is on, or
 * the banner gone, in the next frame painted; the scripts a decision releases, and the page's
 * `consent-change` listeners, run after that frame. A banner decision shows at once even while
 * the session's module is still on its way (the test server holds it back until told).
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import type {PrivacyPreferences} from '../../src/index.js';
import {DECISION_KEY} from '../../src/browser/storage.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  buttonNamed,
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  shadow,
  switchNamed,
} from '../support/center.js';

const SESSION_MODULE = '/src/center/consent-session.ts';

interface Seen {
  /** The analytics switch's state when the released script ran. */
  checked: string | null;
  /** Whether a frame had been painted since the click. */
  painted: boolean;
}

type TestWindow = Window & {__seen?: Seen; __paintedSinceClick?: boolean; __ppCenter?: Element};

/**
 * Starts watching for the first frame painted from now on: a task queued by its animation
 * callback runs once it is painted. Started before the click, so that it is told before
 * anything the click queues the same way.
 */
function watchNextPaint(): void {
  const win = window as TestWindow;
  win.__paintedSinceClick = false;
  requestAnimationFrame(() => setTimeout(() => (win.__paintedSinceClick = true)));
}

describe('a click is painted before what it releases runs', () => {
  failOnWarnings();
  beforeEach(async () => {
    await forgetEverything();
    delete (window as TestWindow).__seen;
  });

  // First in this file: a page that already imported the session's module keeps it.
  it('"Accept all" while the session module is still on its way: the banner goes at once, the decision is recorded when it arrives', async () => {
    await executeServerCommand('hold-modules', {paths: [SESSION_MODULE]});
    try {
      const {el} = await renderCenter(
        html`<privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>`,
      );
      const changes: string[] = [];
      el.addEventListener('consent-change', (event) => changes.push(event.detail.method));
      buttonNamed(el, 'Accept all').click();
      // Gone in the click's own frame: nothing of the session has arrived yet.
      await new Promise(requestAnimationFrame);
      expect(shadow(el).querySelector('[part="banner"]')).to.equal(null);
      expect(changes).to.deep.equal([]);
      expect(localStorage.getItem(DECISION_KEY)).to.equal(null);
      await expect(el).to.be.accessible();

      const recorded = nextEvent('consent-change');
      await executeServerCommand('release-modules');
      expect((await recorded).detail.method).to.equal('accept-all');
      await el.updateComplete;
      expect(changes).to.deep.equal(['accept-all']);
      await waitUntil(() => localStorage.getItem(DECISION_KEY) !== null, 'never stored');
      expect(JSON.parse(localStorage.getItem(DECISION_KEY)!).choices.analytics).to.equal('granted');
      expect(shadow(el).querySelector('[part="banner"]')).to.equal(null);
    } finally {
      await executeServerCommand('hold-modules', {paths: []});
    }
  });

  it('a switch: on screen first, then the analytics script it releases runs and the page hears of it', async () => {
    const {el} = await renderCenter(
      html`<div>
        <privacy-preferences .config=${shopConfig}></privacy-preferences>
        <script type="text/plain" data-purpose="analytics">
          window.__seen = {
            checked: window.__ppCenter.shadowRoot
              .querySelector('[data-purpose="analytics"] [role="switch"]')
              .getAttribute('aria-checked'),
            painted: window.__paintedSinceClick === true,
          };
        </script>
      </div>`,
    );
    (window as TestWindow).__ppCenter = el;
    let heard: Seen | undefined;
    el.addEventListener('consent-change', () => {
      heard = {
        checked: switchNamed(el, 'Usage analytics').getAttribute('aria-checked'),
        painted: (window as TestWindow).__paintedSinceClick === true,
      };
    });
    const changed = nextEvent('consent-change');
    watchNextPaint();
    switchNamed(el, 'Usage analytics').click();
    await changed;
    await waitUntil(() => (window as TestWindow).__seen !== undefined, 'the script never ran');
    expect((window as TestWindow).__seen).to.deep.equal({checked: 'true', painted: true});
    expect(heard).to.deep.equal({checked: 'true', painted: true});
    await expect(el).to.be.accessible();
  });

  it("the site's own setChoice() is applied and told at once, in the same task", async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
    );
    const methods: string[] = [];
    el.addEventListener('consent-change', (event) => methods.push(event.detail.method));
    (el as PrivacyPreferences).setChoice('analytics', true);
    expect(methods).to.deep.equal(['api']);
    expect(el.choices.analytics).to.equal('granted');
  });
});
