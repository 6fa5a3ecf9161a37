import {css} from './sheet.js';

/**
 * What the banner and the full center share. Three tiers: public `--pp-*` tokens a site sets,
 * component knobs such as `--pp-switch-width`, and private `--_pp-*` values resolved once here.
 * Logical properties only, so right-to-left locales mirror without extra rules.
 *
 * Every colour is a token with a light and a dark default (`light-dark()`), picked by the
 * `theme` attribute: `light`, `dark`, or anything else for `auto` (the customer's
 * `prefers-color-scheme`). The center paints its own surface, so each pair below meets WCAG 2.2
 * AA against what is actually behind it, whatever the host page's colours (text 4.5:1, switch
 * tracks and the focus ring 3:1); `test/ui/theme-contrast.test.ts` reads these very values.
 */
export const baseStyles = css`
  :host {
    color-scheme: light dark;
    --_pp-surface: var(--pp-color-surface, light-dark(#ffffff, #1c1d21));
    --_pp-text: var(--pp-color-text, light-dark(#1b1b1b, #ececf0));
    --_pp-muted: var(--pp-color-muted, light-dark(#4d4d4d, #b4b7bd));
    --_pp-accent: var(--pp-color-accent, light-dark(#1a5fb4, #8ab4f8));
    --_pp-on-accent: var(--pp-color-on-accent, light-dark(#ffffff, #0b1b33));
    --_pp-border: var(--pp-color-border, light-dark(#767676, #8f939a));
    --_pp-focus: var(--pp-color-focus, var(--_pp-accent));
    --_pp-notice-surface: var(--pp-color-notice-surface, light-dark(#eef3fb, #1f2a3a));
    --_pp-radius: var(--pp-radius, 0.5rem);
    --_pp-gap: var(--pp-spacing, 1rem);

    display: block;
    font-family: var(--pp-font-family, inherit);
    font-size: var(--pp-font-size, inherit);
    line-height: 1.5;
    color: var(--_pp-text);
  }

  :host([theme='light']) {
    color-scheme: light;
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }

  /* High contrast: the customer's system colours, for every token. */
  @media (forced-colors: active) {
    :host {
      --_pp-surface: Canvas;
      --_pp-text: CanvasText;
      --_pp-muted: CanvasText;
      --_pp-accent: LinkText;
      --_pp-on-accent: Canvas;
      --_pp-border: CanvasText;
      --_pp-focus: Highlight;
      --_pp-notice-surface: Canvas;
    }
  }

  :host([hidden]) {
    display: none;
  }

  * {
    box-sizing: border-box;
  }

  h2,
  h3,
  p,
  ul,
  dl,
  dd {
    margin: 0;
  }

  h2 {
    font-size: 1.375em;
    line-height: 1.3;
  }

  h3 {
    font-size: 1.0625em;
    line-height: 1.35;
  }

  .intro {
    color: var(--_pp-muted);
  }

  a {
    color: var(--_pp-accent);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_pp-gap) / 2);
    margin-block: var(--_pp-gap);
  }

  /* Accept all and Reject all share one style on purpose: refusing is as easy as agreeing. */
  .action {
    flex: 1 1 10rem;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border: 2px solid var(--_pp-accent);
    border-radius: var(--_pp-radius);
    background: var(--_pp-accent);
    color: var(--_pp-on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .secondary {
    padding-block: 0.25rem;
    padding-inline: 0.75rem;
    border: 2px solid var(--_pp-accent);
    border-radius: var(--_pp-radius);
    background: transparent;
    color: var(--_pp-accent);
    font: inherit;
    cursor: pointer;
  }

  button:focus-visible,
  a:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--_pp-focus);
    outline-offset: 2px;
  }

  .notices {
    display: grid;
    gap: calc(var(--_pp-gap) / 2);
    margin-block-end: var(--_pp-gap);
  }

  .notice {
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border-inline-start: 4px solid var(--_pp-accent);
    border-radius: calc(var(--_pp-radius) / 2);
    background: var(--_pp-notice-surface);
  }

  /* The center, the dialog and the banner paint their own surface: contrast never depends on the page. */
  .center,
  .dialog,
  .banner {
    background: var(--_pp-surface);
    color: var(--_pp-text);
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
