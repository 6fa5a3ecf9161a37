import {css} from './sheet.js';

/** The first layer (`mode="banner"`). */
export const bannerStyles = css`
  /* The first layer sits at the bottom edge: the page above stays usable. */
  .banner {
    position: fixed;
    inset-inline: 0;
    inset-block-end: 0;
    z-index: 2147483000;
    max-block-size: 60dvh;
    overflow: auto;
    padding: var(--_pp-gap);
    border-block-start: 1px solid var(--_pp-border);
    box-shadow: 0 -0.25rem 1rem rgb(0 0 0 / 0.15);
  }

  .banner-heading {
    font-size: 1.125em;
  }

  .banner .actions {
    margin-block-end: 0;
  }
`;
