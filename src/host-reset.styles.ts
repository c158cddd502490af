import { css } from 'lit';

/**
 * CMS-proofing: the page's rules reach the host element (`*{line-height:3}` beats `:host`) and
 * every inherited text property flows in from the page (`text-transform`, `letter-spacing`,
 * `white-space`…). The shadow tree's top-level elements take a clean value of each, so nothing
 * inherited from the page shows inside; the site themes the widget through `--krosai-*` only.
 * Sizes are in `em` of the host's font size (`--krosai-font-size`, default `medium`), never
 * `rem`, so `html{font-size:10px}` does not shrink the widget.
 */
export const hostReset = css`
  :host > * {
    font-family: var(--_font);
    font-size: var(--_font-size);
    font-style: normal;
    font-weight: 400;
    font-variant: normal;
    font-stretch: normal;
    font-feature-settings: normal;
    font-kerning: auto;
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    text-shadow: none;
    white-space: normal;
    word-break: normal;
    hyphens: manual;
    tab-size: 8;
    cursor: auto;
    visibility: visible;
    color: var(--_fg);
  }
`;
