/**
 * "Privacy choices" links: any element of the page with `data-privacy-preferences-open` opens
 * the center when activated — the persistent footer link customers and regulators expect. One
 * listener on the document serves every center and every link, including links added later.
 */

export const REOPEN_ATTRIBUTE = 'data-privacy-preferences-open';

export interface Reopenable {
  /** Whether it is shown in place (`inline`); a dialog opens only where no such center is. */
  isInline(): boolean;
  open(): void;
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
  if (!(target instanceof Element) || !target.closest(`[${REOPEN_ATTRIBUTE}]`)) return;
  const all = [...centers];
  const center = all.find((candidate) => candidate.isInline()) ?? all[0];
  if (!center) return;
  event.preventDefault(); // a link's href is the fallback for pages without the script
  center.open();
}
