import { css } from 'lit';

/**
 * Public `--krosai-*` custom properties map onto private `--_*` ones, so a site overrides the
 * first and the component reads only the second.
 */
export const styles = css`
  :host {
    --_bg: var(--krosai-background, #ffffff);
    --_fg: var(--krosai-foreground, #1a1a1f);
    --_muted: var(--krosai-muted, #5b5b66);
    --_accent: var(--krosai-accent, #3b3bd4);
    --_accent-fg: var(--krosai-accent-foreground, #ffffff);
    --_border: var(--krosai-border, #d6d6de);
    --_radius: var(--krosai-radius, 12px);
    --_font: var(--krosai-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_focus: var(--krosai-focus-ring, #1a73e8);

    display: block;
    font-family: var(--_font);
    color: var(--_fg);
  }

  :host([hidden]) {
    display: none;
  }

  .panel {
    display: flex;
    flex-direction: column;
    gap: 12px;
    padding: 16px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  h2 {
    margin: 0;
    font-size: 1rem;
  }

  .status {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  button {
    font: inherit;
    border: 0;
    border-radius: 999px;
    padding: 10px 16px;
    background: var(--_accent);
    color: var(--_accent-fg);
    cursor: pointer;
  }

  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
