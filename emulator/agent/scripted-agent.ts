import {
  type DataPacket,
  ParticipantInfo,
  ParticipantInfo_Kind,
  ParticipantInfo_State,
  ParticipantPermission,
  TrackInfo,
  TrackSource,
  TrackType,
} from '@livekit/protocol';
import type { MediaStreamTrack } from 'werift';
import {
  AGENT_STATE_ATTRIBUTE,
  CHAT_TOPIC,
  SEGMENT_ID_ATTRIBUTE,
  TRANSCRIBED_TRACK_ATTRIBUTE,
  TRANSCRIPTION_FINAL_ATTRIBUTE,
  TRANSCRIPTION_TOPIC,
} from '../../src/voice/agent-protocol.js';
import {
  DataSender,
  TextStreamAssembler,
  textStreamPackets,
  transcriptionPacket,
  userPacket,
} from '../livekit/data-packets.js';
import { newSid } from '../livekit/ids.js';
import type { ParticipantSession } from '../livekit/participant-session.js';
import type { OutgoingTrack } from '../livekit/peer.js';
import type { LiveKitRoom, RoomAgent } from '../livekit/room.js';
import {
  type AgentFlavour,
  AgentSpeechTranscript,
  agentStateEventPackets,
  newSegmentId,
  type TranscribedTrack,
  UserSpeechTranscript,
} from './framework-wire.js';
import { AGENT_NAME, GREETING, interimPrefixes, replyTo, TIMING, wordPieces } from './script.js';
import { FRAME_MS, greetingAudio, playPackets } from './voice.js';

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
  /** The stream's segment id (a flavour's packets get their own, as the framework's do). */
  segmentId?: string;
  /** Send it the deprecated way (a `transcription` data packet), as older agents do. */
  legacy?: boolean;
  /**
   * Say the whole utterance as that framework would: the agent's speech as one delta stream of
   * words, the visitor's as interim whole-text streams then (unless `final` is false) the final
   * one, each with its parallel deprecated packets. Without it: one whole-text stream.
   */
  flavour?: AgentFlavour;
}

/** The segment ids a published transcript went out under. */
export interface PublishedTranscript {
  segmentId: string;
  /** The deprecated packets' own segment id, for a flavour's utterance. */
  packetSegmentId?: string;
}

/**
 * The agent KrosAI would dispatch, scripted: it joins with the first user, greets, echoes each
 * caller's microphone back as its own voice, and answers every `lk.chat` message with a quoted
 * reply. It speaks the wire shapes of LiveKit Agents (framework-wire.ts) in the flavour the room
 * is set to: `lk.agent.state` from `listening` on, every transcript as a text stream with its
 * deprecated twin, and `lk.agent.session` events. The room's TranscriptRecorder records what it
 * says, as it would any agent's.
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
    /** The flavour to speak, read at each utterance (the control API can change it). */
    private readonly flavour: () => AgentFlavour,
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
      // As the framework: no state until its session starts, then `listening` first.
      attributes: {},
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
    return this.info.attributes[AGENT_STATE_ATTRIBUTE] ?? '';
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
    if (text.topic !== CHAT_TOPIC || !text.text.trim()) return;
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

  /** Sets `lk.agent.state` and, as the framework does, tells the visitor in a session event. */
  setState(state: string): void {
    const from = this.state;
    if (from === state) return;
    this.setAttributes({ [AGENT_STATE_ATTRIBUTE]: state });
    const linked = this.firstCaller();
    if (!linked) return;
    const change = { from, to: state };
    for (const packet of agentStateEventPackets(this.data, change, linked.identity)) {
      this.room.deliver(packet);
    }
  }

  /** Publishes a transcript as told; resolves once all of it is sent. */
  async publishTranscript(options: TranscriptOptions): Promise<PublishedTranscript> {
    const segmentId = options.segmentId ?? newSegmentId();
    const track = this.transcribed(options.role);
    if (options.flavour) return this.replay(options.flavour, options, segmentId);
    const { text, final } = options;
    if (options.legacy) {
      this.room.deliver(transcriptionPacket(this.data, { ...track, segmentId, text, final }));
      return { segmentId };
    }
    const attributes = {
      [SEGMENT_ID_ATTRIBUTE]: segmentId,
      [TRANSCRIPTION_FINAL_ATTRIBUTE]: String(final),
      [TRANSCRIBED_TRACK_ATTRIBUTE]: track.trackSid,
    };
    for (const packet of textStreamPackets(this.data, TRANSCRIPTION_TOPIC, text, attributes)) {
      this.room.deliver(packet);
    }
    return { segmentId };
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
   * Queues an utterance: (thinking →) speaking, its words streamed as the clip (if any) plays,
   * its transcript closed once the audio is over → listening.
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
      // The framework releases words in step with the audio: spread them over the clip.
      const clipMs = (clip?.length ?? 0) * FRAME_MS;
      const wordMs = Math.max(TIMING.wordMs, clipMs / Math.max(1, wordPieces(text).length));
      const speech = new AgentSpeechTranscript(
        this.flavour(),
        this.data,
        (packet) => this.room.deliver(packet),
        this.transcribed('assistant'),
      );
      await this.speak(speech, text, wordMs, playing);
      if (!this.gone) this.setState('listening');
    });
    // One failed utterance must neither crash the process as an unhandled rejection nor silence
    // every later one chained after it.
    this.speaking = this.speaking.catch((error: unknown) => {
      console.error('[agent] utterance failed:', error);
    });
  }

  /** Streams the words one by one, then (once `played`) ends the transcript. */
  private async speak(
    speech: AgentSpeechTranscript,
    text: string,
    wordMs: number,
    played: Promise<void> = Promise.resolve(),
  ): Promise<void> {
    for (const word of wordPieces(text)) {
      if (this.gone) return;
      speech.write(word);
      await pause(wordMs);
    }
    await played;
    if (!this.gone) speech.end();
  }

  /** A whole utterance in a flavour's shapes: the agent's as it speaks, the visitor's as heard. */
  private async replay(
    flavour: AgentFlavour,
    { role, text, final }: TranscriptOptions,
    segmentId: string,
  ): Promise<PublishedTranscript> {
    const send = (packet: DataPacket) => this.room.deliver(packet);
    const track = this.transcribed(role);
    if (role === 'assistant') {
      const speech = new AgentSpeechTranscript(flavour, this.data, send, track, segmentId);
      await this.speak(speech, text, TIMING.wordMs);
      return { segmentId, packetSegmentId: speech.packetSegmentId };
    }
    const speech = new UserSpeechTranscript(this.data, send, track, segmentId);
    for (const prefix of interimPrefixes(text)) {
      speech.publish(prefix, false);
      await pause(TIMING.interimMs);
    }
    speech.publish(text, final);
    return { segmentId, packetSegmentId: speech.packetSegmentId };
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
  private transcribed(role: Role): TranscribedTrack {
    if (role === 'assistant')
      return { identity: this.info.identity, trackSid: this.track.trackSid };
    const caller = this.firstCaller();
    const mic = caller?.tracks.find((t) => t.type === TrackType.AUDIO);
    return { identity: caller?.identity ?? '', trackSid: mic?.sid ?? '' };
  }

  /** The participant the agent talks with (the framework's linked participant). */
  private firstCaller(): ParticipantSession | undefined {
    const sessions = [...this.room.sessions.values()];
    return sessions.find((s) => s.tracks.some((t) => t.type === TrackType.AUDIO)) ?? sessions[0];
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
