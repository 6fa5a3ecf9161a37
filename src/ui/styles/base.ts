import {css} from './sheet.js';

/**
 * What the banner and the full center share. Three tiers: public `--pp-*` tokens a site sets,
 * component knobs such as `--pp-switch-width`, and private `--_pp-*` values resolved once here.
 * Logical properties only, so right-to-left locales mirror without extra rules.
 */
export const baseStyles = css`
  :host {
    --_pp-accent: var(--pp-color-accent, #1a5fb4);
    --_pp-on-accent: var(--pp-color-on-accent, #ffffff);
    --_pp-text: var(--pp-color-text, inherit);
    --_pp-muted: var(--pp-color-muted, #4d4d4d);
    --_pp-surface: var(--pp-color-surface, transparent);
    --_pp-border: var(--pp-color-border, #767676);
    --_pp-notice-surface: var(--pp-color-notice-surface, #eef3fb);
    --_pp-radius: var(--pp-radius, 0.5rem);
    --_pp-gap: var(--pp-spacing, 1rem);

    display: block;
    font-family: var(--pp-font-family, inherit);
    font-size: var(--pp-font-size, inherit);
    line-height: 1.5;
    color: var(--_pp-text);
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
    outline: 3px solid var(--_pp-accent);
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

  /* The dialog (modal mode, and "Choose what to allow" in a banner): opaque, scrolls inside. */
  .dialog,
  .banner {
    --_pp-opaque: var(--pp-color-surface, Canvas);
    background: var(--_pp-opaque);
    color: var(--pp-color-text, CanvasText);
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
