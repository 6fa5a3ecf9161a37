/**
 * Focus never hidden, never lost: every part that takes focus shows the center's ring, a
 * focused control is never covered by the dialog's sticky parts, and focus goes somewhere
 * sensible when what held it goes away — walked with the keyboard, as a customer would.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {sendKeys, setViewport} from '@web/test-runner-commands';
import type {PrivacyPreferences} from '../../src/index.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  buttonNamed,
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

/** Presses Tab, or Shift+Tab. */
async function tab(backwards = false): Promise<void> {
  if (!backwards) return sendKeys({press: 'Tab'});
  await sendKeys({down: 'Shift'});
  await sendKeys({press: 'Tab'});
  await sendKeys({up: 'Shift'});
}

/** Whether two boxes overlap by more than a rounding error. */
function overlap(a: DOMRect, b: DOMRect): boolean {
  return a.bottom - b.top > 0.5 && b.bottom - a.top > 0.5;
}

/**
 * What hides the focused control, if anything: the dialog's sticky close button or actions
 * (unless it is one of them), or the dialog's own edges.
 */
function hiddenPart(el: PrivacyPreferences): string | undefined {
  const control = focused();
  const dialog = shadow(el).querySelector('dialog')!;
  if (!(control instanceof HTMLElement) || !dialog.contains(control))
    return 'focus left the dialog';
  const box = control.getBoundingClientRect();
  for (const part of ['close', 'actions']) {
    const sticky = dialog.querySelector(`[part="${part}"]`)!;
    if (!sticky.contains(control) && overlap(box, sticky.getBoundingClientRect()))
      return `under the ${part}`;
  }
  const edges = dialog.getBoundingClientRect();
  if (box.top < edges.top - 0.5 || box.bottom > edges.bottom + 0.5) return 'outside the dialog';
  return undefined;
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
  describe('never hidden: the dialog keeps a focused control clear of its sticky top', () => {
    let config: unknown;
    before(async () => {
      config = await (await fetch('/demo/purposes.json')).json();
    });
    afterEach(() => setViewport({width: 800, height: 600}));

    // 390×844: a phone; 640×400: 1280×800 at 200 % zoom. Before: 4 and 5 of 22 stops hidden.
    for (const [width, height] of [
      [390, 844],
      [640, 400],
    ] as const) {
      it(`${width}×${height}: every stop, by Tab and by Shift+Tab, fully in view`, async function () {
        this.timeout(30_000);
        await setViewport({width, height});
        const {el} = await renderCenter(
          html`<privacy-preferences mode="modal" .config=${config}></privacy-preferences>`,
        );
        el.open();
        await waitUntil(
          () => shadow(el).querySelector('dialog[open] [part="purposes"]'),
          'no list',
        );
        const stops = [
          ...shadow(el).querySelectorAll<HTMLElement>(
            'dialog a[href], dialog button, dialog summary',
          ),
        ].filter((control) => control.checkVisibility()).length;
        expect(stops).to.be.above(15);
        const hidden: string[] = [];
        for (const key of ['Tab', 'Shift+Tab']) {
          for (let stop = 0; stop < stops; stop++) {
            await tab(key !== 'Tab');
            const why = hiddenPart(el);
            if (why) hidden.push(`${key} ×${stop + 1} (${focused()?.textContent?.trim()}): ${why}`);
          }
        }
        expect(hidden).to.deep.equal([]);
      });
    }
  });

  describe('never lost: when what held focus goes away', () => {
    /** A page: a control before the banner's element, one after it, a long article, a footer link. */
    async function page({withBefore}: {withBefore: boolean}) {
      const {el} = await renderCenter(
        html`<div>
          ${withBefore ? html`<button id="before">Search</button>` : ''}
          <privacy-preferences mode="banner" .config=${shopConfig}></privacy-preferences>
          <a href="#shop" id="after">Shop</a>
          <article style="block-size: 3000px">A long product page</article>
          <a href="#account" id="footer-link" data-privacy-preferences-open>Privacy choices</a>
        </div>`,
      );
      await waitUntil(() => shadow(el).querySelector('[part="banner"]'), 'no banner');
      return el;
    }

    async function chooseWhatToAllow(el: PrivacyPreferences) {
      await sendKeys({press: 'Enter'});
      await waitUntil(() => shadow(el).querySelector('dialog')?.open === true, 'no dialog');
    }

    const dialogButton = (el: PrivacyPreferences, name: string) => () =>
      [...shadow(el).querySelectorAll('dialog button')].find(
        (button) => button.textContent?.trim() === name,
      ) as HTMLElement | undefined;

    it('banner → "Choose what to allow" → Escape → "Reject all": focus goes back to the page, not to <body>', async () => {
      const el = await page({withBefore: true});
      document.querySelector<HTMLElement>('#before')!.focus();
      for (let stop = 0; stop < 4; stop++) await tab(); // policy, Accept, Reject, Choose
      expect(focused()?.textContent?.trim()).to.equal('Choose what to allow');
      await chooseWhatToAllow(el);
      await sendKeys({press: 'Escape'});
      await waitUntil(() => !shadow(el).querySelector('dialog')!.open, 'the dialog stayed open');
      expect(focused()?.textContent?.trim(), 'back on its opener').to.equal('Choose what to allow');
      await tab(true);
      expect(focused()?.textContent?.trim()).to.equal('Reject all');
      await sendKeys({press: 'Enter'});
      await waitUntil(() => !shadow(el).querySelector('[part="banner"]'), 'the banner stayed');
      expect(focused()?.id, 'where the customer was before the banner').to.equal('before');
    });

    for (const withBefore of [true, false]) {
      it(`a decision in the dialog the banner opened, then Escape: focus ${withBefore ? 'back where the customer was before the banner' : 'on the next control after the banner, the page not scrolled'}`, async () => {
        const el = await page({withBefore});
        if (withBefore) {
          document.querySelector<HTMLElement>('#before')!.focus();
          for (let stop = 0; stop < 4; stop++) await tab();
        } else {
          buttonNamed(el, 'Choose what to allow').focus();
        }
        await chooseWhatToAllow(el);
        await waitUntil(dialogButton(el, 'Reject all'), 'the center never became ready');
        dialogButton(el, 'Reject all')()!.focus();
        await sendKeys({press: 'Enter'});
        await waitUntil(() => !shadow(el).querySelector('[part="banner"]'), 'the banner stayed');
        await sendKeys({press: 'Escape'});
        await waitUntil(() => !shadow(el).querySelector('dialog')!.open, 'the dialog stayed open');
        expect(focused()?.id).to.equal(withBefore ? 'before' : 'after');
        expect(window.scrollY, 'not sent to the end of the page').to.equal(0);
      });
    }
  });
});
