import { randomBytes } from 'node:crypto';
import {
  type DataPacket,
  ParticipantInfo,
  ParticipantInfo_Kind,
  ParticipantInfo_State,
  ParticipantPermission,
  TrackInfo,
  TrackSource,
  TrackType,
  Transcription,
  TranscriptionSegment,
} from '@livekit/protocol';
import type { MediaStreamTrack } from 'werift';
import {
  DataSender,
  TextStreamAssembler,
  textStreamPackets,
  userPacket,
} from '../livekit/data-packets.js';
import { newSid } from '../livekit/ids.js';
import type { ParticipantSession } from '../livekit/participant-session.js';
import type { OutgoingTrack } from '../livekit/peer.js';
import type { LiveKitRoom, RoomAgent } from '../livekit/room.js';
import { AGENT_NAME, GREETING, interimPrefixes, replyTo, TIMING } from './script.js';
import { greetingAudio, playPackets } from './voice.js';

export type Role = 'user' | 'assistant';

/** Something the agent received from a page, kept for `/control/livekit/received`. */
export interface ReceivedItem {
  from: string;
  topic: string;
  /** Text of a text stream, or a user packet's payload decoded as UTF-8. */
  text: string;
  attributes?: Record<string, string>;
  receivedAt: number;
}

/** A transcript to publish on `lk.transcription`. */
export interface TranscriptOptions {
  role: Role;
  text: string;
  final: boolean;
  segmentId?: string;
  /** Send it the deprecated way (a `transcription` data packet), as older agents do. */
  legacy?: boolean;
}

const STATE_ATTRIBUTE = 'lk.agent.state';

/**
 * The agent KrosAI would dispatch, scripted: it joins with the first user, greets, echoes each
 * caller's microphone back as its own voice, and answers every `lk.chat` message with a quoted
 * reply streamed on `lk.transcription` (interim, then final, one segment id per utterance).
 */
export class ScriptedAgent implements RoomAgent {
  readonly info: ParticipantInfo;
  readonly track: OutgoingTrack;
  readonly received = { texts: [] as ReceivedItem[], data: [] as ReceivedItem[] };
  private readonly data: DataSender;
  private readonly assembler = new TextStreamAssembler();
  /** Utterances are spoken one at a time, in order. */
  private speaking: Promise<void> = Promise.resolve();
  private greeted = false;
  private playingClip = false;
  private gone = false;

  constructor(
    private readonly room: LiveKitRoom,
    private readonly onTranscript: (role: Role, text: string) => void,
  ) {
    const now = Date.now();
    const sid = newSid('PA');
    const trackSid = newSid('TR');
    this.info = new ParticipantInfo({
      sid,
      identity: `agent-${sid.slice(3)}`,
      name: AGENT_NAME,
      kind: ParticipantInfo_Kind.AGENT,
      state: ParticipantInfo_State.ACTIVE,
      joinedAt: BigInt(Math.floor(now / 1000)),
      joinedAtMs: BigInt(now),
      version: 1,
      isPublisher: true,
      attributes: { [STATE_ATTRIBUTE]: 'initializing' },
      permission: new ParticipantPermission({
        canSubscribe: true,
        canPublish: true,
        canPublishData: true,
        agent: true,
      }),
      tracks: [
        new TrackInfo({
          sid: trackSid,
          type: TrackType.AUDIO,
          source: TrackSource.MICROPHONE,
          name: 'agent-voice',
          mimeType: 'audio/opus',
        }),
      ],
    });
    this.track = { participantSid: sid, trackSid };
    this.data = new DataSender(this.info.identity, sid);
  }

  get state(): string {
    return this.info.attributes[STATE_ATTRIBUTE] ?? '';
  }

  userJoined(session: ParticipantSession): void {
    const ready = () => setTimeout(() => this.start(), TIMING.readyMs);
    if (session.peer.connection.connectionState === 'connected') ready();
    else {
      const { unSubscribe } = session.peer.connection.connectionStateChange.subscribe((state) => {
        if (state !== 'connected') return;
        unSubscribe();
        ready();
      });
    }
  }

  dataFrom(session: ParticipantSession, packet: DataPacket): void {
    const receivedAt = Date.now();
    if (packet.value.case === 'user') {
      const { topic = '', payload } = packet.value.value;
      const text = Buffer.from(payload).toString('utf8');
      this.received.data.push({ from: session.identity, topic, text, receivedAt });
      return;
    }
    const text = this.assembler.accept(packet);
    if (!text) return;
    this.received.texts.push({ from: session.identity, ...text, receivedAt });
    if (text.topic !== 'lk.chat' || !text.text.trim()) return;
    this.onTranscript('user', text.text);
    this.say(replyTo(text.text), true);
  }

  micAudio(session: ParticipantSession, track: MediaStreamTrack): void {
    // The agent's voice is the caller's own microphone, echoed back, except while it plays a clip.
    track.onReceiveRtp.subscribe((packet) => {
      if (this.gone || session.isEnded || this.playingClip) return;
      session.peer.playAgentAudio(packet.payload);
    });
  }

  leave(): void {
    this.gone = true;
  }

  /** Merges attributes (`lk.agent.state` among them) and tells every page. */
  setAttributes(attributes: Record<string, string>): void {
    Object.assign(this.info.attributes, attributes);
    this.info.version += 1;
    this.room.broadcastUpdate([this.info]);
  }

  setState(state: string): void {
    if (this.state !== state) this.setAttributes({ [STATE_ATTRIBUTE]: state });
  }

  /** Publishes one transcript; a final one is also recorded as a conversation message. */
  publishTranscript(options: TranscriptOptions): string {
    const segmentId = options.segmentId ?? `SG_${randomBytes(6).toString('hex')}`;
    const { identity, trackSid } = this.transcribed(options.role);
    if (options.legacy) {
      const segment = new TranscriptionSegment({
        id: segmentId,
        text: options.text,
        final: options.final,
        language: 'en',
      });
      const value = new Transcription({
        transcribedParticipantIdentity: identity,
        trackId: trackSid,
        segments: [segment],
      });
      this.room.deliver(this.data.packet({ case: 'transcription', value }));
    } else {
      const attributes = {
        'lk.segment_id': segmentId,
        'lk.transcription_final': String(options.final),
        'lk.transcribed_track_id': trackSid,
      };
      for (const packet of textStreamPackets(
        this.data,
        'lk.transcription',
        options.text,
        attributes,
      )) {
        this.room.deliver(packet);
      }
    }
    if (options.final) this.onTranscript(options.role, options.text);
    return segmentId;
  }

  /** Sends a plain data packet (`publishData`) from the agent to every page. */
  sendData(topic: string, payload: string): void {
    this.room.deliver(userPacket(this.data, topic, Buffer.from(payload, 'utf8')));
  }

  private start(): void {
    if (this.gone || this.greeted) return;
    this.greeted = true;
    this.setState('listening');
    this.say(GREETING, false, greetingAudio());
  }

  /**
   * Queues an utterance: (thinking →) speaking with interim transcripts, and the clip if there is
   * one, → final transcript → listening.
   */
  private say(text: string, think: boolean, clip?: Buffer[]): void {
    this.speaking = this.speaking.then(async () => {
      if (this.gone) return;
      if (think) {
        this.setState('thinking');
        await pause(TIMING.thinkingMs);
      }
      this.setState('speaking');
      const playing = clip ? this.play(clip) : Promise.resolve();
      const segmentId = `SG_${randomBytes(6).toString('hex')}`;
      for (const prefix of interimPrefixes(text)) {
        if (this.gone) return;
        this.publishTranscript({ role: 'assistant', text: prefix, final: false, segmentId });
        await pause(TIMING.interimMs);
      }
      await playing;
      if (this.gone) return;
      this.publishTranscript({ role: 'assistant', text, final: true, segmentId });
      this.setState('listening');
    });
    // One failed utterance (recording it, say) must neither crash the process as an unhandled
    // rejection nor silence every later one chained after it.
    this.speaking = this.speaking.catch((error: unknown) => {
      console.error('[agent] utterance failed:', error);
    });
  }

  /** Plays a clip to every user in the room, the echo paused meanwhile. */
  private async play(clip: Buffer[]): Promise<void> {
    this.playingClip = true;
    const sendToAll = (packet: Buffer) => {
      for (const session of this.room.sessions.values()) session.peer.playAgentAudio(packet);
    };
    await playPackets(clip, sendToAll, () => this.gone);
    this.playingClip = false;
  }

  /** Whose track a transcript belongs to: the agent's voice, or the (first) caller's microphone. */
  private transcribed(role: Role): { identity: string; trackSid: string } {
    if (role === 'assistant')
      return { identity: this.info.identity, trackSid: this.track.trackSid };
    const sessions = [...this.room.sessions.values()];
    for (const session of sessions) {
      const mic = session.tracks.find((t) => t.type === TrackType.AUDIO);
      if (mic) return { identity: session.identity, trackSid: mic.sid };
    }
    return { identity: sessions[0]?.identity ?? '', trackSid: '' };
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
