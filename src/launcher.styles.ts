import { css } from 'lit';

/**
 * `layout="launcher"`: the floating button and its panel. Both are `popover="manual"` in the top
 * layer by default (TopLayerController), so the UA's popover centring and scroll box are undone.
 */
export const launcherStyles = css`
  .panel.floating {
    position: fixed;
    inset: auto;
    margin: 0;
    overflow: visible;
    inset-block-end: calc(var(--_offset) + var(--_launcher-size) + 0.75em);
    inset-inline-end: var(--_offset);
    z-index: var(--_z);
    width: min(var(--_panel-width), calc(100vw - 2 * var(--_offset)));
    height: min(var(--_panel-height), calc(100vh - var(--_launcher-size) - 3 * var(--_offset)));
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.2);
  }

  .panel.floating.expanded {
    width: min(var(--krosai-panel-expanded-width, 44em), calc(100vw - 2 * var(--_offset)));
    height: calc(100vh - var(--_launcher-size) - 3 * var(--_offset));
  }

  /* A phone: the open panel is a full-screen sheet over the launcher, inside the safe areas and
     above the on-screen keyboard (SheetController writes the visual viewport's top and height). */
  .panel.floating.sheet {
    inset: var(--_sheet-top, 0) 0 auto 0;
    width: 100%;
    height: var(--_sheet-height, 100dvh);
    max-height: 100dvh;
    border: 0;
    border-radius: 0;
    padding-block: max(0.75em, env(safe-area-inset-top)) max(0.75em, env(safe-area-inset-bottom));
    padding-inline: max(0.75em, env(safe-area-inset-left)) max(0.75em, env(safe-area-inset-right));
    overscroll-behavior: contain;
    box-shadow: none;
  }

  .panel.sheet .controls button {
    flex: 1 1 auto;
  }

  .launcher {
    position: fixed;
    inset: auto;
    margin: 0;
    overflow: visible;
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    z-index: var(--_z);
    width: var(--_launcher-size);
    height: var(--_launcher-size);
    padding: 0;
    box-shadow: 0 6px 18px rgb(0 0 0 / 0.25);
  }

  .badge {
    position: absolute;
    inset-block-start: -0.3333em;
    inset-inline-end: -0.3333em;
    min-width: 1.6667em;
    padding: 0 0.4em;
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_danger-fg);
    font-size: 0.75em;
    line-height: 1.6667em;
  }
`;
