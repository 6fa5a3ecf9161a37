/**
 * `heading-level`: the center's and the banner's heading at the level the page's outline needs
 * (an account page under its own h2 wants an h3), each purpose's title one level below.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import type {PrivacyPreferences} from '../../src/index.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  captureErrors,
  failOnWarnings,
  forgetEverything,
  renderCenter,
  shadow,
} from '../support/center.js';

/** The tag names of the center's heading and of its purposes' titles. */
function outline(el: PrivacyPreferences): {heading: string; titles: string[]} {
  const root = shadow(el);
  return {
    heading: root.querySelector('#heading')!.localName,
    titles: [
      ...new Set([...root.querySelectorAll('[part="purpose-title"]')].map((t) => t.localName)),
    ],
  };
}

describe('heading-level', () => {
  failOnWarnings();
  const errors = captureErrors();
  beforeEach(() => forgetEverything());
  afterEach(() => {
    expect(errors.messages, errors.messages.join('\n')).to.deep.equal([]);
  });

  for (const [level, heading, title] of [
    [undefined, 'h2', 'h3'],
    ['3', 'h3', 'h4'],
    ['5', 'h5', 'h6'],
    ['6', 'h6', 'h6'],
  ] as const) {
    it(`${level ?? 'none'}: the center's heading an ${heading}, purpose titles ${title}s`, async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          heading-level=${level ?? ''}
          locale="en"
        ></privacy-preferences>`,
      );
      if (!level) el.removeAttribute('heading-level');
      await el.updateComplete;
      expect(outline(el)).to.deep.equal({heading, titles: [title]});
      expect(el.headingLevel).to.equal(level ?? '2');
      await expect(el).to.be.accessible();
    });
  }

  for (const wrong of ['1', '7', 'three', '']) {
    it(`"${wrong}" is not a level: h2, and the property reads "2"`, async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          heading-level=${wrong}
        ></privacy-preferences>`,
      );
      expect(el.headingLevel).to.equal('2');
      expect(outline(el)).to.deep.equal({heading: 'h2', titles: ['h3']});
    });
  }

  it('the banner heading and the dialog it opens take the level too, in Arabic', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences
        mode="banner"
        locale="ar"
        heading-level="4"
        .config=${shopConfig}
      ></privacy-preferences>`,
    );
    await waitUntil(() => shadow(el).querySelector('[part="banner"]'), 'no banner');
    const bannerHeading = shadow(el).querySelector('#banner-heading')!;
    expect(bannerHeading.localName).to.equal('h4');
    expect(shadow(el).querySelector('[part="banner"]')!.getAttribute('aria-labelledby')).to.equal(
      bannerHeading.id,
    );
    await expect(el).to.be.accessible();
    el.open();
    await waitUntil(
      () => shadow(el).querySelector('dialog[open] [part="purpose-title"]'),
      'no dialog',
    );
    expect(outline(el)).to.deep.equal({heading: 'h4', titles: ['h5']});
    el.close();
  });

  it('a change re-renders in place, without loading again', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
    );
    let loads = 0;
    el.addEventListener('consent-ready', () => loads++);
    el.headingLevel = '3';
    expect(el.getAttribute('heading-level')).to.equal('3');
    await waitUntil(() => outline(el).heading === 'h3', 'not re-rendered');
    await el.updateComplete;
    expect(outline(el)).to.deep.equal({heading: 'h3', titles: ['h4']});
    expect(loads).to.equal(0);
  });
});
