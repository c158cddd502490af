import { css } from 'lit';

/** Styles of feedback, transcript export and the history's details (Markdown's come with its chunk). */
export const contentStyles = css`
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
