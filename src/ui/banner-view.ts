/**
 * The banner (`mode="banner"`): the first layer, loaded while the customer has no current
 * decision. What is asked and why in one sentence, the policy, and "Accept all", "Reject all"
 * and "Choose what to allow" — the first two of equal weight. It sits at the bottom edge and
 * blocks nothing; it is a landmark keyboard and screen reader users can reach, it never traps
 * focus, and its arrival is announced once.
 *
 * It is built with the DOM alone, no template engine, so that a first visit stays small; the
 * full center (another module) uses lit-html. Configuration text is set as text, never as HTML.
 */
import {msg, str} from '@lit/localize';
import {isRightToLeft, textPart, type Languages} from '../core/locale.js';
import {useLocale} from './localization.js';
import {element} from './dom.js';
import {enteredFrom, returnFocus} from './focus.js';
import {headingLevel} from './heading.js';
import {policyChangeNotice, policyChangeText} from './policy-change.js';
import type {MountView, View, ViewPort, ViewState} from './port.js';
import {baseStyles} from './styles/base.js';
import {bannerStyles} from './styles/banner.js';
import {adoptStyles} from './styles/sheet.js';
import {gapIn, languagesOf, partNode, SLOT, spliced} from './text-parts.js';
import {unsavedText} from './unsaved.js';

const mountBanner: MountView<View> = (port) => {
  const {root} = port;
  adoptStyles(root, baseStyles);
  adoptStyles(root, bannerStyles);
  // In the page before its text arrives, so that the arrival is announced.
  const live = element('p', {class: 'visually-hidden', 'aria-live': 'polite'});
  root.prepend(live);
  const space = reservedSpace();
  let banner: HTMLElement | undefined;
  /** What the shown banner says; it is rebuilt only when that changes, so focus stays put. */
  let shownText = '';
  const hide = () => {
    const hadFocus = banner?.contains(root.activeElement) === true;
    banner?.remove();
    banner = undefined;
    shownText = live.textContent = '';
    space.release();
    // Back where it was before it entered the banner (focus.ts).
    if (hadFocus) returnFocus(undefined, port.host);
  };
  return {
    async render() {
      const state = port.state();
      const shown = await useLocale(state.preferredLocales);
      const languages = languagesOf(state, shown);
      const next = state.showsBanner ? buildBanner(port, state, languages) : undefined;
      if (!next) return hide();
      const text = next.outerHTML;
      if (banner && text === shownText) return;
      shownText = text;
      next.addEventListener('focusin', (event) => {
        const from = event.relatedTarget;
        // From the page, not from our own dialog (closed by then, it cannot take focus back).
        if (from instanceof HTMLElement && !root.contains(from)) enteredFrom(from);
      });
      if (banner) {
        // The control that had focus keeps it in the new banner (same place, same control).
        const controls = (of: HTMLElement) => [...of.querySelectorAll<HTMLElement>('a, button')];
        const focused = controls(banner).indexOf(root.activeElement as HTMLElement);
        banner.replaceWith(next);
        if (focused >= 0) controls(next)[focused]?.focus();
      } else live.after(next);
      banner = next;
      space.keep(next);
      const announcement =
        state.status.save === 'unsaved' ? unsavedText() : msg('Your privacy choices');
      if (live.textContent === announcement) return;
      await new Promise(requestAnimationFrame);
      live.textContent = announcement;
    },
    dispose: () => {
      hide();
      live.remove();
    },
  };
};

/**
 * While the banner shows, the page gets its height as room at the end and as scroll padding,
 * so that nothing of the page stays hidden under it: the end can be scrolled into view, and a
 * focused control is scrolled above it (WCAG 2.4.11).
 */
function reservedSpace() {
  const {body, documentElement: html} = document;
  let saved: {readonly padding: string; readonly scrollPadding: string} | undefined;
  let base = 0;
  const observer = new ResizeObserver(([entry]) => {
    const height = Math.ceil(entry?.borderBoxSize[0]?.blockSize ?? 0);
    body.style.paddingBlockEnd = `${base + height}px`;
    html.style.scrollPaddingBlockEnd = `${height}px`;
  });
  return {
    keep(banner: HTMLElement) {
      if (!saved) {
        saved = {
          padding: body.style.paddingBlockEnd,
          scrollPadding: html.style.scrollPaddingBlockEnd,
        };
        base = parseFloat(getComputedStyle(body).paddingBlockEnd) || 0;
      }
      observer.disconnect();
      observer.observe(banner);
    },
    release() {
      observer.disconnect();
      if (!saved) return;
      body.style.paddingBlockEnd = saved.padding;
      html.style.scrollPaddingBlockEnd = saved.scrollPadding;
      saved = undefined;
    },
  };
}

export default mountBanner;

function buildBanner(
  port: ViewPort,
  state: ViewState,
  languages: Languages,
): HTMLElement | undefined {
  if (state.phase.kind !== 'ready') return undefined;
  const {config} = state.phase;
  const {shown} = languages;
  const gap = gapIn(shown);
  const controller = config.controller && textPart(config.controller.name, languages);
  const {policyUrl} = config;
  const policyLink = (label: string) =>
    policyUrl ? element('a', {href: policyUrl}, label) : undefined;
  const change = policyChangeNotice(config, state.policyChange, languages);
  const changeText = change && policyChangeText(change, shown);
  return element(
    'section',
    {
      class: 'banner',
      part: 'banner',
      lang: shown,
      dir: isRightToLeft(shown) ? 'rtl' : 'ltr',
      'aria-labelledby': 'banner-heading',
    },
    element(
      'div',
      {class: 'banner-text'},
      element(
        `h${headingLevel(port.host)}`,
        {id: 'banner-heading', class: 'banner-heading'},
        msg('Your privacy choices'),
      ),
      element(
        'p',
        {class: 'intro'},
        ...(controller
          ? spliced(
              msg(
                str`${SLOT} would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.`,
              ),
              partNode(controller),
            )
          : [
              msg(
                'This site would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.',
              ),
            ]),
        policyUrl && gap,
        policyLink(msg('Privacy policy')),
      ),
      changeText &&
        element(
          'div',
          {class: 'notices'},
          element(
            'p',
            {class: 'notice', part: 'notice policy-notice'},
            changeText.changed,
            ...(changeText.newSince ? [gap, ...changeText.newSince] : []),
            policyUrl && gap,
            policyLink(changeText.readPolicy),
          ),
        ),
      // Only after a decision the session could not record (announced through the live region).
      state.status.save === 'unsaved'
        ? element('p', {class: 'notice', part: 'status'}, unsavedText())
        : undefined,
    ),
    element(
      'div',
      {class: 'actions', part: 'actions'},
      button(msg('Accept all'), 'action', () => port.acceptAll()),
      button(msg('Reject all'), 'action', () => port.rejectAll()),
      button(msg('Choose what to allow'), 'choose', () => port.choose(), 'secondary'),
    ),
  );
}

function button(label: string, part: string, onClick: () => void, className = part) {
  const control = element('button', {type: 'button', class: className, part}, label);
  control.addEventListener('click', onClick);
  return control;
}
