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


  .meta {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }

  .feedback {
    display: inline-flex;
    gap: 0.15rem;
  }

  button.feedback-button {
    padding: 0.15rem;
    min-width: 0;
    border: 1px solid transparent;
    background: transparent;
    color: inherit;
    line-height: 0;
  }

  button.feedback-button svg {
    width: 0.95rem;
    height: 0.95rem;
  }

  button.feedback-button[aria-pressed='true'] {
    border-color: currentColor;
    background: var(--_bg);
    color: var(--_fg);
  }

  .rating {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
    padding: 0.4rem 0;
    font-size: 0.9rem;
  }

  .rating-choices {
    display: inline-flex;
    gap: 0.25rem;
  }

  .rating button,
  .start-anew {
    background: transparent;
    color: var(--_fg);
    border: 1px solid var(--_border);
  }

  .start-anew {
    justify-self: start;
    margin-block-end: 0.4rem;
  }

  .history-details {
    display: block;
    color: var(--_muted);
    font-size: 0.8rem;
  }

  .history-first {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .history-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    margin-block: 0.3rem 0.4rem;
  }

  .history .history-actions button {
    width: auto;
    flex-direction: row;
    align-items: center;
    padding: 0.3rem 0.75rem;
    border-radius: 999px;
    font-size: 0.85rem;
  }

  .history .history-actions .icon-button {
    padding: 0.3rem;
  }
`;
