import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallSnapshot } from './conversation-controller.js';

/** The part of CustomStateSet used here (TypeScript types its methods in DOM.Iterable only). */
type StateSet = { add(state: string): void; delete(state: string): boolean };

/** What the states are read from. */
export interface StyledState {
  call: CallSnapshot;
  /** The launcher's panel is open. */
  open: boolean;
}

/**
 * The custom states styling may use, e.g. `krosai-conversation:state(connected)`: the call's
 * state (`idle`, `connecting`, `connected`, …), `agent-<state>` (`agent-speaking`, …), `live`
 * with the call's mode (`voice` or `text`), `muted` and `open`.
 */
export function customStates({ call, open }: StyledState): string[] {
  const states: string[] = [call.state, `agent-${call.agentState}`];
  if (call.live) states.push('live', call.mode);
  if (call.muted) states.push('muted');
  if (open) states.push('open');
  return states;
}

/**
 * Mirrors `customStates()` onto the element's CustomStateSet after every update. A browser
 * without CustomStateSet (or one that still wants `--` names) goes without; attributes and parts
 * remain.
 */
export class CustomStatesController implements ReactiveController {
  private shown = new Set<string>();

  constructor(
    host: ReactiveControllerHost,
    private readonly internals: ElementInternals | undefined,
    private readonly read: () => StyledState,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const set = this.internals?.states as StateSet | undefined;
    if (!set) return;
    const next = new Set(customStates(this.read()));
    try {
      for (const state of this.shown) if (!next.has(state)) set.delete(state);
      for (const state of next) if (!this.shown.has(state)) set.add(state);
      this.shown = next;
    } catch {
      // An engine that accepts only `--name` states: styling keeps to attributes and parts.
    }
  }
}
