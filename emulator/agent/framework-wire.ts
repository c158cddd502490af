import { randomBytes } from 'node:crypto';
import { AgentSession, type DataPacket } from '@livekit/protocol';
import {
  AGENT_SESSION_TOPIC,
  SEGMENT_ID_ATTRIBUTE,
  TRANSCRIBED_TRACK_ATTRIBUTE,
  TRANSCRIPTION_FINAL_ATTRIBUTE,
  TRANSCRIPTION_TOPIC,
} from '../../src/voice/agent-protocol.js';
import {
  byteStreamPackets,
  type DataSender,
  OutgoingTextStream,
  transcriptionPacket,
} from '../livekit/data-packets.js';

/**
 * What LiveKit Agents' RoomIO puts on the wire, for the scripted agent to say things the way the
 * real framework does (shared/design/livekit-agents-wire.md). Two flavours differ only in how the
 * agent's speech ends: Node closes its delta stream with an empty trailer (rtc-node's `close()`
 * takes no attributes), Python's trailer says final and names the track.
 */
export type AgentFlavour = 'node' | 'python';
export const AGENT_FLAVOURS: readonly AgentFlavour[] = ['node', 'python'];

/** Which flavour each room's agent speaks: a default (Node) and per-room choices. */
export class FlavourChoice {
  private fallback: AgentFlavour = 'node';
  private readonly rooms = new Map<string, AgentFlavour>();

  of(room: string): AgentFlavour {
    return this.rooms.get(room) ?? this.fallback;
  }

  /** For one room, or (without `room`) for every room that has no choice of its own. */
  choose(flavour: AgentFlavour, room?: string): void {
    if (room) this.rooms.set(room, flavour);
    else this.fallback = flavour;
  }

  reset(): void {
    this.fallback = 'node';
    this.rooms.clear();
  }
}

export function isAgentFlavour(value: unknown): value is AgentFlavour {
  return AGENT_FLAVOURS.includes(value as AgentFlavour);
}

/** The framework's segment ids: `SG_` and 12 characters. */
export function newSegmentId(): string {
  return `SG_${randomBytes(6).toString('hex')}`;
}

/** Whose audio a transcript is of. */
export interface TranscribedTrack {
  identity: string;
  trackSid: string;
}

type Send = (packet: DataPacket) => void;

/**
 * The agent's speech: one delta stream per segment (header final "false") and, beside it, a
 * deprecated packet per piece with the whole text so far, under its own segment id. Each piece
 * goes out packet first, then the stream's, as the framework's parallel outputs do.
 */
export class AgentSpeechTranscript {
  readonly packetSegmentId = newSegmentId();
  private stream: OutgoingTextStream | undefined;
  private text = '';

  constructor(
    private readonly flavour: AgentFlavour,
    private readonly sender: DataSender,
    private readonly send: Send,
    private readonly voice: TranscribedTrack,
    readonly streamSegmentId = newSegmentId(),
  ) {}

  /** One more piece (a word with its spacing), as the synchroniser releases it with the audio. */
  write(delta: string): void {
    this.text += delta;
    this.sendPacket(false);
    if (!this.stream) {
      this.stream = new OutgoingTextStream(this.sender, TRANSCRIPTION_TOPIC, {
        [TRANSCRIPTION_FINAL_ATTRIBUTE]: 'false',
        [TRANSCRIBED_TRACK_ATTRIBUTE]: this.voice.trackSid,
        [SEGMENT_ID_ATTRIBUTE]: this.streamSegmentId,
      });
      this.send(this.stream.header());
    }
    this.send(this.stream.chunk(Buffer.from(delta, 'utf8')));
  }

  /** The segment is over (played out, or interrupted): a final packet, then the trailer. */
  end(): void {
    if (!this.stream) return;
    this.sendPacket(true);
    const trailer: Record<string, string> =
      this.flavour === 'python'
        ? {
            [TRANSCRIPTION_FINAL_ATTRIBUTE]: 'true',
            [TRANSCRIBED_TRACK_ATTRIBUTE]: this.voice.trackSid,
          }
        : {};
    this.send(this.stream.trailer(trailer));
  }

  private sendPacket(final: boolean): void {
    const segmentId = this.packetSegmentId;
    this.send(
      transcriptionPacket(this.sender, { ...this.voice, segmentId, text: this.text, final }),
    );
  }
}

/**
 * The visitor's speech, as the framework forwards speech-to-text (the same in both flavours): one
 * whole-text stream per update, `lk.transcription_final` in its header and an empty trailer, all
 * under one segment id; beside each, a deprecated packet under its own id.
 */
export class UserSpeechTranscript {
  readonly packetSegmentId = newSegmentId();

  constructor(
    private readonly sender: DataSender,
    private readonly send: Send,
    private readonly microphone: TranscribedTrack,
    readonly streamSegmentId = newSegmentId(),
  ) {}

  publish(text: string, final: boolean): void {
    const segmentId = this.packetSegmentId;
    this.send(transcriptionPacket(this.sender, { ...this.microphone, segmentId, text, final }));
    const stream = new OutgoingTextStream(this.sender, TRANSCRIPTION_TOPIC, {
      [TRANSCRIPTION_FINAL_ATTRIBUTE]: String(final),
      [TRANSCRIBED_TRACK_ATTRIBUTE]: this.microphone.trackSid,
      [SEGMENT_ID_ATTRIBUTE]: this.streamSegmentId,
    });
    this.send(stream.header());
    this.send(stream.chunk(Buffer.from(text, 'utf8')));
    this.send(stream.trailer());
  }
}

const SESSION_STATES: Record<string, AgentSession.AgentState> = {
  initializing: AgentSession.AgentState.AS_INITIALIZING,
  idle: AgentSession.AgentState.AS_IDLE,
  listening: AgentSession.AgentState.AS_LISTENING,
  thinking: AgentSession.AgentState.AS_THINKING,
  speaking: AgentSession.AgentState.AS_SPEAKING,
};

/**
 * The `lk.agent.session` byte stream the framework sends its linked participant when its state
 * changes (one of its session events; pages have no use for them and must ignore them).
 */
export function agentStateEventPackets(
  sender: DataSender,
  change: { from: string; to: string },
  linkedIdentity: string,
): DataPacket[] {
  const event = new AgentSession.AgentSessionEvent({
    event: {
      case: 'agentStateChanged',
      value: new AgentSession.AgentSessionEvent_AgentStateChanged({
        oldState: SESSION_STATES[change.from] ?? AgentSession.AgentState.AS_INITIALIZING,
        newState: SESSION_STATES[change.to] ?? AgentSession.AgentState.AS_INITIALIZING,
      }),
    },
  });
  const message = new AgentSession.AgentSessionMessage({
    message: { case: 'event', value: event },
  });
  const name = `AS_${randomBytes(6).toString('hex')}`;
  return byteStreamPackets(sender, AGENT_SESSION_TOPIC, name, message.toBinary(), [linkedIdentity]);
}
