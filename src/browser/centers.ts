/**
 * The centers on the page, in the order they arrived: one registry for everything that must
 * pick one of them — the banner (the first banner-mode center shows it) and the "Privacy
 * choices" links (the inline center wins, else the first that opens as a dialog).
 */
import type {DisplayMode} from '../attributes.js';

export interface PageCenter {
  readonly element: {readonly mode: DisplayMode};
  /**
   * Shows the center, with focus on the switch of `purposeId` when given (a "Do Not Sell or
   * Share" link names its purpose); resolves with whether it could (its interface may fail to
   * load).
   */
  show(purposeId?: string): Promise<boolean>;
}

/** The centers on the page, first arrived first (a Set keeps the order of insertion). */
export const centers = new Set<PageCenter>();
