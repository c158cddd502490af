import type { Participant } from 'livekit-client';
import { KrosaiError } from '../errors.js';
import { AgentAudio } from './agent-audio.js';
import { AGENT_STATE_ATTRIBUTE } from './agent-protocol.js';
import { isAgentParticipant, toAgentState } from './agent-state.js';
import { microphoneLossError } from './mic-errors.js';
import { availableChoice } from './microphones.js';
import { SessionEvents } from './session-events.js';
import { type VoiceCall as Call, releaseVoiceCall, stopConnecting } from './voice-call.js';
import type { CallEndReason } from './voice-session.js';

/**
 * A voice call's life once it is under way, free of livekit-client at run time (the session in
 * livekit-voice-session.ts feeds it the room's events): whether the agent is there and the call
 * state that follows (`connected`, `waiting-for-agent` and its timer), a microphone that went
 * away, a take-over from another tab, and how the call ends.
 */
export class CallLifecycle extends SessionEvents {
  protected readonly audio = new AgentAudio();
  protected call: Call | undefined;

  /**
   * A device was plugged in or out: a chosen microphone that is gone gives way to the default
   * (a browser that ends the track first has livekit-client restart it there already).
   */
  protected async checkMicrophone(call: Call): Promise<void> {
    const chosen = call.microphone.device;
    if (!chosen || (await availableChoice(chosen)) === chosen) return;
    if (this.call !== call || call.microphone.device !== chosen) return;
    await call.microphone.useDevice(undefined, true).catch(() => {
      // The default would not open either: livekit-client mutes the ended track.
    });
  }

  /**
   * The browser took the microphone away mid-call and it could not come back: the call goes on as
   * a text conversation (the agent's voice still plays), and the visitor is told why.
   */
  protected async onMicrophoneLost(call: Call): Promise<void> {
    const error = await microphoneLossError();
    await call.microphone
      .setEnabled(false, call.room.localParticipant, {
        muted: () => true,
        stillWanted: () => false,
      })
      .catch(() => undefined);
    if (this.call !== call || call.released) return;
    this.emit({ type: 'microphone', enabled: false });
    this.emit({ type: 'error', error });
  }

  protected findAgent(call: Call): void {
    for (const participant of call.room.remoteParticipants.values()) {
      if (isAgentParticipant(participant)) {
        this.onAgentJoined(call, participant);
        return;
      }
    }
  }

  protected onAgentJoined(call: Call, agent: Participant): void {
    call.agentIdentity = agent.identity;
    this.setAgentState(toAgentState(agent.attributes[AGENT_STATE_ATTRIBUTE]));
    if (call.joined) this.refreshCallState(call);
  }

  protected onAgentLeft(call: Call): void {
    call.agentIdentity = undefined;
    this.setAgentState('unknown');
    this.refreshCallState(call);
  }

  /**
   * `connected` with an agent, `waiting-for-agent` (and its timer) without. While reconnecting,
   * participants come and go as the room is rebuilt: only `Reconnected` settles the state.
   */
  protected refreshCallState(call: Call, reconnected = false): void {
    if (!call.joined) return;
    if (this.callState === 'reconnecting' && !reconnected) return;
    if (call.agentIdentity) {
      clearTimeout(call.agentTimer);
      call.agentTimer = undefined;
      this.setCallState('connected');
      return;
    }
    this.setCallState('waiting-for-agent');
    call.agentTimer ??= setTimeout(() => {
      call.agentTimer = undefined;
      if (this.call !== call || call.agentIdentity) return;
      const error = new KrosaiError('agent-unavailable', 'The agent did not join the call.');
      void this.endCall(call, undefined, error);
    }, call.agentJoinTimeoutMs);
  }

  protected onCallTakenOver(call: Call): void {
    if (this.call !== call) return;
    if (call.joined) void this.endCall(call, 'call-elsewhere');
    else stopConnecting(call, 'call-elsewhere');
  }

  /** Ends a call that was up: `ended` with a reason, or `error` with the error that ended it. */
  protected async endCall(call: Call, reason?: CallEndReason, error?: KrosaiError): Promise<void> {
    if (call.released) return this.teardown(call);
    await this.teardown(call);
    if (error) {
      this.emit({ type: 'error', error });
      this.setCallState('error', error.reason);
    } else {
      const ended = reason ?? 'connection-lost';
      // A call the network took is a failure the visitor is told about (and may retry); a
      // hang-up, a kick or a take-over is not.
      if (ended === 'connection-lost') {
        const lost = new KrosaiError('connection-lost', 'The call dropped and could not resume.');
        this.emit({ type: 'error', error: lost });
      }
      this.setCallState('ended', ended);
    }
  }

  /** Releases everything the call holds. Idempotent; never rejects. */
  protected async teardown(call: Call): Promise<void> {
    await releaseVoiceCall(call, this.audio);
    if (this.call === call) this.call = undefined;
    this.setAgentState('unknown');
  }
}
