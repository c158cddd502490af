import type { AgentState, CallState, VoiceSessionEvent } from './voice-session.js';

/**
 * What a voice session tells its listeners, and the states it reports: each change once, in the
 * order it happened. A faulty listener never breaks the call.
 */
export class SessionEvents {
  callState: CallState = 'idle';
  agentState: AgentState = 'unknown';
  private readonly listeners = new Set<(event: VoiceSessionEvent) => void>();
  private callStateReason: string | undefined;

  subscribe(listener: (event: VoiceSessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(event: VoiceSessionEvent): void {
    for (const listener of [...this.listeners]) {
      // A listener that unsubscribed during this dispatch hears nothing more.
      if (!this.listeners.has(listener)) continue;
      try {
        listener(event);
      } catch (error) {
        // A faulty listener must not break the call; report it where developers look.
        console.error(error);
      }
    }
  }

  protected setCallState(state: CallState, reason?: string): void {
    if (state === this.callState && reason === this.callStateReason) return;
    this.callStateReason = reason;
    this.callState = state;
    this.emit(
      reason === undefined ? { type: 'call-state', state } : { type: 'call-state', state, reason },
    );
  }

  protected setAgentState(state: AgentState): void {
    if (state === this.agentState) return;
    this.agentState = state;
    this.emit({ type: 'agent-state', state });
  }

  /**
   * Resolves once the agent has said its state, when the call stops, or after `timeoutMs` (an
   * agent that never says it). An agents framework publishes `lk.agent.state` once its session
   * has started, which is also when it starts reading `lk.chat`: an agent that joined the room
   * before starting its session (as the Node framework's `ctx.connect()` first does) drops text
   * sent in between.
   */
  protected agentReady(timeoutMs: number): Promise<void> {
    if (this.agentState !== 'unknown') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (event.type === 'agent-state' && event.state !== 'unknown') done();
        if (event.type === 'call-state' && (event.state === 'ended' || event.state === 'error')) {
          done();
        }
      });
    });
  }
}
