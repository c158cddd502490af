import { css } from 'lit';
import { hostReset } from './host-reset.styles.js';
import { launcherStyles } from './launcher.styles.js';

// The dark palette, for theme="dark" and for theme="auto" on a dark system.
const darkPalette = css`
  --_bg: var(--krosai-background, #18181d);
  --_fg: var(--krosai-foreground, #ececf1);
  --_muted: var(--krosai-muted, #a9a9b6);
  --_accent: var(--krosai-accent, #9a9aff);
  --_accent-fg: var(--krosai-accent-foreground, #0d0d12);
  --_agent-bubble: var(--krosai-agent-bubble, #2a2a33);
  --_danger: var(--krosai-danger, #ff8a80);
  --_danger-fg: #0d0d12;
  --_border: var(--krosai-border, #3a3a46);
  --_focus: var(--krosai-focus-ring, #8ab4f8);
`;

/**
 * Public `--krosai-*` custom properties map onto private `--_*` ones, so a site overrides the
 * first and the component reads only the second. Light is the default palette; dark applies with
 * `theme="dark"`, or with `theme="auto"` (the default) when the visitor's system prefers it.
 */
export const styles = css`
  :host {
    --_bg: var(--krosai-background, #ffffff);
    --_fg: var(--krosai-foreground, #1a1a1f);
    --_muted: var(--krosai-muted, #55555f);
    --_accent: var(--krosai-accent, #3b3bd4);
    --_accent-fg: var(--krosai-accent-foreground, #ffffff);
    --_agent-bubble: var(--krosai-agent-bubble, #eef0f5);
    --_danger: var(--krosai-danger, #b3261e);
    --_danger-fg: #ffffff;
    --_border: var(--krosai-border, #d6d6de);
    --_radius: var(--krosai-radius, 12px);
    --_font: var(--krosai-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--krosai-font-size, medium);
    --_focus: var(--krosai-focus-ring, #1a73e8);
    --_panel-width: var(--krosai-panel-width, 24em);
    --_panel-height: var(--krosai-panel-height, 36em);
    --_launcher-size: var(--krosai-launcher-size, 3.5em);
    --_offset: var(--krosai-offset, 1.25em);
    --_z: var(--krosai-z-index, 2147483000);

    display: block;
    font-family: var(--_font);
    color: var(--_fg);
    line-height: 1.4;
  }

  :host([theme='dark']) {
    ${darkPalette}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light']):not([theme='dark'])) {
      ${darkPalette}
    }
  }

  /* Inline, the widget fills its container (when the container has a height). */
  :host(:not([layout='launcher'])) {
    height: 100%;
  }

  ${hostReset}

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* ---- panel ---------------------------------------------------------------------------- */

  .panel {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    height: 100%;
    padding: 0.75em;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  header {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }

  header ::slotted(*),
  h2 {
    flex: 1;
    margin: 0;
    font-size: 1.05em;
  }

  .header-actions {
    display: flex;
    gap: 0.25em;
    margin-inline-start: auto;
  }

  /* ---- buttons ---------------------------------------------------------------------------- */

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    font: inherit;
    border: 0;
    border-radius: 999px;
    padding: 0.55em 1em;
    background: var(--_accent);
    color: var(--_accent-fg);
    cursor: pointer;
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  button.secondary,
  .icon-button {
    background: transparent;
    color: var(--_fg);
    border: 1px solid var(--_border);
  }

  .icon-button {
    padding: 0.4em;
  }

  .icon-button[aria-pressed='true'] {
    background: var(--_agent-bubble);
  }

  button.hang-up {
    background: var(--_danger);
    color: var(--_danger-fg);
  }

  button.mute[aria-pressed='true'] {
    background: var(--_fg);
    color: var(--_bg);
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .icon {
    flex: none;
  }

  :host(:dir(rtl)) .send .icon,
  .panel[dir='rtl'] .send .icon {
    transform: scaleX(-1);
  }

  ${launcherStyles}

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
