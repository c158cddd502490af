import {
  type MediaStreamTrack,
  type RTCDataChannel,
  RTCPeerConnection,
  type RTCRtpTransceiver,
} from 'werift';
import { type OutgoingTrack, ReceiveSlots } from './receive-slots.js';

export type { OutgoingTrack } from './receive-slots.js';

const OUTBOX_LIMIT = 500;

/** An audio track the participant publishes, as it arrives, with the msid track id it was sent with. */
export interface IncomingAudio {
  track: MediaStreamTrack;
  /** The msid track id of its m-line: what the client sent as `cid` in `addTrack`. */
  remoteTrackId: string | undefined;
  /** Its m-line; the client stops publishing by making it stop sending. */
  transceiver: RTCRtpTransceiver | undefined;
}

/**
 * The server side of one participant's single PeerConnection, with the werift cures from
 * `livekit-loopback.md`. The page is always the offerer; this side only answers. Published audio
 * arrives through `onIncomingAudio`; subscribed audio leaves through `slots`.
 */
export class Peer {
  readonly connection = new RTCPeerConnection({ iceUseIpv6: false });
  readonly slots = new ReceiveSlots();
  /** The in-process agent's track, the one `playAgentAudio` writes to. */
  private agentTrackSid: string | undefined;
  private readonly channels = new Map<string, RTCDataChannel>();
  private readonly hookedTracks = new Set<string>();
  /** Reliable packets sent before the page's `_reliable` channel opened. */
  private readonly outbox: Buffer[] = [];
  private candidatesHeld: string[] | undefined = [];

  constructor(
    private readonly onCandidate: (candidateInit: string) => void,
    onIncomingAudio: (audio: IncomingAudio) => void,
    onData: (bytes: Buffer) => void,
  ) {
    this.connection.onIceCandidate.subscribe((candidate) => {
      if (!candidate) return;
      const init = JSON.stringify(candidate.toJSON());
      // Candidates wait until the answer is out, so the page never gets one before the answer.
      if (this.candidatesHeld) this.candidatesHeld.push(init);
      else this.onCandidate(init);
    });
    this.connection.onTrack.subscribe((track) => {
      // werift fires onTrack again after each renegotiation: hook every track once.
      if (track.kind !== 'audio' || this.hookedTracks.has(track.uuid)) return;
      this.hookedTracks.add(track.uuid);
      const transceiver = this.connection.getTransceivers().find((t) => t.receiver.track === track);
      onIncomingAudio({ track, remoteTrackId: transceiver?.receiver.remoteTrackId, transceiver });
    });
    this.connection.onDataChannel.subscribe((channel) => {
      this.channels.set(channel.label, channel);
      channel.onMessage.subscribe((message) => {
        if (typeof message !== 'string') onData(message);
      });
      if (channel.label === '_reliable') this.flushOutbox();
      channel.stateChanged.subscribe(() => this.flushOutbox());
    });
  }

  /** The track was unpublished: if its m-line carries a new one later, it is reported again. */
  forgetIncoming(track: MediaStreamTrack): void {
    this.hookedTracks.delete(track.uuid);
  }

  /** Subscribes this participant to the in-process agent's voice. */
  setAgentTrack(track: OutgoingTrack | undefined): void {
    if (this.agentTrackSid && this.agentTrackSid !== track?.trackSid) {
      this.slots.drop(this.agentTrackSid);
    }
    this.agentTrackSid = track?.trackSid;
    if (track) this.slots.want(track);
  }

  /**
   * Answers an offer (first, renegotiation or ICE restart), attaching pending subscriptions to
   * free receive slots. Returns the SDP, the mid → track map and the track sids newly attached.
   */
  async answer(
    offerSdp: string,
  ): Promise<{ sdp: string; midToTrackId: Record<string, string>; attached: string[] }> {
    this.candidatesHeld ??= [];
    // werift would otherwise reuse an idle transceiver (and its mid) for a new remote m-line.
    for (const transceiver of this.connection.getTransceivers()) transceiver.usedForSender = true;
    await this.connection.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    const attached = await this.slots.assign(this.connection.getTransceivers());
    const answer = await this.connection.createAnswer();
    await this.connection.setLocalDescription(answer);
    const sdp = (this.connection.localDescription?.sdp ?? answer.sdp)
      // werift rejects unused m-lines with port 0 yet keeps them bundled; Chromium refuses that.
      .replace(/^m=(audio|video) 0 /gm, 'm=$1 9 ');
    return { sdp, midToTrackId: this.slots.midToTrackId(), attached };
  }

  /** Sends the candidates gathered while the answer was being prepared. */
  releaseCandidates(): void {
    const held = this.candidatesHeld ?? [];
    this.candidatesHeld = undefined;
    for (const init of held) this.onCandidate(init);
  }

  async addCandidate(candidateInit: string): Promise<void> {
    const init = JSON.parse(candidateInit) as { candidate?: string };
    if (!init.candidate) return;
    await this.connection.addIceCandidate(init);
  }

  /** Sends a data packet on the page's reliable channel (where it listens). */
  sendReliable(bytes: Uint8Array): void {
    // A page whose channel never opens must not make the server hoard packets for it.
    if (this.outbox.length >= OUTBOX_LIMIT) this.outbox.shift();
    this.outbox.push(Buffer.from(bytes));
    this.flushOutbox();
  }

  private flushOutbox(): void {
    const channel = this.channels.get('_reliable');
    if (channel?.readyState !== 'open') return;
    for (const bytes of this.outbox.splice(0)) channel.send(bytes);
  }

  /** Sends one Opus packet (20 ms) on the in-process agent's track, restamped into its stream. */
  playAgentAudio(opus: Buffer): void {
    if (this.agentTrackSid) this.slots.write(this.agentTrackSid, opus);
  }

  async close(): Promise<void> {
    this.slots.close();
    await this.connection.close().catch(() => undefined);
  }
}
