/**
 * The centers on the page, in the order they arrived: one registry for everything that must
 * pick one of them — the banner (the first banner-mode center shows it) and the "Privacy
 * choices" links (the inline center wins, else the first that opens as a dialog).
 */
import type {DisplayMode} from '../attributes.js';

export interface PageCenter {
  readonly mode: DisplayMode;
  /** Shows the center; resolves with whether it could (its interface may fail to load). */
  show(): Promise<boolean>;
}

const centers = new Set<PageCenter>();

export function addCenter(center: PageCenter): void {
  centers.add(center);
}

export function removeCenter(center: PageCenter): void {
  centers.delete(center);
}

/** The centers on the page, first arrived first. */
export function centersOnPage(): readonly PageCenter[] {
  return [...centers];
}
