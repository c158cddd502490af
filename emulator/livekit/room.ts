import {
  type DataPacket,
  DisconnectReason,
  type ParticipantInfo,
  ParticipantInfo_Kind,
  ParticipantInfo_State,
  Room as RoomInfo,
} from '@livekit/protocol';
import type { MediaStreamTrack } from 'werift';
import { newSid } from './ids.js';
import type { ParticipantSession, SessionRoom } from './participant-session.js';
import type { OutgoingTrack } from './receive-slots.js';
import { TranscriptRecorder, type TranscriptSink } from './transcript-recorder.js';

/** The agent's side of a room; `emulator/agent` implements it. */
export interface RoomAgent {
  readonly info: ParticipantInfo;
  readonly track: OutgoingTrack;
  userJoined(session: ParticipantSession): void;
  /** Data a user sent to everyone or to the agent. */
  dataFrom(session: ParticipantSession, packet: DataPacket): void;
  /** A user's microphone arrived (the scripted agent echoes it). */
  micAudio(session: ParticipantSession, track: MediaStreamTrack): void;
  leave(): void;
}

/**
 * How long an empty room (and its agent) outlives its last user, so a full reconnect finds the
 * same agent, as on a LiveKit server with a departure timeout.
 */
const EMPTY_ROOM_GRACE_MS = 10_000;

/**
 * One LiveKit room: its WebSocket participants, keyed by identity, and at most one in-process
 * agent. A small SFU for audio: every published audio track goes to every other participant.
 */
export class LiveKitRoom implements SessionRoom {
  readonly info: RoomInfo;
  readonly sessions = new Map<string, ParticipantSession>();
  agent: RoomAgent | undefined;
  /** Turns what the agents say and the visitors type into the conversation's messages. */
  readonly recorder: TranscriptRecorder;
  private emptyTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly onEmpty: (room: LiveKitRoom) => void,
    onTranscript: TranscriptSink,
  ) {
    this.recorder = new TranscriptRecorder(this, onTranscript);
    const now = Date.now();
    this.info = new RoomInfo({
      sid: newSid('RM'),
      name,
      emptyTimeout: 300,
      creationTime: BigInt(Math.floor(now / 1000)),
      creationTimeMs: BigInt(now),
    });
  }

  get participants(): ParticipantInfo[] {
    const users = [...this.sessions.values()].map((s) => s.info);
    return this.agent ? [...users, this.agent.info] : users;
  }

  /** The visitors: every WebSocket participant but agents (a framework agent joins that way too). */
  get visitors(): ParticipantSession[] {
    return [...this.sessions.values()].filter((s) => s.info.kind !== ParticipantInfo_Kind.AGENT);
  }

  sessionBySid(sid: string): ParticipantSession | undefined {
    return [...this.sessions.values()].find((s) => s.info.sid === sid);
  }

  /** A new participant: the others learn of it, and it subscribes to every track there is. */
  add(session: ParticipantSession): void {
    clearTimeout(this.emptyTimer);
    this.sessions.set(session.identity, session);
    this.info.numParticipants = this.sessions.size;
    this.broadcastUpdate([session.info], session);
    if (this.agent) session.peer.setAgentTrack(this.agent.track);
    for (const other of this.sessions.values()) {
      if (other === session) continue;
      for (const track of other.published.audio) session.subscribe(track);
    }
    this.agent?.userJoined(session);
  }

  othersThan(identity: string): ParticipantInfo[] {
    return this.participants.filter((p) => p.identity !== identity);
  }

  /** Its info changed: everyone is told, itself included (its SDK confirms its own updates so). */
  participantChanged(session: ParticipantSession): void {
    for (const each of this.sessions.values()) each.sendUpdate([session.info]);
  }

  /** Tells every page (except `skip`) that these participants changed. */
  broadcastUpdate(participants: ParticipantInfo[], skip?: ParticipantSession): void {
    for (const session of this.sessions.values()) {
      if (session === skip) continue;
      session.sendUpdate(participants.filter((p) => p.identity !== session.identity));
    }
  }

  trackPublished(publisher: ParticipantSession, track: OutgoingTrack): void {
    for (const session of this.sessions.values()) {
      if (session !== publisher) session.subscribe(track);
    }
  }

  trackUnpublished(publisher: ParticipantSession, trackSid: string): void {
    for (const session of this.sessions.values()) {
      if (session !== publisher) session.unsubscribe(trackSid);
    }
  }

  forward(publisher: ParticipantSession, trackSid: string, opus: Buffer): void {
    for (const session of this.sessions.values()) {
      if (session !== publisher) session.peer.slots.write(trackSid, opus);
    }
  }

  /** A subscriber got the track: its publisher hears of it (the agents framework waits for it). */
  subscribed(trackSid: string): void {
    const sessions = [...this.sessions.values()];
    if (!sessions.some((s) => s.peer.slots.carries(trackSid))) return;
    sessions.find((s) => s.published.find(trackSid))?.notifySubscribed(trackSid);
  }

  dataFrom(from: ParticipantSession, packet: DataPacket): void {
    const targets = packet.destinationIdentities;
    const wants = (identity: string) => targets.length === 0 || targets.includes(identity);
    this.recorder.fromParticipant(from, packet);
    if (this.agent && wants(this.agent.info.identity)) this.agent.dataFrom(from, packet);
    const bytes = packet.toBinary();
    for (const session of this.sessions.values()) {
      if (session !== from && wants(session.identity)) session.peer.sendReliable(bytes);
    }
  }

  /** Sends a packet (already stamped with its sender) to every page it is meant for. */
  deliver(packet: DataPacket): void {
    this.recorder.fromAgent(packet.participantIdentity, packet);
    const targets = packet.destinationIdentities;
    const bytes = packet.toBinary();
    for (const session of this.sessions.values()) {
      if (targets.length === 0 || targets.includes(session.identity))
        session.peer.sendReliable(bytes);
    }
  }

  /** The agent joins now, with users already in the room: each page needs a slot for its voice. */
  agentJoined(agent: RoomAgent): void {
    this.agent = agent;
    this.broadcastUpdate([agent.info]);
    for (const session of this.sessions.values()) {
      session.peer.setAgentTrack(agent.track);
      session.requestSlotsIfNeeded();
      agent.userJoined(session);
      for (const track of session.incomingAudio) {
        agent.micAudio(session, track);
        this.agentHears(session, track);
      }
    }
  }

  /**
   * The in-process agent hears a page's microphone from its first packet on: the page is told its
   * track has a subscriber then, as a real agent's subscription tells it (livekit-client stops its
   * pre-connect buffer on it; told during the negotiation, it would miss it).
   */
  private agentHears(session: ParticipantSession, track: MediaStreamTrack): void {
    const { unSubscribe } = track.onReceiveRtp.subscribe(() => {
      unSubscribe();
      if (!this.agent) return;
      for (const { trackSid } of session.published.audio) session.notifySubscribed(trackSid);
    });
  }

  /** The agent leaves; pages see it disconnect. */
  agentLeft(): void {
    const agent = this.agent;
    if (!agent) return;
    agent.leave();
    this.agent = undefined;
    for (const session of this.sessions.values()) session.peer.setAgentTrack(undefined);
    agent.info.state = ParticipantInfo_State.DISCONNECTED;
    agent.info.version += 1;
    this.broadcastUpdate([agent.info]);
  }

  micAudio(session: ParticipantSession, track: MediaStreamTrack): void {
    this.agent?.micAudio(session, track);
    if (this.agent) this.agentHears(session, track);
  }

  ended(session: ParticipantSession, _reason: DisconnectReason): void {
    if (this.sessions.get(session.identity) !== session) return;
    this.sessions.delete(session.identity);
    this.info.numParticipants = this.sessions.size;
    this.broadcastUpdate([session.info]);
    for (const { trackSid } of session.published.audio) this.trackUnpublished(session, trackSid);
    if (this.sessions.size === 0) {
      this.emptyTimer = setTimeout(() => this.close(), EMPTY_ROOM_GRACE_MS);
    }
  }

  /** Ends every session (reset / shutdown), sends the agent away and forgets the room. */
  close(reason: DisconnectReason = DisconnectReason.ROOM_DELETED): void {
    clearTimeout(this.emptyTimer);
    for (const session of [...this.sessions.values()]) session.end(reason);
    clearTimeout(this.emptyTimer);
    this.agent?.leave();
    this.agent = undefined;
    this.onEmpty(this);
  }
}
