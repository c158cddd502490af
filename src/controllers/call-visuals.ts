import type { ReactiveControllerHost } from 'lit';
import { CallTimerController } from './call-timer-controller.js';
import type { CallSnapshot } from './conversation-controller.js';
import { LevelMeterController } from './level-meter-controller.js';

/**
 * What moves during a call without a re-render of the element: the level meters and the agent's
 * visualiser (once a frame) and the call timer (once a second), written straight into what
 * `render()` drew. Neither keeps state the element reads.
 */
export function addCallVisuals(
  host: ReactiveControllerHost,
  options: {
    call: () => CallSnapshot;
    /** The panel is on screen (inline, or the launcher's panel open). */
    panelShown: () => boolean;
    lang: () => string;
    root: () => ParentNode;
  },
): void {
  const { call, root } = options;
  new LevelMeterController(host, {
    shown: () => options.panelShown() && call().state === 'connected' && call().mode === 'voice',
    listening: () => !call().muted,
    agentSpeaking: () => call().agentState === 'speaking',
    levels: () => call().levels(),
    agentBands: (count) => call().agentBands(count),
    meters: () => ({
      input: root().querySelector<HTMLElement>('.level-input'),
      output: root().querySelector<HTMLElement>('.level-output'),
      bars: Array.from(root().querySelectorAll<HTMLElement>('.visualiser .bar')),
    }),
  });
  new CallTimerController(host, {
    since: () => call().voiceSince,
    lang: options.lang,
    target: () => root().querySelector<HTMLElement>('.call-timer .elapsed'),
  });
}
