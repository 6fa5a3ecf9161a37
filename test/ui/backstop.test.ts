/**
 * The network backstop, through the element: a recipient's `hosts` are held back while every
 * purpose listing them is off, granting lifts it at once, what was held back is in `activity`
 * and under the purpose — and the consent endpoint is never held back, even on a listed host.
 * The vendor here is this test server under another name (127.0.0.1, the page being on
 * localhost), as is the endpoint.
 */
import {executeServerCommand} from '@web/test-runner-commands';
import {expect, html, waitUntil} from '@open-wc/testing';
import type {PrivacyConfig} from '../../src/core/config.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {freshEndpoint} from '../support/consent-server.js';
import {failOnWarnings, nextEvent, renderCenter, shadow, switchNamed} from '../support/center.js';

const PROBE = '/__backstop-probe/element-';
const vendor = (name: string) => `http://127.0.0.1:${location.port}${PROBE}${name}`;

const config: PrivacyConfig = {
  ...shopConfig,
  purposes: shopConfig.purposes.map((purpose) =>
    purpose.id === 'analytics'
      ? {...purpose, recipients: [{name: 'Stats Co.', hosts: ['127.0.0.1']}]}
      : purpose,
  ),
};

/** The backstop is a module of its own: a page is ready once a request to the vendor fails. */
const backstopHolds = () =>
  waitUntil(
    () =>
      fetch(vendor('probe')).then(
        () => false,
        () => true,
      ),
    'the backstop never held',
  );

const hits = () => executeServerCommand<string[], {prefix: string}>('probe-hits', {prefix: PROBE});

describe('<privacy-preferences>: the network backstop', function () {
  this.timeout(20_000);
  failOnWarnings();
  const endpoint = freshEndpoint();
  beforeEach(() => executeServerCommand('probe-reset', {prefix: PROBE}));

  it('holds back requests to a listed host while its purpose is off, and says so', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${config} endpoint=${endpoint.url}></privacy-preferences>`,
    );
    await backstopHolds();
    const outcome = await fetch(vendor('held')).then(
      () => 'sent',
      (error: unknown) => `${(error as Error).name}`,
    );
    expect(outcome).to.equal('TypeError');
    expect(navigator.sendBeacon(vendor('beacon'), '')).to.equal(false);
    await el.updateComplete;
    expect(el.activity.analytics).to.deep.equal({ran: [], blocked: ['127.0.0.1'], removed: []});
    expect(
      shadow(el)
        .querySelector('[data-purpose="analytics"] [part="activity"]')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).to.equal('On this page 3 requests held back while it was off, to: 127.0.0.1.');

    // Turned on: the very next request goes; the decision itself reached the endpoint.
    switchNamed(el, 'Usage analytics').click();
    await nextEvent('consent-saved');
    await fetch(vendor('after'));
    // (A probe sent before the backstop's module was in may have gone: not what is asserted.)
    expect((await hits()).filter((path) => !path.endsWith('probe'))).to.deep.equal([
      `${PROBE}after`,
    ]);
    await expect(el).to.be.accessible();
  });

  it('never holds back the consent endpoint, though its host is listed', async () => {
    expect(new URL(endpoint.url).hostname).to.equal('127.0.0.1');
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${config} endpoint=${endpoint.url}></privacy-preferences>`,
    );
    await backstopHolds();
    el.setChoice('ads', true); // analytics stays off: 127.0.0.1 is held back
    const {detail} = await nextEvent('consent-saved');
    expect(detail.record.choices).to.include({analytics: 'denied', ads: 'granted'});
    expect(el.activity.analytics?.blocked).to.deep.equal(['127.0.0.1']);
  });
});
