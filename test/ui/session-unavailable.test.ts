/**
 * A page whose session module cannot load (a deploy that lost the file, a network that drops
 * it): the customer's decision still applies on the page, they are told it was not saved, and
 * the site hears why once. The test server answers 503 for the module (module-block-plugin).
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {DECISION_KEY} from '../../src/browser/storage.js';
import type {ConsentErrorDetail} from '../../src/events.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  buttonNamed,
  captureErrors,
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  shadow,
  statusText,
  switchNamed,
} from '../support/center.js';

const UNSAVED =
  "Your choice applies on this page only: it couldn't be saved. We'll ask again on your next visit.";
const ALL_GRANTED = {
  essential: 'granted',
  analytics: 'granted',
  recommendations: 'granted',
  ads: 'granted',
};
const ALL_DENIED = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'denied',
  ads: 'denied',
};

describe('<privacy-preferences> when the session cannot load', () => {
  failOnWarnings();
  const logged = captureErrors();
  let consentErrors: ConsentErrorDetail[] = [];
  const onError = (event: Event) =>
    void consentErrors.push((event as CustomEvent<ConsentErrorDetail>).detail);

  before(() => executeServerCommand('block-modules', {paths: ['/src/center/consent-session.ts']}));
  after(() => executeServerCommand('block-modules', {paths: []}));
  beforeEach(async () => {
    await forgetEverything();
    consentErrors = [];
    document.addEventListener('consent-error', onError);
    (window as {analyticsRan?: number}).analyticsRan = 0;
  });
  afterEach(() => document.removeEventListener('consent-error', onError));

  /** The site heard once why nothing is recorded, and the console says the same. */
  function expectOneSessionError(): void {
    expect(consentErrors, JSON.stringify(consentErrors)).to.have.length(1);
    const [error] = consentErrors;
    expect(error!.willRetry).to.equal(false);
    expect(
      error!.message.startsWith('<privacy-preferences>: the consent session could not be loaded ('),
    ).to.equal(true, error!.message);
    expect(error!.message.endsWith('); the choices in force stay applied.')).to.equal(
      true,
      error!.message,
    );
    expect(logged.messages).to.deep.equal([error!.message]);
  }

  it('banner: "Accept all" and "Reject all" apply on the page, the banner says they were not saved', async () => {
    const {el} = await renderCenter(
      html`<div>
        <script type="text/plain" data-purpose="analytics">
          window.analyticsRan += 1;
        </script>
        <privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>
      </div>`,
    );
    await waitUntil(() => shadow(el).querySelector('[part="banner"]'), 'no banner');
    const accept = buttonNamed(el, 'Accept all');
    accept.focus();
    const accepted = nextEvent('consent-change');
    accept.click();
    expect((await accepted).detail).to.deep.equal({
      choices: ALL_GRANTED,
      changed: ['analytics', 'recommendations', 'ads'],
      revoked: [],
      method: 'accept-all',
    });
    await el.updateComplete;
    expect(el.choices).to.deep.equal(ALL_GRANTED);
    await waitUntil(
      () => (window as {analyticsRan?: number}).analyticsRan === 1,
      'analytics never ran',
    );
    // Still asked, and told why: on screen, and through the live region.
    const banner = shadow(el).querySelector('[part="banner"]');
    expect(banner?.querySelector('[part="status"]')?.textContent).to.equal(UNSAVED);
    await waitUntil(
      () => shadow(el).querySelector('[aria-live="polite"]')?.textContent === UNSAVED,
      'the live region never said it',
    );
    expect(shadow(el).activeElement?.textContent).to.equal('Accept all');
    expectOneSessionError();
    // Nothing kept as if it had been recorded: the next visit asks again.
    expect(localStorage.getItem(DECISION_KEY)).to.equal(null);

    const rejected = nextEvent('consent-change');
    buttonNamed(el, 'Reject all').click();
    expect((await rejected).detail).to.deep.equal({
      choices: ALL_DENIED,
      changed: ['analytics', 'recommendations', 'ads'],
      revoked: ['analytics', 'recommendations', 'ads'],
      method: 'reject-all',
    });
    await el.updateComplete;
    expectOneSessionError();
    await expect(el).to.be.accessible();
  });

  it('inline: setChoice() and the switches apply, and the status line says they were not saved', async () => {
    const {el, event} = await renderCenter(
      html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
    );
    expect(event.detail).to.deep.equal({choices: ALL_DENIED, source: 'default'});
    expectOneSessionError();
    expect(statusText(el)).to.equal('');

    const set = nextEvent('consent-change');
    el.setChoice('recommendations', true);
    expect((await set).detail).to.deep.equal({
      choices: {...ALL_DENIED, recommendations: 'granted'},
      changed: ['recommendations'],
      revoked: [],
      method: 'api',
    });
    await el.updateComplete;
    expect(statusText(el)).to.equal(UNSAVED);

    const toggled = nextEvent('consent-change');
    switchNamed(el, 'Usage analytics').click();
    expect((await toggled).detail).to.deep.equal({
      choices: {...ALL_DENIED, recommendations: 'granted', analytics: 'granted'},
      changed: ['analytics'],
      revoked: [],
      method: 'toggle',
    });
    await el.updateComplete;
    expect(el.getChoice('analytics')).to.equal('granted');
    expect(switchNamed(el, 'Usage analytics').getAttribute('aria-checked')).to.equal('true');
    // A required purpose stays on, as with a session.
    el.setChoice('essential', false);
    await el.updateComplete;
    expect(el.getChoice('essential')).to.equal('granted');
    expectOneSessionError();
    await expect(el).to.be.accessible();
  });
});
