/**
 * "On this page": under each purpose, what this page ran for it, held back while it was off
 * and removed when it was turned off; the same facts are the element's `activity`.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {render} from 'lit';
import type {PrivacyConfig} from '../../src/core/config.js';
import {renderPageActivity} from '../../src/ui/page-activity.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  failOnWarnings,
  forgetEverything,
  renderCenter,
  shadow,
  switchNamed,
} from '../support/center.js';

const config: PrivacyConfig = {
  ...shopConfig,
  purposes: shopConfig.purposes.map((purpose) =>
    purpose.id === 'analytics' ? {...purpose, cookies: ['_ga'], storage: ['amplitude_*']} : purpose,
  ),
};

const activityText = (el: Element, purposeId: string) =>
  shadow(el as never)
    .querySelector(`[data-purpose="${purposeId}"] [part="activity"]`)
    ?.textContent?.replace(/\s+/g, ' ')
    .trim();

describe('<privacy-preferences>: "On this page"', () => {
  failOnWarnings();
  beforeEach(() => forgetEverything());
  afterEach(() => {
    document.cookie = '_ga=; max-age=0; path=/';
    delete (window as {tagRuns?: number}).tagRuns;
  });

  it('says what ran, then what was removed when it was turned off; `activity` says the same', async () => {
    const {el} = await renderCenter(
      html`<div>
        <script type="text/plain" data-purpose="analytics">
          window.tagRuns = (window.tagRuns ?? 0) + 1;
          document.cookie = '_ga=GA1.1; path=/';
          localStorage.setItem('amplitude_id', '1');
        </script>
        <privacy-preferences .config=${config}></privacy-preferences>
      </div>`,
    );
    expect(activityText(el, 'analytics'), 'nothing happened yet: nothing said').to.equal(undefined);
    expect(el.activity.analytics).to.deep.equal({ran: [], blocked: [], removed: []});

    switchNamed(el, 'Usage analytics').click();
    await waitUntil(() => (window as {tagRuns?: number}).tagRuns === 1, 'the tag never ran');
    await el.updateComplete;
    expect(activityText(el, 'analytics')).to.equal(`On this page Ran from: ${location.hostname}.`);

    switchNamed(el, 'Usage analytics').click();
    await waitUntil(() => el.activity.analytics?.removed.length === 2, 'nothing was removed');
    await el.updateComplete;
    expect(el.activity).to.deep.include({
      analytics: {ran: [location.hostname], blocked: [], removed: ['_ga', 'amplitude_id']},
      ads: {ran: [], blocked: [], removed: []},
    });
    expect(activityText(el, 'analytics')).to.equal(
      `On this page Ran from: ${location.hostname}. Removed because it is off: _ga and amplitude_id.`,
    );
    expect(activityText(el, 'ads')).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('is an empty object before the configuration is read', async () => {
    const el = await fixture<HTMLElement & {activity: unknown}>(
      html`<privacy-preferences></privacy-preferences>`,
    );
    expect(el.activity).to.deep.equal({});
  });
});

describe('renderPageActivity', () => {
  const text = (activity: Parameters<typeof renderPageActivity>[0]) => {
    const container = document.createElement('div');
    render(renderPageActivity(activity, 'en'), container);
    return container.textContent?.replace(/\s+/g, ' ').trim();
  };
  const none = {ran: [], blocked: [], removed: [], blockedCount: 0};

  it('counts requests held back, and names their hosts', () => {
    expect(text({...none, blocked: ['collect.example'], blockedCount: 1})).to.equal(
      'On this page 1 request held back while it was off, to: collect.example.',
    );
    expect(text({...none, blocked: ['a.example', 'b.example'], blockedCount: 12})).to.equal(
      'On this page 12 requests held back while it was off, to: a.example and b.example.',
    );
  });

  it('says nothing when nothing happened', () => {
    expect(text(none)).to.equal('');
    expect(text(undefined)).to.equal('');
  });
});
