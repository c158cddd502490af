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
`;
