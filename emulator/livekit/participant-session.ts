import {
  type AddTrackRequest,
  DataPacket,
  DisconnectReason,
  JoinResponse,
  LeaveRequest,
  LeaveRequest_Action,
  MediaSectionsRequirement,
  type ParticipantInfo,
  ParticipantInfo_State,
  ParticipantUpdate,
  Pong,
  ReconnectResponse,
  RequestResponse_Reason,
  type Room as RoomInfo,
  ServerInfo,
  ServerInfo_Edition,
  SessionDescription,
  type SignalRequest,
  SignalTarget,
  type TrackInfo,
  TrackPublishedResponse,
  TrackSubscribed,
  TrackType,
  TrickleRequest,
} from '@livekit/protocol';
import type { ClaimGrants } from 'livekit-server-sdk';
import type { MediaStreamTrack } from 'werift';
import { DataSender } from './data-packets.js';
import { applyMetadataUpdate, participantInfoFrom } from './participant-info.js';
import { type OutgoingTrack, Peer } from './peer.js';
import { PublishedTracks } from './published-tracks.js';
import { requestResponse } from './request-response.js';
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
  /** A participant published an audio track: everyone else subscribes. */
  trackPublished(session: ParticipantSession, track: OutgoingTrack): void;
  /** One Opus payload of a published track, for every subscriber. */
  forward(session: ParticipantSession, trackSid: string, opus: Buffer): void;
  /** A subscriber's answer now carries this track. */
  subscribed(trackSid: string): void;
  /** A participant stopped publishing a track: its subscribers drop it. */
  trackUnpublished(session: ParticipantSession, trackSid: string): void;
  /** The session ended for good (left, kicked, or its connection failed). */
  ended(session: ParticipantSession, reason: DisconnectReason): void;
}

/** How long a participant whose WebSocket dropped may take to resume before it is removed. */
const DEPARTURE_TIMEOUT_MS = 20_000;

/**
 * One participant on a WebSocket (a page, an rtc-node or server-SDK client): its signalling
 * connection (replaced on resume), its PeerConnection, what it publishes and what it receives.
 */
export class ParticipantSession {
  readonly info: ParticipantInfo;
  readonly peer: Peer;
  readonly data: DataSender;
  readonly published: PublishedTracks;
  /** The page's incoming audio, kept so an agent that joins later can still hear it. */
  readonly incomingAudio: MediaStreamTrack[] = [];
  private signal: SignalConnection | undefined;
  private departureTimer: NodeJS.Timeout | undefined;
  private ended = false;
  /** At least one offer was answered: from then on, more receive slots are asked for. */
  private answered = false;
  /** A `mediaSectionsRequirement` was sent and its offer has not come yet. */
  private slotsRequested = false;

  constructor(
    private readonly room: SessionRoom,
    claims: ClaimGrants,
  ) {
    this.info = participantInfoFrom(claims);
    this.data = new DataSender(this.info.identity, this.info.sid);
    this.published = new PublishedTracks(this.info, (trackSid, track) => {
      this.incomingAudio.push(track);
      const { unSubscribe } = track.onReceiveRtp.subscribe((rtp) => {
        if (!this.ended) this.room.forward(this, trackSid, rtp.payload);
      });
      this.room.micAudio(this, track);
      return unSubscribe;
    });
    this.peer = new Peer(
      (candidateInit) => this.sendTrickle(candidateInit),
      (audio) => this.published.arrived(audio),
      (bytes) => this.receiveData(bytes),
    );
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

  /** The tracks this participant publishes (its microphone). */
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
    // Whatever was missed while the socket was down: a subscriber told, slots asked for.
    for (const { trackSid } of this.published.audio) this.room.subscribed(trackSid);
    this.requestSlotsIfNeeded();
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
        const { reason, changed } = applyMetadataUpdate(this.info, request.value);
        // The participant's own new info first, so its SDK sees it once the request resolves.
        if (changed) this.changed();
        return this.respond(request.value.requestId, reason, request);
      }
      case 'storeDataBlobRequest':
      case 'getDataBlobRequest':
        return this.respond(request.value.requestId, RequestResponse_Reason.UNSUPPORTED_TYPE);
      case 'publishDataTrackRequest':
      case 'unpublishDataTrackRequest':
        // No data tracks here: the SDK rejects the publish at once instead of timing out.
        return this.respond(0, RequestResponse_Reason.UNSUPPORTED_TYPE, request);
      case 'leave':
        return this.end(DisconnectReason.CLIENT_INITIATED);
      default:
        // Subscription settings, layers, sync state…: every track goes to everyone anyway.
        return;
    }
  }

  /** Answers a request that carries a `requestId`. */
  private respond(
    requestId: number,
    reason: RequestResponse_Reason,
    request?: SignalRequest['message'],
  ): void {
    const value = requestResponse(requestId, reason, request);
    this.signal?.send({ case: 'requestResponse', value });
  }

  /** Subscribes this participant to a published track; a slot is asked for if none is free. */
  subscribe(track: OutgoingTrack): void {
    this.peer.slots.want(track);
    this.requestSlotsIfNeeded();
  }

  /** The track went away (its publisher left). */
  unsubscribe(trackSid: string): void {
    this.peer.slots.drop(trackSid);
  }

  /** Tells this publisher that one of its tracks has a subscriber now (once per track). */
  notifySubscribed(trackSid: string): void {
    if (!this.published.firstSubscriber(trackSid)) return;
    if (!this.isSignalConnected) {
      // Told on resume instead.
      this.published.untold(trackSid);
      return;
    }
    this.signal?.send({ case: 'trackSubscribed', value: new TrackSubscribed({ trackSid }) });
  }

  /** Hands the page a fresh token, as LiveKit does, so a later resume outlives a short TTL. */
  sendRefreshedToken(token: string): void {
    this.signal?.send({ case: 'refreshToken', value: token });
  }

  /**
   * Subscribed tracks wait for an m-line: ask the client to renegotiate, adding as many recvonly
   * audio m-lines as are missing (none when free ones exist: the offer alone is what's needed).
   * Queued behind the request being handled, so it never overtakes an answer.
   */
  requestSlotsIfNeeded(): void {
    this.signal?.enqueue(() => {
      if (!this.answered || this.slotsRequested || !this.peer.slots.hasPending) return;
      if (!this.isSignalConnected) return;
      this.slotsRequested = true;
      this.signal?.send({
        case: 'mediaSectionsRequirement',
        value: new MediaSectionsRequirement({
          numAudios: this.peer.slots.shortfall,
          numVideos: 0,
        }),
      });
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
    this.slotsRequested = false;
    const { sdp, midToTrackId, attached } = await this.peer.answer(offer.sdp);
    this.signal?.send({
      case: 'answer',
      value: new SessionDescription({ type: 'answer', sdp, id: offer.id, midToTrackId }),
    });
    this.answered = true;
    this.peer.releaseCandidates();
    const unpublished = this.published.removeStopped();
    if (unpublished.length > 0) this.changed();
    for (const { info, media } of unpublished) {
      this.peer.forgetIncoming(media);
      this.room.trackUnpublished(this, info.sid);
    }
    for (const trackSid of attached) this.room.subscribed(trackSid);
    this.requestSlotsIfNeeded();
  }

  private sendTrickle(candidateInit: string): void {
    this.signal?.send({
      case: 'trickle',
      value: new TrickleRequest({ candidateInit, target: SignalTarget.PUBLISHER }),
    });
  }

  private publishTrack(request: AddTrackRequest): void {
    const track = this.published.publish(request);
    this.signal?.send({
      case: 'trackPublished',
      value: new TrackPublishedResponse({ cid: request.cid, track }),
    });
    // Everyone learns of the track (participant update) before being asked to renegotiate for it.
    this.changed();
    if (track.type === TrackType.AUDIO) {
      this.room.trackPublished(this, { participantSid: this.info.sid, trackSid: track.sid });
    }
  }

  private muteTrack(sid: string, muted: boolean): void {
    const track = this.published.find(sid);
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
