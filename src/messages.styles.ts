import { css } from 'lit';

/** The message list (bubbles, notices, the new-messages button) and the history view. */
export const messageStyles = css`
  /* ---- messages --------------------------------------------------------------------------- */

  .list-area {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-height: 14em;
  }

  .messages {
    flex: 1 1 0;
    min-height: 0;
    overflow: auto;
    overscroll-behavior: contain;
    /* A scrollbar that appears would narrow every message and re-measure them all at once. */
    scrollbar-gutter: stable;
    border-radius: calc(var(--_radius) / 2);
  }

  .messages > .earlier {
    display: flex;
    margin: 0.2941em auto;
    padding: 0.3529em 0.9412em;
    background: transparent;
    color: var(--_fg);
    border: 1px solid var(--_border);
    font-size: 0.85em;
  }

  .message-row {
    display: flex;
    width: 100%;
    padding-block: 0.25em;
  }

  .message-row.from-user {
    justify-content: flex-end;
  }

  .message {
    max-width: 80%;
    padding: 0.5em 0.75em;
    border-radius: var(--_radius);
    background: var(--_agent-bubble);
    color: var(--_fg);
    overflow-wrap: anywhere;
  }

  .from-user .message {
    background: var(--_accent);
    color: var(--_accent-fg);
  }

  .message.interim {
    font-style: italic;
    outline: 1px dashed currentColor;
    outline-offset: -3px;
  }

  .message .text {
    margin: 0;
    white-space: pre-wrap;
  }

  .message a {
    color: inherit;
    text-decoration: underline;
  }

  .message .show-more {
    margin-top: 0.25em;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .meta {
    margin-block-start: 0.2667em;
    font-size: 0.75em;
  }

  .placeholder,
  .over,
  .notice {
    margin: 0;
    padding: 0.5556em 0;
    color: var(--_muted);
    font-size: 0.9em;
  }

  .new-below {
    position: absolute;
    inset-block-end: 0.5em;
    inset-inline-start: 50%;
    transform: translateX(-50%);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.2);
  }

  /* ---- history ---------------------------------------------------------------------------- */

  .history {
    flex: 1 1 auto;
    min-height: 14em;
    overflow: auto;
  }

  .history ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4em;
  }

  .history button {
    width: 100%;
    flex-direction: column;
    align-items: flex-start;
    border-radius: calc(var(--_radius) / 2);
    background: transparent;
    color: var(--_fg);
    border: 1px solid var(--_border);
    text-align: start;
  }

  .history button[aria-current='true'] {
    border-color: var(--_accent);
    border-width: 2px;
  }

  .history time {
    color: var(--_muted);
    font-size: 0.8em;
  }
`;
