import {returnFocus} from './focus.js';

/**
 * The center as a modal dialog (`mode="modal"`, and "Choose what to allow" in a banner): a
 * native `<dialog>` opened with `showModal()`, so the page behind is inert and Tab stays inside.
 * Focus moves in on opening and goes back where it was on closing (the close button, Escape,
 * `close()`); the page behind does not scroll meanwhile.
 */
export class DialogController {
  /** `open()` asked before the dialog was rendered: it opens after the next render. */
  private isWanted = false;
  private opener: HTMLElement | undefined;
  private pageOverflow: string | undefined;
  /**
   * The close button and the actions stick to the dialog's top: its scroll padding is kept their
   * height, so that a control focused by Tab or Shift+Tab is scrolled into view below them, never
   * under them (WCAG 2.4.11). The actions may wrap into two rows (a narrow screen, long labels).
   */
  private readonly sticky = new ResizeObserver(([entry]) => {
    const dialog = this.dialog();
    const band = entry?.target;
    if (!dialog || !(band instanceof HTMLElement)) return;
    const stuckAt = parseFloat(getComputedStyle(band).insetBlockStart) || 0;
    dialog.style.scrollPaddingBlockStart = `${stuckAt + band.offsetHeight + 8}px`;
  });

  constructor(
    private readonly host: HTMLElement,
    private readonly dialog: () => HTMLDialogElement | null,
    /** Where focus goes when the dialog opens. */
    private readonly start: () => HTMLElement | null,
  ) {}

  /** Opens at the next `rendered()`. */
  open(): void {
    this.isWanted = true;
  }

  close(): void {
    this.isWanted = false;
    this.dialog()?.close();
  }

  /** Call after each render. */
  rendered(): void {
    const dialog = this.dialog();
    // The actions show once the center is ready, maybe after the dialog opened.
    const band = dialog?.querySelector('[part="actions"]');
    if (dialog?.open && band) this.sticky.observe(band);
    if (!this.isWanted || !dialog || !this.host.isConnected) return;
    this.isWanted = false;
    if (dialog.open) return;
    this.opener = deepActiveElement();
    dialog.showModal();
    this.pageOverflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = 'hidden';
    this.start()?.focus();
    if (band) this.sticky.observe(band);
  }

  dispose(): void {
    this.isWanted = false;
    this.dialog()?.close();
    this.handleClosed();
  }

  /**
   * Tab from the last control goes to the first, Shift+Tab from the first to the last: the
   * browser would otherwise leave the page for its own toolbar.
   */
  readonly handleKeydown = (event: KeyboardEvent): void => {
    const dialog = this.dialog();
    if (event.key !== 'Tab' || !dialog) return;
    const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((control) =>
      control.checkVisibility(),
    );
    const first = controls[0];
    const last = controls.at(-1);
    const active = this.host.shadowRoot?.activeElement;
    if (!first || !last) return;
    if (event.shiftKey && (active === first || !dialog.contains(active ?? null))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  /** The dialog's `close` event, however it was closed. */
  readonly handleClosed = (): void => {
    this.sticky.disconnect();
    if (this.pageOverflow === undefined) return; // it was not open
    document.documentElement.style.overflow = this.pageOverflow;
    this.pageOverflow = undefined;
    const opener = this.opener;
    this.opener = undefined;
    returnFocus(opener, this.host); // the banner's "Choose what to allow" may have gone meanwhile
  };
}

const FOCUSABLE =
  'a[href], button:not([disabled]), summary, input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The focused element, looking into open shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
}
