/**
 * "Privacy choices" links: any element of the page with `data-privacy-preferences-open` opens
 * the center when activated — the persistent footer link customers and regulators expect. One
 * listener on the document serves every center and every link, including links added later.
 */
import {centers} from './centers.js';
import {MODULE_GRAPH, preloadModules} from './module-graph.js';

export const REOPEN_ATTRIBUTE = 'data-privacy-preferences-open';

let isListening = false;

/**
 * Listens for activated reopen links, once per page: a click with no center on the page does
 * nothing, so the link's own `href` is followed.
 */
export function listenForReopen(): void {
  if (isListening) return;
  isListening = true;
  document.addEventListener('click', handleClick);
  document.addEventListener('pointerover', warm);
  document.addEventListener('focusin', warm);
}

/** A pointer over a link, or focus on it: the center's modules are fetched before the click. */
function warm(event: Event): void {
  const target = event.target;
  if (centers.size > 0 && target instanceof Element && target.closest(`[${REOPEN_ATTRIBUTE}]`))
    preloadModules(MODULE_GRAPH.center);
}

/**
 * A click — also what Enter on a link and Enter or Space on a button dispatch. The center shown
 * in place on this page wins (it is the full center); else the first one that opens as a dialog.
 */
function handleClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  const target = event.target;
  const trigger = target instanceof Element ? target.closest(`[${REOPEN_ATTRIBUTE}]`) : null;
  if (!trigger) return;
  const all = [...centers];
  const center = all.find((candidate) => candidate.element.mode === 'inline') ?? all[0];
  if (!center) return;
  // A link's href is the fallback: for pages without the script, and when the center cannot
  // be shown here (its interface did not load: offline, blocked).
  event.preventDefault();
  // A value is a purpose's id: the center opens with focus on its switch.
  void center.show(trigger.getAttribute(REOPEN_ATTRIBUTE) || undefined).then((isShown) => {
    if (!isShown && trigger instanceof HTMLAnchorElement && trigger.href)
      location.assign(trigger.href);
  });
}
