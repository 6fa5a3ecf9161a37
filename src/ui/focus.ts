import {REOPEN_ATTRIBUTE} from '../browser/reopen.js';

/**
 * Where focus goes when what held it goes away (a decision hid the banner, the dialog closed):
 * back where it was before, else to the page's "Privacy choices" link — where the choice can
 * be changed again — rather than to the start of the page.
 */
export function returnFocus(before: HTMLElement | undefined): void {
  const target = before?.isConnected
    ? before
    : document.querySelector<HTMLElement>(`[${REOPEN_ATTRIBUTE}]`);
  target?.focus();
}
