import {
  type AddTrackRequest,
  DataPacket,
  DisconnectReason,
  JoinResponse,
  LeaveRequest,
  LeaveRequest_Action,
  MediaSectionsRequirement,
  ParticipantInfo,
  ParticipantInfo_State,
  ParticipantPermission,
  ParticipantUpdate,
  Pong,
  ReconnectResponse,
  type Room as RoomInfo,
  ServerInfo,
  ServerInfo_Edition,
  SessionDescription,
  type SignalRequest,
  SignalTarget,
  TrackInfo,
  TrackPublishedResponse,
  TrickleRequest,
} from '@livekit/protocol';
import type { MediaStreamTrack } from 'werift';
import { DataSender } from './data-packets.js';
import { newSid } from './ids.js';
import { type OutgoingTrack, Peer } from './peer.js';
import type { SignalConnection } from './signal-connection.js';

export const SERVER_VERSION = '1.9.0';
const SERVER_PROTOCOL = 16;

/** What a session needs from its room. */
export interface SessionRoom {
  readonly info: RoomInfo;
  /** Everyone else in the room (users and agent), as the page should see them. */
  othersThan(identity: string): ParticipantInfo[];
  participantChanged(session: ParticipantSession): void;
  dataFrom(session: ParticipantSession, packet: DataPacket): void;
  micAudio(session: ParticipantSession, track: MediaStreamTrack): void;
  /** The session ended for good (left, kicked, or its connection failed). */
  ended(session: ParticipantSession, reason: DisconnectReason): void;
}

/** How long a participant whose WebSocket dropped may take to resume before it is removed. */
const DEPARTURE_TIMEOUT_MS = 20_000;

/** One user in a room: its signalling connection (replaced on resume) and its PeerConnection. */
export class ParticipantSession {
  readonly info: ParticipantInfo;
  readonly peer: Peer;
  readonly data: DataSender;
  /** The page's incoming audio, kept so an agent that joins later can still hear it. */
  readonly incomingAudio: MediaStreamTrack[] = [];
  private signal: SignalConnection | undefined;
  private departureTimer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly room: SessionRoom,
    identity: string,
    name: string,
    agentTrack: OutgoingTrack | undefined,
  ) {
    const now = Date.now();
    this.info = new ParticipantInfo({
      sid: newSid('PA'),
      identity,
      name,
      state: ParticipantInfo_State.ACTIVE,
      joinedAt: BigInt(Math.floor(now / 1000)),
      joinedAtMs: BigInt(now),
      version: 1,
      permission: new ParticipantPermission({
        canSubscribe: true,
        canPublish: true,
        canPublishData: true,
        canUpdateMetadata: true,
      }),
    });
    this.data = new DataSender(identity, this.info.sid);
    this.peer = new Peer(
      (candidateInit) => this.sendTrickle(candidateInit),
      (track) => {
        this.incomingAudio.push(track);
        this.room.micAudio(this, track);
      },
      (bytes) => this.receiveData(bytes),
    );
    this.peer.setAgentTrack(agentTrack);
    this.peer.connection.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') this.end(DisconnectReason.CONNECTION_TIMEOUT);
    });
  }

  get identity(): string {
    return this.info.identity;
  }

  get isSignalConnected(): boolean {
    return this.signal?.isOpen ?? false;
  }

  /** The tracks this user publishes (its microphone). */
  get tracks(): TrackInfo[] {
    return this.info.tracks;
  }

  /** First connection: join response, then the answer to the offer carried by the join request. */
  join(signal: SignalConnection, publisherOffer: SessionDescription | undefined): void {
    this.attach(signal);
    signal.send({
      case: 'join',
      value: new JoinResponse({
        room: this.room.info,
        participant: this.info,
        otherParticipants: this.room.othersThan(this.identity),
        serverVersion: SERVER_VERSION,
        serverInfo: serverInfo(),
        subscriberPrimary: false,
        pingTimeout: 15,
        pingInterval: 5,
        iceServers: [],
      }),
    });
    if (publisherOffer) signal.enqueue(() => this.answer(publisherOffer));
  }

  /** Resume after a dropped WebSocket: same participant, same PeerConnection. */
  resume(signal: SignalConnection): void {
    this.attach(signal);
    signal.send({
      case: 'reconnect',
      value: new ReconnectResponse({ iceServers: [], serverInfo: serverInfo() }),
    });
    signal.send({
      case: 'update',
      value: new ParticipantUpdate({ participants: this.room.othersThan(this.identity) }),
    });
  }

  /** Handles one request from the page; the connection calls this strictly in order. */
  async handle(request: SignalRequest['message']): Promise<void> {
    switch (request.case) {
      case 'offer':
        return this.answer(request.value);
      case 'trickle':
        return this.peer.addCandidate(request.value.candidateInit).catch(() => undefined);
      case 'addTrack':
        return this.publishTrack(request.value);
      case 'mute':
        return this.muteTrack(request.value.sid, request.value.muted);
      case 'ping':
        return this.signal?.send({ case: 'pong', value: request.value });
      case 'pingReq': {
        const value = new Pong({
          lastPingTimestamp: request.value.timestamp,
          timestamp: BigInt(Date.now()),
        });
        return this.signal?.send({ case: 'pongResp', value });
      }
      case 'updateMetadata': {
        const { name, metadata, attributes } = request.value;
        if (name) this.info.name = name;
        if (metadata) this.info.metadata = metadata;
        Object.assign(this.info.attributes, attributes);
        return this.changed();
      }
      case 'leave':
        return this.end(DisconnectReason.CLIENT_INITIATED);
      default:
        // Subscription settings, layers, sync state…: nothing for a one-agent room to act on.
        return;
    }
  }

  /** Hands the page a fresh token, as LiveKit does, so a later resume outlives a short TTL. */
  sendRefreshedToken(token: string): void {
    this.signal?.send({ case: 'refreshToken', value: token });
  }

  /** Asks the page to offer one more receive slot for audio (an agent that joined late). */
  requestAudioSlot(): void {
    this.signal?.send({
      case: 'mediaSectionsRequirement',
      value: new MediaSectionsRequirement({ numAudios: 1, numVideos: 0 }),
    });
  }

  /** Sends a participant update (others changed) to this page. */
  sendUpdate(participants: ParticipantInfo[]): void {
    this.signal?.send({ case: 'update', value: new ParticipantUpdate({ participants }) });
  }

  /** Drops the WebSocket only; the page is expected to resume. */
  dropSignal(): void {
    this.signal?.drop();
  }

  /** Asks the page to leave: `DISCONNECT` ends its call, `RECONNECT` makes it rejoin afresh. */
  sendLeave(action: LeaveRequest_Action, reason: DisconnectReason): void {
    this.signal?.send({
      case: 'leave',
      value: new LeaveRequest({
        action,
        reason,
        canReconnect: action !== LeaveRequest_Action.DISCONNECT,
      }),
    });
  }

  /** Removes this participant for good. */
  end(reason: DisconnectReason): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.departureTimer);
    this.info.state = ParticipantInfo_State.DISCONNECTED;
    this.info.disconnectReason = reason;
    this.signal?.close();
    void this.peer.close();
    this.room.ended(this, reason);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private attach(signal: SignalConnection): void {
    const previous = this.signal;
    this.signal = signal;
    previous?.drop();
    clearTimeout(this.departureTimer);
  }

  /** Called by the connection when its socket closes. */
  signalClosed(signal: SignalConnection): void {
    if (this.signal !== signal || this.ended) return;
    this.signal = undefined;
    this.departureTimer = setTimeout(
      () => this.end(DisconnectReason.SIGNAL_CLOSE),
      DEPARTURE_TIMEOUT_MS,
    );
  }

  private async answer(offer: SessionDescription): Promise<void> {
    const { sdp, midToTrackId } = await this.peer.answer(offer.sdp);
    this.signal?.send({
      case: 'answer',
      value: new SessionDescription({ type: 'answer', sdp, id: offer.id, midToTrackId }),
    });
    this.peer.releaseCandidates();
  }

  private sendTrickle(candidateInit: string): void {
    this.signal?.send({
      case: 'trickle',
      value: new TrickleRequest({ candidateInit, target: SignalTarget.PUBLISHER }),
    });
  }

  private publishTrack(request: AddTrackRequest): void {
    const track = new TrackInfo({
      sid: newSid('TR'),
      type: request.type,
      source: request.source,
      name: request.name,
      muted: request.muted,
      disableDtx: request.disableDtx,
      mimeType: 'audio/opus',
      stream: request.stream,
    });
    this.info.tracks.push(track);
    this.signal?.send({
      case: 'trackPublished',
      value: new TrackPublishedResponse({ cid: request.cid, track }),
    });
    this.changed();
  }

  private muteTrack(sid: string, muted: boolean): void {
    const track = this.info.tracks.find((t) => t.sid === sid);
    if (!track) return;
    track.muted = muted;
    this.changed();
  }

  private changed(): void {
    this.info.version += 1;
    this.room.participantChanged(this);
  }

  private receiveData(bytes: Buffer): void {
    let incoming: DataPacket;
    try {
      incoming = DataPacket.fromBinary(bytes);
    } catch {
      return;
    }
    // The page leaves its own identity empty: the server stamps who sent it.
    const packet = this.data.packet(incoming.value, incoming.destinationIdentities);
    packet.kind = incoming.kind;
    if (packet.value.case === 'user') {
      packet.value.value.participantIdentity = this.identity;
      packet.value.value.participantSid = this.info.sid;
    }
    try {
      this.room.dataFrom(this, packet);
    } catch (error) {
      // This runs inside werift's data channel callback, which does not catch: a throw here
      // (recording a chat message, say) would take the whole emulator down.
      console.error('[livekit] data packet failed:', error);
    }
  }
}

function serverInfo(): ServerInfo {
  return new ServerInfo({
    edition: ServerInfo_Edition.Standard,
    version: SERVER_VERSION,
    protocol: SERVER_PROTOCOL,
  });
}
