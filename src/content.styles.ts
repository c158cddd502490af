import { css } from 'lit';

/** Styles of the rich message text, feedback, transcript export and the history's details. */
export const contentStyles = css`
  .message .markdown {
    white-space: normal;
  }

  .markdown > :first-child,
  .markdown li > :first-child {
    margin-block-start: 0;
  }

  .markdown > :last-child {
    margin-block-end: 0;
  }

  .markdown p,
  .markdown ul,
  .markdown ol,
  .markdown pre,
  .markdown blockquote,
  .markdown .md-table {
    margin-block: 0 0.5em;
  }

  .markdown ul,
  .markdown ol {
    padding-inline-start: 1.4em;
  }

  .markdown code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: color-mix(in srgb, currentColor 10%, transparent);
    border-radius: 0.25em;
    padding: 0 0.2em;
  }

  .markdown pre {
    overflow-x: auto;
    padding: 0.5em;
    border-radius: 0.4em;
    background: color-mix(in srgb, currentColor 10%, transparent);
    white-space: pre;
  }

  .markdown pre code {
    background: none;
    padding: 0;
  }

  .markdown blockquote {
    margin-inline: 0;
    padding-inline-start: 0.6em;
    border-inline-start: 3px solid var(--_border);
  }

  .markdown .md-table {
    overflow-x: auto;
  }

  .markdown table {
    border-collapse: collapse;
  }

  .markdown th,
  .markdown td {
    border: 1px solid var(--_border);
    padding: 0.15em 0.4em;
    text-align: start;
  }

  .markdown hr {
    border: 0;
    border-block-start: 1px solid var(--_border);
  }
`;
