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
  // Only in banner mode, and in the page before its text arrives, so that the arrival is announced.
  const live = element('span', {class: 'visually-hidden', 'aria-live': 'polite'});
  let clearing: ReturnType<typeof setTimeout> | undefined;
  /**
   * Says `text` once, then takes it away again: a screen reader has it by then, and who reads on
   * does not meet the banner's heading twice (React Aria's announcer waits as long).
   */
  const announce = async (text: string) => {
    if (live.textContent === text) return;
    await new Promise(requestAnimationFrame);
    live.textContent = text;
    clearTimeout(clearing);
    clearing = setTimeout(() => (live.textContent = ''), ANNOUNCED_FOR);
  };
  const space = reservedSpace();
  let banner: HTMLElement | undefined;
  /** What the shown banner says; it is rebuilt only when that changes, so focus stays put. */
  let shownText = '';
  /** What a decision made with the banner's buttons did, said once the banner is gone. */
  let decided: string | undefined;
  const controls = (of: HTMLElement) => [...of.querySelectorAll<HTMLElement>('a, button')];
  /** The control that had focus when the banner went: it has it again if the banner is back. */
  let focusedWhenHidden = -1;
  const hide = () => {
    if (!banner) return;
    const hadFocus = banner.contains(root.activeElement);
    focusedWhenHidden = controls(banner).indexOf(root.activeElement as HTMLElement);
    banner.remove();
    banner = undefined;
    shownText = live.textContent = '';
    space.release();
    // Back where it was before it entered the banner (focus.ts).
    if (hadFocus) returnFocus(undefined, port.host);
    if (decided) void announce(decided);
    decided = undefined;
  };
  return {
    async render() {
      const state = port.state();
      if (state.mode === 'banner') {
        if (!live.isConnected) root.prepend(live);
      } else live.remove();
      const shown = await useLocale(state.preferredLocales);
      const languages = languagesOf(state, shown);
      const next = state.showsBanner
        ? buildBanner(port, state, languages, (said) => (decided = said))
        : undefined;
      if (!next) return hide();
      const text = next.outerHTML;
      if (banner && text === shownText) return;
      shownText = text;
      next.addEventListener('focusin', (event) => {
        const from = event.relatedTarget;
        // From the page, not from our own dialog (closed by then, it cannot take focus back).
        if (from instanceof HTMLElement && !root.contains(from)) enteredFrom(from);
      });
      const arrives = !banner;
      // The control that had focus keeps it in the new banner (same place, same control).
      const focused = banner
        ? controls(banner).indexOf(root.activeElement as HTMLElement)
        : focusedWhenHidden;
      focusedWhenHidden = -1;
      if (banner) banner.replaceWith(next);
      else live.after(next);
      banner = next;
      space.keep(next);
      if (state.status.save === 'unsaved') {
        // Back, or still shown, after a decision: it could not be saved, and the banner says so.
        if (focused >= 0) controls(next)[focused]?.focus();
        decided = undefined;
        await announce(unsavedText());
      } else {
        if (!arrives && focused >= 0) controls(next)[focused]?.focus();
        if (arrives) await announce(msg('Your privacy choices'));
      }
    },
    dispose: () => {
      hide();
      clearTimeout(clearing);
      live.remove();
    },
  };
};

/** How long an announcement stays in the live region. */
const ANNOUNCED_FOR = 7000;

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
  onDecided: (said: string) => void,
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
  // Said to screen reader users once a decision made here hid the banner.
  const accepted = msg('All accepted. You can change your choices at any time.', {
    desc: 'Announced after "Accept all" in the banner, once the banner has gone.',
  });
  const rejected = msg('All rejected. You can change your choices at any time.', {
    desc: 'Announced after "Reject all" in the banner, once the banner has gone.',
  });
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
      button(msg('Accept all'), 'action', () => {
        onDecided(accepted);
        port.acceptAll();
      }),
      button(msg('Reject all'), 'action', () => {
        onDecided(rejected);
        port.rejectAll();
      }),
      warming(
        button(msg('Choose what to allow'), 'choose', () => port.choose(), 'secondary'),
        port,
      ),
    ),
  );
}

function button(label: string, part: string, onClick: () => void, className = part) {
  const control = element('button', {type: 'button', class: className, part}, label);
  control.addEventListener('click', onClick);
  return control;
}

/** The pointer or the focus on the button: the center it opens starts loading. */
function warming(control: HTMLElement, port: ViewPort): HTMLElement {
  for (const type of ['pointerenter', 'focus']) control.addEventListener(type, port.warmCenter);
  return control;
}
