import {css} from './sheet.js';

/**
 * The placeholder that stands in for an embed while its purpose is off (with `baseStyles`: the
 * same tokens, buttons and links as the center). Its size, position and margins are the frame's
 * own, copied onto the element by browser/embeds.ts, so that the frame replaces it without a
 * shift; everything here fits whatever box that is, scrolling when the box is too small.
 */
export const embedStyles = css`
  :host {
    position: relative;
    overflow: hidden;
    border-width: 0;
    border-style: solid;
    border-color: var(--_pp-border);
    background: var(--_pp-surface);
    text-align: center;
  }

  .embed {
    position: absolute;
    inset: 0;
    display: flex;
    overflow: auto;
    overflow-wrap: anywhere;
    /* A link focused by keyboard is scrolled above the sticky button, not under it. */
    scroll-padding-block-end: 3.5rem;
  }

  /* Centred while there is room; from the top, scrollable, when there is not. */
  .embed-body {
    display: grid;
    justify-items: center;
    gap: calc(var(--_pp-gap) / 2);
    max-inline-size: 36rem;
    margin: auto;
    padding: calc(var(--_pp-gap) * 0.75);
  }

  .embed-name {
    font-weight: 700;
  }

  .embed-note {
    color: var(--_pp-muted);
    font-size: 0.875em;
  }

  /* In a box too small for everything, the button stays in sight while the text scrolls. */
  .embed .action {
    position: sticky;
    inset-block-end: calc(var(--_pp-gap) / 2);
    flex: none;
    min-inline-size: 0;
  }
`;
