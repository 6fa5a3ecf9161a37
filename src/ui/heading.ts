/**
 * The level of the element's headings: its `heading-level` (2 unless set to 3–6), so that the
 * center and the banner fit the page's outline; each purpose's title sits one level below.
 */
import type {HeadingLevel} from '../attributes.js';

export function headingLevel(host: HTMLElement): number {
  return Number((host as HTMLElement & {readonly headingLevel?: HeadingLevel}).headingLevel ?? 2);
}
