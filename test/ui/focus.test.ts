/**
 * Focus never hidden, never lost: every part that takes focus shows the center's ring, a
 * focused control is never covered by the dialog's sticky parts, and focus goes somewhere
 * sensible when what held it goes away — walked with the keyboard, as a customer would.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  captureErrors,
  failOnWarnings,
  forgetEverything,
  renderCenter,
  shadow,
} from '../support/center.js';

/** The focused element, through shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The ring drawn around `element` while it has focus. */
function ringOf(element: Element) {
  const {outlineStyle, outlineWidth, outlineColor} = getComputedStyle(element);
  return {outlineStyle, outlineWidth, outlineColor};
}

describe('focus', () => {
  failOnWarnings();
  const errors = captureErrors();
  beforeEach(() => forgetEverything());
  afterEach(() => {
    document.documentElement.style.overflow = '';
    expect(errors.messages, errors.messages.join('\n')).to.deep.equal([]);
  });

  describe('our ring on every part that takes focus', () => {
    it('the dialog heading, focused on opening from the keyboard, has the ring of the buttons', async () => {
      const {el} = await renderCenter(
        html`<div>
          <button id="opener">Privacy choices</button>
          <privacy-preferences mode="modal" .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      const opener = document.querySelector<HTMLButtonElement>('#opener')!;
      opener.addEventListener('click', () => el.open());
      opener.focus();
      await sendKeys({press: 'Enter'});
      await waitUntil(() => focused()?.id === 'heading', 'the heading did not take focus');
      const heading = focused()!;
      expect(heading.matches(':focus-visible')).to.equal(true);
      const button = shadow(el).querySelector<HTMLElement>('[part="action"]')!;
      const headingRing = ringOf(heading);
      button.focus();
      expect(headingRing).to.deep.equal(ringOf(button));
      expect(headingRing.outlineStyle).to.equal('solid');
      expect(headingRing.outlineWidth).to.equal('3px');
    });

    it('the status, focused from the keyboard, has the ring of the buttons', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      const button = shadow(el).querySelector<HTMLElement>('[part="action"]')!;
      button.focus();
      await sendKeys({press: 'Shift'}); // the keyboard is in use: focus moved by script shows
      const status = shadow(el).querySelector<HTMLElement>('[part="status"]')!;
      const buttonRing = ringOf(button);
      status.focus();
      expect(status.matches(':focus-visible')).to.equal(true);
      expect(ringOf(status)).to.deep.equal(buttonRing);
    });
  });
});
