/**
 * The banner (`mode="banner"`): the first layer, loaded while the customer has no current
 * decision. What is asked and why in one sentence, the policy, and "Accept all", "Reject all"
 * and "Choose what to allow" — the first two of equal weight. It sits at the bottom edge and
 * blocks nothing; it is a landmark keyboard and screen reader users can reach, it never traps
 * focus, and its arrival is announced once.
 *
 * It is built with the DOM alone, no template engine, so that a first visit stays small; the
 * full center (another module) uses lit-html. Configuration text is set as text, never as HTML.
 * A banner the server already wrote into the page (`renderBanner`, banner-markup.ts) is taken
 * over as it is — not rebuilt, not announced again — when it says what this render would.
 */
import {msg} from '@lit/localize';
import {isGpcCovered} from '../core/consent.js';
import type {Languages} from '../core/locale.js';
import type {Surface} from '../core/protocol.js';
import {useLocale} from './localization.js';
import {bannerMarkup, CLOSE_BANNER, gpcRefused, liveRegion} from './banner-markup.js';
import {dom} from './dom.js';
import {enteredFrom, returnFocus} from './focus.js';
import {headingLevel} from './heading.js';
import type {MountView, View, ViewPort, ViewState} from './port.js';
import {baseStyles} from './styles/base.js';
import {bannerStyles} from './styles/banner.js';
import {adoptStyles} from './styles/sheet.js';
import {languagesOf} from './text-parts.js';
import {unsavedText} from './unsaved.js';

const mountBanner: MountView<View> = (port) => {
  const {root} = port;
  adoptStyles(root, baseStyles);
  adoptStyles(root, bannerStyles);
  // Server-rendered: <style>, the live region, the banner. The styles are adopted by now.
  const served = root.querySelector<HTMLElement>('section.banner') ?? undefined;
  const servedLive = served?.previousElementSibling;
  if (servedLive?.previousElementSibling instanceof HTMLStyleElement)
    servedLive.previousElementSibling.remove();
  // Only in banner mode, and in the page before its text arrives, so that the arrival is announced.
  const live =
    servedLive instanceof HTMLElement && servedLive.hasAttribute('aria-live')
      ? servedLive
      : (liveRegion(dom) as HTMLElement);
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
  let banner = served;
  /** The banner is the server's, not yet wired: taken over if this render says the same. */
  let isServed = served !== undefined;
  /** What the shown banner says; it is rebuilt only when that changes, so focus stays put. */
  let shownText = served?.outerHTML ?? '';
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
    isServed = false;
    shownText = live.textContent = '';
    space.release();
    // Back where it was before it entered the banner (focus.ts).
    if (hadFocus) returnFocus(undefined, port.host);
    if (decided) void announce(decided);
    decided = undefined;
  };
  /** The buttons, in the markup's order, and where focus comes from. */
  const wire = (section: HTMLElement, isNotice: boolean) => {
    const buttons = [...section.querySelectorAll('.actions button')];
    const choose = buttons.pop();
    if (isNotice) buttons[0]?.addEventListener('click', () => port.dismissNotice());
    const [accept, reject] = isNotice ? [] : buttons;
    /**
     * After a refusal, a new policy asks about its new purposes only; with Global Privacy
     * Control, the banner asks about what the signal does not cover: the buttons decide those.
     */
    const asked = () => {
      const state = port.state();
      if (state.ask === 'new') return state.policyChange?.newPurposeIds;
      if (!state.hasGpcSignal || state.phase.kind !== 'ready') return undefined;
      return state.phase.config.purposes
        .filter((purpose) => !isGpcCovered(purpose))
        .map((purpose) => purpose.id);
    };
    accept?.addEventListener('click', () => {
      // Said to screen reader users once a decision made here hid the banner.
      decided = msg('All accepted. You can change your choices at any time.', {
        desc: 'Announced after "Accept all" in the banner, once the banner has gone.',
      });
      port.acceptAll('banner', asked());
    });
    const rejectAll = (surface: Surface) => () => {
      decided = msg('All rejected. You can change your choices at any time.', {
        desc: 'Announced after "Reject all" in the banner, once the banner has gone.',
      });
      port.rejectAll(surface, asked());
    };
    reject?.addEventListener('click', rejectAll('banner'));
    section.querySelector(`.${CLOSE_BANNER}`)?.addEventListener('click', rejectAll('banner-close'));
    choose?.addEventListener('click', () => port.choose());
    // The pointer or the focus on the button: the center it opens starts loading.
    for (const type of ['pointerenter', 'focus']) choose?.addEventListener(type, port.warmCenter);
    section.addEventListener('focusin', (event) => {
      const from = event.relatedTarget;
      // From the page, not from our own dialog (closed by then, it cannot take focus back).
      if (from instanceof HTMLElement && !root.contains(from)) enteredFrom(from);
    });
  };
  return {
    async render() {
      const state = port.state();
      if (state.mode === 'banner') {
        if (!live.isConnected) root.prepend(live);
      } else live.remove();
      const shown = await useLocale(state.preferredLocales);
      // The server's banner, removed by the element meanwhile (the customer had decided).
      if (isServed && !banner?.isConnected) banner = undefined;
      const next = state.showsBanner
        ? buildBanner(port, state, languagesOf(state, shown))
        : undefined;
      // While the configuration loads, the server's banner stays: it is what the page shows.
      if (!next && isServed && state.phase.kind === 'loading') return;
      if (!next) return hide();
      const text = next.outerHTML;
      if (banner && text === shownText) {
        // The server's banner says what this one would: it stays, painted and announced once.
        if (isServed) {
          wire(banner, state.rule.model === 'notice');
          space.keep(banner);
          isServed = false;
        }
        return;
      }
      shownText = text;
      wire(next, state.rule.model === 'notice');
      // A banner the page had already (the server's, or one just shown) is replaced, not arriving.
      const arrives = !banner;
      // The control that had focus keeps it in the new banner (same place, same control).
      const focused = banner
        ? controls(banner).indexOf(root.activeElement as HTMLElement)
        : focusedWhenHidden;
      focusedWhenHidden = -1;
      if (banner) banner.replaceWith(next);
      else live.after(next);
      banner = next;
      isServed = false;
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
): HTMLElement | undefined {
  if (state.phase.kind !== 'ready') return undefined;
  const {config} = state.phase;
  return bannerMarkup(dom, {
    config,
    gpcTitles: state.hasGpcSignal ? gpcRefused(config, state.choices, languages) : [],
    policyChange: state.policyChange,
    languages,
    headingLevel: headingLevel(port.host),
    isUnsaved: state.status.save === 'unsaved',
    closeRejects: state.rule.closeMeans === 'reject',
    isNotice: state.rule.model === 'notice',
  }) as HTMLElement;
}
