/**
 * "Privacy choices" links: any element of the page with `data-privacy-preferences-open` opens
 * the center when activated — the persistent footer link customers and regulators expect. One
 * listener on the document serves every center and every link, including links added later.
 */

export const REOPEN_ATTRIBUTE = 'data-privacy-preferences-open';

export interface Reopenable {
  /** Whether it is shown in place (`inline`); a dialog opens only where no such center is. */
  isInline(): boolean;
  /** Resolves with whether the center could be shown (its interface may fail to load). */
  open(): Promise<boolean>;
}

const centers = new Set<Reopenable>();

/** Listens for activated reopen links while `center` is on the page; returns the stop. */
export function listenForReopen(center: Reopenable): () => void {
  if (centers.size === 0) document.addEventListener('click', handleClick);
  centers.add(center);
  return () => {
    centers.delete(center);
    if (centers.size === 0) document.removeEventListener('click', handleClick);
  };
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
  const center = all.find((candidate) => candidate.isInline()) ?? all[0];
  if (!center) return;
  // A link's href is the fallback: for pages without the script, and when the center cannot
  // be shown here (its interface did not load: offline, blocked).
  event.preventDefault();
  void center.open().then((isShown) => {
    if (!isShown && trigger instanceof HTMLAnchorElement && trigger.href)
      location.assign(trigger.href);
  });
}
