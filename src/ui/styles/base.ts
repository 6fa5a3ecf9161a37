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
    /*
     * A site's accent is used as given where it has the contrast it needs, and moved just enough
     * where it has not: one value, such as a brand's dark teal, still reads on the dark surface
     * under the dark on-accent. The colour carries its luminance in its alpha, so that each theme
     * bounds it in linear light, where luminance is exact: at most 0.15 in light (4.5:1 on the
     * surfaces and notices, and under a light on-accent), at least 0.28 in dark (the same, the
     * other way round). Darker scales the channels toward black (same hue); lighter scales them
     * up as far as they go (same hue), then toward white.
     */
    --_pp-accent-y: color(
      from var(--pp-color-accent, light-dark(#1a5fb4, #8ab4f8)) srgb-linear r g b /
        calc(0.2126 * r + 0.7152 * g + 0.0722 * b)
    );
    --_pp-accent: light-dark(
      color(
        from var(--_pp-accent-y) srgb-linear calc(r * var(--_pp-down)) calc(g * var(--_pp-down))
          calc(b * var(--_pp-down)) / 1
      ),
      color(
        from var(--_pp-accent-y) srgb-linear calc(1 - (1 - r * var(--_pp-up)) * var(--_pp-white))
          calc(1 - (1 - g * var(--_pp-up)) * var(--_pp-white))
          calc(1 - (1 - b * var(--_pp-up)) * var(--_pp-white)) / 1
      )
    );
    /* Tokens read inside the colours above: r, g, b and alpha are theirs. */
    --_pp-down: min(1, 0.15 / alpha);
    --_pp-up: max(1, min(0.28 / alpha, 1 / max(r, g, b, 0.001)));
    --_pp-white: min(1, 0.72 / (1 - alpha * var(--_pp-up)));
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

  p,
  ul {
    margin: 0;
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
    min-block-size: 2.75rem;
    padding-block: 0.25rem;
    padding-inline: 0.75rem;
    border: 2px solid var(--_pp-accent);
    border-radius: var(--_pp-radius);
    background: transparent;
    color: var(--_pp-accent);
    font: inherit;
    cursor: pointer;
  }

  /* Every part that takes focus, the dialog's heading and the status too, shows the same ring. */
  :focus-visible {
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
