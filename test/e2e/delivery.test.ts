/**
 * Reliable delivery, end to end against the real reference endpoint (child process, real
 * HTTP, a real SQLite file). Faults are injected by a proxy in front of it; each "tab" is a
 * same-origin page in an iframe, so closing a tab really unloads a page.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  failOnWarnings,
  lastSavedText,
  nextEvent,
  renderCenter,
  statusText,
  switchNamed,
} from '../support/center.js';
import {storedOutbox} from '../support/indexeddb.js';
import {
  acceptConnections,
  failNextPosts,
  posts,
  refuseConnections,
  freshEndpoint,
  storedRecords,
} from '../support/consent-server.js';
import {closeTabs, openTab} from '../support/tabs.js';

const FINAL_AFTER_SEVEN = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'denied',
  ads: 'granted',
};

describe('reliable delivery to the reference endpoint', function () {
  this.timeout(20_000);
  failOnWarnings();
  const endpoint = freshEndpoint();

  afterEach(() => closeTabs());

  it('retries through three 503s with one key, and the endpoint stores the record once', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="s-503"
        locale="en"
      ></privacy-preferences>`,
    );
    await failNextPosts(503, 3);
    const errors: {willRetry: boolean; status?: number}[] = [];
    el.addEventListener('consent-error', (event) => errors.push(event.detail));
    const saved = nextEvent('consent-saved');
    el.setChoice('analytics', true);
    await el.updateComplete;
    expect(el.getChoice('analytics')).to.equal('granted'); // honored in the page at once
    await waitUntil(() => errors.length >= 1, 'no first failure', {timeout: 5000});
    await el.updateComplete;
    if (errors.length < 3) expect(statusText(el)).to.equal("Not saved yet. We'll keep trying.");
    const {detail} = await saved;

    const attempts = await posts();
    expect(attempts.map((attempt) => attempt.status)).to.deep.equal([503, 503, 503, 201]);
    expect(new Set(attempts.map((attempt) => attempt.idempotencyKey))).to.deep.equal(
      new Set([detail.record.recordId]),
    );
    expect(errors).to.deep.equal([
      {message: 'Injected fault.', status: 503, willRetry: true},
      {message: 'Injected fault.', status: 503, willRetry: true},
      {message: 'Injected fault.', status: 503, willRetry: true},
    ]);
    const stored = await storedRecords('s-503');
    expect(stored).to.have.length(1);
    expect(stored[0].record.recordId).to.equal(detail.record.recordId);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Saved.');
    expect(lastSavedText(el)).to.match(/^Last saved .+\.$/);
    await expect(el).to.be.accessible();
  });

  it('waits as long as Retry-After says before trying again', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="s-429"
      ></privacy-preferences>`,
    );
    await failNextPosts(429, 1, '1');
    const saved = nextEvent('consent-saved');
    el.setChoice('ads', true);
    await saved;
    const [limited, accepted] = await posts();
    expect([limited.status, accepted.status]).to.deep.equal([429, 201]);
    expect(accepted.at - limited.at).to.be.at.least(950);
    expect(accepted.idempotencyKey).to.equal(limited.idempotencyKey);
  });

  it('keeps a record while the endpoint refuses connections and the tab is closed; the next load delivers it', async () => {
    await refuseConnections();
    const first = await openTab(endpoint.url, 's-offline');
    const failed = waitUntil(
      () => first.events.some((event) => event.type === 'consent-error'),
      'no error',
    );
    switchNamed(first.center, 'Personal recommendations').click();
    await failed;
    const error = first.events.find((event) => event.type === 'consent-error')!.detail;
    expect(error).to.deep.equal({
      message: 'The consent endpoint could not be reached.',
      willRetry: true,
    });
    first.close(); // the customer closes the tab
    expect(await storedRecords('s-offline')).to.have.length(0);

    await acceptConnections();
    const next = await openTab(endpoint.url, 's-offline'); // the next page load
    await waitUntil(
      () => next.events.some((event) => event.type === 'consent-saved'),
      'not delivered',
      {
        timeout: 10_000,
      },
    );
    const stored = await storedRecords('s-offline');
    expect(stored).to.have.length(1);
    expect(stored[0].record.choices).to.deep.equal({
      essential: 'granted',
      analytics: 'denied',
      recommendations: 'granted',
      ads: 'denied',
    });
    expect(stored[0].record.changed).to.deep.equal(['recommendations']);
    expect(next.center.getChoice('recommendations')).to.equal('granted');
  });

  it('still delivers, quietly, when the element leaves the page with a record in flight', async () => {
    const problems: unknown[] = [];
    const record = (event: PromiseRejectionEvent | ErrorEvent) =>
      problems.push('reason' in event ? event.reason : event.error);
    window.addEventListener('unhandledrejection', record);
    window.addEventListener('error', record);
    try {
      const {el} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          endpoint=${endpoint.url}
          subject="s-leaving"
        ></privacy-preferences>`,
      );
      el.setChoice('analytics', true);
      el.remove(); // a single-page app navigates away at once
      await waitUntil(async () => (await storedRecords('s-leaving')).length === 1, 'not stored', {
        timeout: 5000,
      });
      await waitUntil(async () => (await storedOutbox()).length === 0, 'outbox kept');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(problems).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', record);
      window.removeEventListener('error', record);
    }
  });

  it('does not retry a 422 and shows it', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="s-422"
        locale="en"
      ></privacy-preferences>`,
    );
    await failNextPosts(422, 1);
    const error = nextEvent('consent-error');
    el.setChoice('analytics', true);
    expect((await error).detail).to.deep.equal({
      message: 'Injected fault.',
      status: 422,
      willRetry: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the first backoff
    expect(await posts()).to.have.length(1);
    expect(await storedRecords('s-422')).to.have.length(0);
    await el.updateComplete;
    expect(statusText(el)).to.equal(
      "We couldn't save this change. It still applies in this browser. Try again, or contact us.",
    );
  });

  it('stores the final state as the last record after seven rapid toggles', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="s-rapid"
      ></privacy-preferences>`,
    );
    const analytics = switchNamed(el, 'Usage analytics');
    const ads = switchNamed(el, 'Ads on other websites');
    for (const toggle of [analytics, ads, analytics, ads, analytics, ads, analytics])
      toggle.click();
    // analytics is toggled four times (back to denied), ads three times (granted): recorded in
    // order once the frame showing them is painted.
    await el.updateComplete;
    expect(switchNamed(el, 'Ads on other websites').getAttribute('aria-checked')).to.equal('true');
    expect(el.choices).to.deep.equal(FINAL_AFTER_SEVEN);
    await waitUntil(
      async () => (await storedRecords('s-rapid'))[0]?.record.choices.ads === 'granted',
      'final record not stored',
      {timeout: 10_000},
    );
    const stored = await storedRecords('s-rapid');
    expect(stored[0].record.choices).to.deep.equal(FINAL_AFTER_SEVEN);
    expect(stored.length).to.be.within(1, 7);
    const keys = (await posts()).map((attempt) => attempt.idempotencyKey);
    expect(new Set(keys).size).to.equal(keys.length); // no record sent twice
  });

  it('keeps two tabs in sync without a second POST', async () => {
    const a = await openTab(endpoint.url, 's-tabs');
    const b = await openTab(endpoint.url, 's-tabs');
    switchNamed(a.center, 'Ads on other websites').click();
    await waitUntil(() => b.center.getChoice('ads') === 'granted', 'tab B did not follow', {
      timeout: 5000,
    });
    await b.center.updateComplete;
    expect(switchNamed(b.center, 'Ads on other websites').getAttribute('aria-checked')).to.equal(
      'true',
    );
    const change = b.events.find((event) => event.type === 'consent-change')!.detail;
    expect(change).to.deep.include({changed: ['ads'], method: 'sync'});
    await waitUntil(() => a.events.some((event) => event.type === 'consent-saved'), 'not saved');
    await waitUntil(
      () => lastSavedText(b.center).startsWith('Last saved'),
      'tab B did not hear of the save',
    );
    expect(b.events.some((event) => event.type === 'consent-saved')).to.equal(false);
    expect(await posts()).to.have.length(1);
    expect(await storedRecords('s-tabs')).to.have.length(1);
  });
});
