import {css} from './sheet.js';

/**
 * The first layer (`mode="banner"`): a calm bar at the bottom edge, the page above it usable.
 * The sentence is capped near 70 characters a line and the buttons take their labels' size,
 * beside it where there is room and under it where there is not; "Accept all" and "Reject all"
 * share one grid's equal columns, so they are always exactly the same size. It never covers
 * more than half the screen: at 320 px or 400 % zoom it scrolls inside itself.
 */
export const bannerStyles = css`
  .banner {
    position: fixed;
    inset-inline: 0;
    inset-block-end: 0;
    z-index: 2147483000;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.75rem 2rem;
    max-block-size: 50dvh;
    overflow: auto;
    overscroll-behavior: contain;
    padding-block: 0.75rem;
    padding-inline: var(--_pp-gap);
    border-block-start: 1px solid var(--_pp-border);
    box-shadow: 0 -0.25rem 1rem rgb(0 0 0 / 0.15);
    font-size: 0.9375em;
    line-height: 1.4;
  }

  .banner-text {
    flex: 1 1 20rem;
    max-inline-size: 36em;
  }

  /* The heading leads the sentence, in bold: a line less. */
  .banner-heading,
  .banner .intro {
    display: inline;
    margin-inline-end: 0.5em;
    font-size: 1em;
  }

  .banner a {
    white-space: nowrap;
  }

  .banner .notices {
    margin: 0.5rem 0 0;
  }

  .banner .actions {
    display: grid;
    grid-template-columns: 1fr 1fr auto;
    margin: 0;
  }

  /* Closing means "Reject all" here: a "×" in the text's corner, the text flowing around it. */
  .banner .close-banner {
    float: inline-end;
    inline-size: 2rem;
    block-size: 2rem;
    margin-block-start: -0.25rem;
    margin-inline: 0.25rem -0.5rem;
    padding: 0;
    font-size: 1.25rem;
    line-height: 1;
  }

  /* Too narrow for one row: the third button spans the two above it, edges aligned. */
  @media (max-width: 30rem) {
    .banner .actions {
      grid-template-columns: 1fr 1fr;
    }
    .banner .secondary {
      grid-column: span 2;
    }
  }
`;
