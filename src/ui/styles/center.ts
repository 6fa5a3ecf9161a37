import {css} from './sheet.js';

/** The full center: in place (`inline`) or in the dialog. */
export const centerStyles = css`
  :host {
    --_pp-benefit-surface: var(--pp-color-benefit-surface, light-dark(#eef5ee, #1c2b1f));
    --_pp-benefit-border: var(--pp-color-benefit-border, light-dark(#2e7d32, #81c784));
    --_pp-error: var(--pp-color-error, light-dark(#b3261e, #ffb4ab));
    --_pp-switch-width: var(--pp-switch-width, 2.75rem);
    --_pp-switch-height: var(--pp-switch-height, 1.5rem);
  }

  .center-heading,
  .purpose-title,
  dl,
  dd {
    margin: 0;
  }

  .center-heading {
    font-size: 1.375em;
    line-height: 1.3;
  }

  .purpose-title {
    font-size: 1.0625em;
    line-height: 1.35;
  }

  .badge {
    padding-block: 0.125rem;
    padding-inline: 0.5rem;
    border-radius: 999px;
    background: var(--_pp-accent);
    color: var(--_pp-on-accent);
    font-size: 0.8125em;
    font-weight: 700;
  }

  .center {
    overflow-wrap: anywhere;
  }

  .header {
    display: grid;
    gap: calc(var(--_pp-gap) / 2);
    margin-block-end: var(--_pp-gap);
  }

  .links {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_pp-gap) / 2) var(--_pp-gap);
    padding: 0;
    list-style: none;
  }

  .purposes {
    display: grid;
    gap: var(--_pp-gap);
    padding: 0;
    list-style: none;
  }

  .purpose {
    display: grid;
    gap: calc(var(--_pp-gap) / 2);
    padding: var(--_pp-gap);
    border: 1px solid var(--_pp-border);
    border-radius: var(--_pp-radius);
  }

  .purpose-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_pp-gap) / 2);
  }

  .purpose-head .purpose-title {
    flex: 1 1 12rem;
    min-inline-size: 0;
  }

  .switch {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    padding-block: 0.25rem;
    padding-inline: 0.25rem 0.5rem;
    border: none;
    border-radius: var(--_pp-radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .switch[aria-disabled='true'] {
    cursor: not-allowed;
  }

  .track {
    position: relative;
    flex: none;
    inline-size: var(--_pp-switch-width);
    block-size: var(--_pp-switch-height);
    border: 2px solid var(--_pp-border);
    border-radius: calc(var(--_pp-switch-height) / 2);
    background: var(--_pp-surface);
    transition: background-color 120ms ease;
  }

  .thumb {
    position: absolute;
    inset-block-start: 2px;
    inset-inline-start: 2px;
    inline-size: calc(var(--_pp-switch-height) - 8px);
    block-size: calc(var(--_pp-switch-height) - 8px);
    border-radius: 50%;
    background: var(--_pp-border);
    transition: inset-inline-start 120ms ease;
  }

  .switch[aria-checked='true'] .track {
    border-color: var(--_pp-accent);
    background: var(--_pp-accent);
  }

  .switch[aria-checked='true'] .thumb {
    inset-inline-start: calc(var(--_pp-switch-width) - var(--_pp-switch-height) + 2px);
    background: var(--_pp-on-accent);
  }

  /* On and locked (a required purpose): grey, not faded, so the thumb keeps its contrast. */
  .switch[aria-disabled='true'] .track {
    border-color: var(--_pp-muted);
    background: var(--_pp-muted);
  }

  .state {
    min-inline-size: 2.5em;
    font-weight: 600;
  }

  .description {
    color: var(--_pp-text);
  }

  .benefit {
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border-inline-start: 4px solid var(--_pp-benefit-border);
    border-radius: calc(var(--_pp-radius) / 2);
    background: var(--_pp-benefit-surface);
  }

  .benefit strong {
    font-weight: 700;
  }

  .required-note,
  .status,
  .meta {
    color: var(--_pp-muted);
  }

  /* "On this page": a quiet record under the benefit, hosts and names kept whole. */
  .activity {
    margin-block: 0.5rem;
    color: var(--_pp-muted);
  }

  .activity p,
  .activity ul {
    margin-block: 0;
  }

  .activity ul {
    padding-inline-start: 1.25rem;
    overflow-wrap: anywhere;
  }

  details summary {
    inline-size: fit-content;
    color: var(--_pp-accent);
    cursor: pointer;
  }

  .facts {
    display: grid;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }

  .facts dt {
    font-weight: 600;
  }

  .facts ul {
    padding-inline-start: 1.25rem;
  }

  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_pp-gap) / 2);
    margin-block-start: var(--_pp-gap);
    min-block-size: 2.75rem;
  }

  .report {
    flex: 1 1 16rem;
  }

  .status[data-state='retrying'],
  .status[data-state='held'],
  .status[data-state='refused'],
  .status[data-state='unsaved'],
  .not-kept {
    color: var(--_pp-error);
  }

  .problem {
    padding: var(--_pp-gap);
    border: 2px solid var(--_pp-error);
    border-radius: var(--_pp-radius);
  }

  .problem code {
    display: block;
    margin-block-start: 0.5rem;
    font-size: 0.875em;
    white-space: pre-wrap;
  }

  .dialog {
    inline-size: min(40rem, 100vw - 2rem);
    max-block-size: min(48rem, 100dvh - 2rem);
    /* Its top stays where the full dialog's is (centred, or 1rem down): the dialog grows
       downwards as its content arrives, and nothing in it moves (no layout shift). */
    margin-block: max(1rem, (100dvh - 48rem) / 2) auto;
    padding: var(--_pp-gap);
    padding-block-start: 0;
    border: 1px solid var(--_pp-border);
    border-radius: var(--_pp-radius);
    overscroll-behavior: contain;
  }

  .dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }

  /* However long the list, the close button and the actions stay in reach. */
  .close {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    display: block;
    margin-inline-start: auto;
    margin-block-end: calc(var(--_pp-gap) / -2);
    min-inline-size: 2.75rem;
    min-block-size: 2.75rem;
    border: 0;
    background: var(--_pp-surface);
    color: inherit;
    font: inherit;
    font-size: 1.5em;
    line-height: 1;
    cursor: pointer;
  }

  .dialog .actions {
    position: sticky;
    inset-block-start: 2.75rem;
    z-index: 1;
    margin-block: 0;
    padding-block: calc(var(--_pp-gap) / 2);
    background: var(--_pp-surface);
  }

  @media (prefers-reduced-motion: reduce) {
    .track,
    .thumb {
      transition: none;
    }
  }

  /* High contrast: system colours only; the state shows by the thumb's side and the "On"/"Off" word too. */
  @media (forced-colors: active) {
    :host {
      --_pp-benefit-surface: Canvas;
      --_pp-benefit-border: CanvasText;
      --_pp-error: CanvasText;
    }
    .track,
    .thumb {
      forced-color-adjust: none;
    }
    .track {
      border-color: ButtonText;
      background: Canvas;
    }
    .thumb {
      background: ButtonText;
    }
    .switch[aria-checked='true'] .track {
      border-color: Highlight;
      background: Highlight;
    }
    .switch[aria-checked='true'] .thumb {
      background: HighlightText;
    }
    .switch[aria-disabled='true'] .track {
      border-color: GrayText;
    }
  }
`;
