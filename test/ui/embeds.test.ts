/**
 * Embeds through the element: a frame marked `data-purpose` waits behind its placeholder;
 * "Allow …" there is the customer's decision (recorded as a switch is, `method: "toggle"`),
 * loads the frame and takes focus to it; the frame is in `activity`, and turning the purpose off
 * in the center brings the placeholder back. Frames the page adds later are handled too.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import type {PrivacyConfig} from '../../src/core/config.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {mediaPurposes} from '../fixtures/media-purposes.js';
import {
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  switchNamed,
} from '../support/center.js';

const config: PrivacyConfig = {
  ...shopConfig,
  purposes: [...shopConfig.purposes, mediaPurposes.find(({id}) => id === 'media')!],
};
const PROBE = new URL('/test/browser/embeds-fixtures/probe.html', location.href).href;

const placeholderOf = (frame: HTMLIFrameElement) =>
  frame.previousElementSibling?.localName === 'privacy-preferences-embed'
    ? frame.previousElementSibling.shadowRoot!
    : undefined;
const allowIn = (frame: HTMLIFrameElement) =>
  placeholderOf(frame)!.querySelector<HTMLButtonElement>('[part="embed-allow"]')!;

describe('<privacy-preferences>: embeds wait for their purpose', () => {
  failOnWarnings();
  beforeEach(() => forgetEverything());

  it('"Allow" on the placeholder is a recorded decision that loads the frame and takes focus to it', async () => {
    const {el} = await renderCenter(
      html`<div>
        <iframe data-purpose="media" data-src=${PROBE} title="Pitching the tent"></iframe>
        <privacy-preferences .config=${config}></privacy-preferences>
      </div>`,
    );
    const frame = el.parentElement!.querySelector('iframe')!;
    await waitUntil(() => placeholderOf(frame), 'no placeholder came');
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(allowIn(frame).textContent!.replace(/\s+/g, ' ').trim()).to.equal('Allow Video');

    const change = nextEvent('consent-change');
    allowIn(frame).click();
    const {detail} = await change;
    expect([detail.method, detail.changed]).to.deep.equal(['toggle', ['media']]);
    expect(el.getChoice('media')).to.equal('granted');
    await waitUntil(() => frame.getAttribute('src') === PROBE, 'the frame never loaded');
    expect(placeholderOf(frame)).to.equal(undefined);
    expect(document.activeElement).to.equal(frame);
    expect(el.activity.media).to.deep.equal({ran: [location.hostname], blocked: [], removed: []});

    // Off again, in the center: the frame unloads, its placeholder is back.
    switchNamed(el, 'Video').click();
    await waitUntil(() => placeholderOf(frame), 'the placeholder never came back');
    expect(frame.getAttribute('src')).to.not.equal(PROBE);
    await expect(el).to.be.accessible();
  });

  it('handles a frame the page adds after the element started', async () => {
    const {el} = await renderCenter(
      html`<div><privacy-preferences .config=${config}></privacy-preferences></div>`,
    );
    await el.updateComplete;
    const frame = Object.assign(document.createElement('iframe'), {title: 'Later'});
    frame.dataset.purpose = 'media';
    frame.dataset.src = PROBE;
    el.parentElement!.append(frame);
    await waitUntil(() => placeholderOf(frame), 'no placeholder for the frame added later');
    expect(frame.hasAttribute('src')).to.equal(false);
    el.setChoice('media', true);
    await waitUntil(() => frame.getAttribute('src') === PROBE, 'the frame never loaded');
  });
});
