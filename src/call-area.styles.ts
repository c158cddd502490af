import { css } from 'lit';

/**
 * The call area under the list: the status line and meters, the controls, the microphone picker,
 * the composer, the consent step and the error.
 */
export const callAreaStyles = css`
  /* ---- status, controls, composer --------------------------------------------------------- */

  .status {
    display: flex;
    align-items: center;
    gap: 0.5882em;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .visualiser {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    height: 1.1765em; /* 16px in a 0.85em status line */
  }

  .visualiser .bar {
    display: block;
    width: 3px;
    height: 100%;
    border-radius: 2px;
    background: var(--krosai-visualiser-color, var(--_accent));
    /* A resting bar is a dot; only transform changes, so drawing a frame lays nothing out. */
    transform: scaleY(calc(0.2 + 0.8 * var(--_level, 0)));
  }

  .call-timer {
    font-variant-numeric: tabular-nums;
  }

  .levels {
    display: inline-flex;
    gap: 0.3em;
    margin-inline-start: auto;
  }

  .meter {
    display: inline-block;
    width: 3em;
    height: 0.375em;
    border-radius: 999px;
    background: var(--_border);
    overflow: hidden;
  }

  .level {
    display: block;
    height: 100%;
    background: var(--_accent);
    transform: scaleX(var(--_level, 0));
    transform-origin: left;
  }

  .panel[dir='rtl'] .level {
    transform-origin: right;
  }

  @media (prefers-reduced-motion: reduce) {
    .levels,
    .visualiser {
      display: none;
    }
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }

  .microphone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2941em 0.5882em;
    font-size: 0.85em;
  }

  .microphone select {
    min-width: 0;
    max-width: 100%;
    font: inherit;
    padding: 0.3529em 0.5882em;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    color: var(--_fg);
  }

  .composer {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25em 0.5em;
  }

  .composer input {
    min-width: 0;
    font: inherit;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_muted);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_fg);
  }

  .composer .send {
    padding: 0.5em;
  }

  .hint {
    grid-column: 1 / -1;
    margin: 0;
    color: var(--_muted);
    font-size: 0.8em;
  }

  .hint:empty {
    display: none;
  }

  .consent {
    display: grid;
    gap: 0.4em;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }

  .consent-title {
    margin: 0;
    font-size: 0.95em;
  }

  .consent-text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .consent a {
    color: inherit;
  }

  .consent-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }

  .error {
    padding: 0.5em 0.75em;
    border: 1px solid var(--_danger);
    border-radius: calc(var(--_radius) / 2);
  }

  .error p {
    margin: 0 0 0.4em;
  }

  .error-actions {
    display: flex;
    gap: 0.5em;
  }
`;
