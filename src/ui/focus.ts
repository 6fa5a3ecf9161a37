/**
 * Where focus goes when what held it goes away (a decision hid the banner, the dialog closed):
 * never to the start of the page, never to a control far off that the page must scroll to.
 */

/** The page's control the customer last left for the banner. */
let outside: HTMLElement | undefined;

/** The banner was entered from `control`, a control of the page (not one of ours). */
export function enteredFrom(control: HTMLElement): void {
  outside = control;
}

/**
 * Gives focus back to `before` (where it was before it came to us); when that can no longer take
 * it — the banner's "Choose what to allow" after a decision in the dialog it opened — to where
 * the customer was before the banner; failing both, to the page's next control after `place`
 * (the element), in the page's order, without scrolling the page: a Tab goes on from there.
 */
export function returnFocus(before: HTMLElement | undefined, place: Element): void {
  for (const target of [before, outside]) {
    target?.focus();
    if (target?.matches(':focus')) return;
  }
  for (const control of document.querySelectorAll<HTMLElement>('a[href],button,input,select')) {
    if (place.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING) {
      control.focus({preventScroll: true});
      if (control.matches(':focus')) return;
    }
  }
}
