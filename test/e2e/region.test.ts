/**
 * The endpoint's region hint, end to end: the real reference endpoint (REGION_HEADER set, its
 * header added by the test proxy as a CDN would) tells the element where the customer is when
 * the page does not.
 */
import {expect, html} from '@open-wc/testing';
import type {PrivacyConfig, PrivacyPreferences} from '../../src/index.js';
import {REGION_KEY} from '../../src/browser/region-hint.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {SUBJECT_KEY} from '../../src/browser/subject.js';
import {buttonNamed, failOnWarnings, nextEvent, renderCenter, shadow} from '../support/center.js';
import {
  freshEndpoint,
  gets,
  injectFault,
  refuseConnections,
  setClientCountry,
  storedRecords,
} from '../support/consent-server.js';

const config: PrivacyConfig = {
  ...shopConfig,
  jurisdictions: {
    EU: {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395, closeMeans: 'reject'},
    'US-CA': {model: 'opt-out', reaskAfterRefusalDays: 365, maxAgeDays: 395},
  },
};

describe('the region hint of the endpoint', function () {
  this.timeout(20_000);
  failOnWarnings();
  const endpoint = freshEndpoint();

  function banner(attributes: {region?: string} = {}) {
    return renderCenter(
      html`<privacy-preferences
        mode="banner"
        endpoint=${endpoint.url}
        region=${attributes.region ?? ''}
        .config=${config}
      ></privacy-preferences>`,
    );
  }

  const bannerOf = (el: PrivacyPreferences) => shadow(el).querySelector('[part="banner"]');
  const regionAsks = async () =>
    (await gets()).filter((attempt) => attempt.path === '/api/consent/region').length;

  it('in California: no banner, purposes on; the hint is kept, and not asked again', async () => {
    await setClientCountry('US-CA');
    const {el} = await banner();
    expect(bannerOf(el)).to.equal(null);
    expect(el.getChoice('analytics')).to.equal('granted');
    expect(JSON.parse(localStorage.getItem(REGION_KEY)!).region).to.equal('US-CA');
    el.remove();
    await banner();
    expect(await regionAsks()).to.equal(1);
  });

  it('in Germany: the EU rule, the banner asks; the record says where and under which rule', async () => {
    await setClientCountry('DE');
    const {el} = await banner();
    expect(bannerOf(el)).to.exist;
    expect(el.getChoice('analytics')).to.equal('denied');
    const saved = nextEvent('consent-saved');
    buttonNamed(el, 'Accept all').click();
    await saved;
    const [stored] = await storedRecords(localStorage.getItem(SUBJECT_KEY)!);
    expect(stored!.record.evidence).to.deep.equal({
      surface: 'banner',
      region: 'DE',
      rule: 'opt-in',
    });
  });

  it('in France, closing the banner: "Reject all", recorded as made by closing it', async () => {
    await setClientCountry('FR');
    const {el} = await banner();
    const saved = nextEvent('consent-saved');
    shadow(el).querySelector<HTMLButtonElement>('[part="banner-close"]')!.click();
    const {detail} = await saved;
    expect(detail.record.method).to.equal('reject-all');
    expect(detail.record.evidence).to.deep.equal({
      surface: 'banner-close',
      region: 'FR',
      rule: 'opt-in',
    });
  });

  it("the page's region wins, and the endpoint is not asked", async () => {
    await setClientCountry('DE');
    const {el} = await banner({region: 'US-CA'});
    expect(bannerOf(el)).to.equal(null);
    expect(await regionAsks()).to.equal(0);
  });

  it('the endpoint cannot tell: the strictest rule', async () => {
    await setClientCountry(undefined);
    const {el} = await banner();
    expect(bannerOf(el)).to.exist;
    expect(await regionAsks()).to.equal(1);
  });

  for (const [what, body] of [
    ['a region that is no code', '{"region": "Germany"}'],
    ['a number', '{"region": 42}'],
    ['no JSON at all', '<html>Sign in</html>'],
    ['an array', '["US-CA"]'],
  ] as const)
    it(`an answer with ${what}: the strictest rule, and nothing kept`, async () => {
      await injectFault({method: 'GET', status: 200, times: 1, body});
      const {el} = await banner();
      expect(bannerOf(el)).to.exist;
      expect(el.getChoice('analytics')).to.equal('denied');
      expect(localStorage.getItem(REGION_KEY)).to.equal(null);
    });

  it('the endpoint unreachable: the strictest rule, at once', async () => {
    await refuseConnections();
    const started = performance.now();
    const {el} = await banner();
    expect(bannerOf(el)).to.exist;
    expect(performance.now() - started).to.be.below(5000);
    expect(localStorage.getItem(REGION_KEY)).to.equal(null);
  });
});
