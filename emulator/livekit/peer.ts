import {
  MediaStreamTrack,
  type RTCDataChannel,
  RTCPeerConnection,
  type RTCRtpTransceiver,
} from 'werift';
import { AudioStamper } from './audio-stamper.js';

const OUTBOX_LIMIT = 500;

/** The one track the agent sends to a participant, with the ids the page will see. */
export interface OutgoingTrack {
  participantSid: string;
  trackSid: string;
}

/**
 * The server side of one participant's single PeerConnection, with the werift cures from
 * `livekit-loopback.md`. The page is always the offerer; this side only answers.
 */
export class Peer {
  readonly connection = new RTCPeerConnection({ iceUseIpv6: false });
  /** Audio the agent plays to this participant; `writeRtp` on it sends to the page. */
  readonly agentAudio = new MediaStreamTrack({ kind: 'audio' });
  private readonly stamper = new AudioStamper();
  private agentTransceiver: RTCRtpTransceiver | undefined;
  private agentTrack: OutgoingTrack | undefined;
  private readonly channels = new Map<string, RTCDataChannel>();
  private readonly hookedTracks = new Set<string>();
  /** Reliable packets sent before the page's `_reliable` channel opened. */
  private readonly outbox: Buffer[] = [];
  private candidatesHeld: string[] | undefined = [];

  constructor(
    private readonly onCandidate: (candidateInit: string) => void,
    onIncomingAudio: (track: MediaStreamTrack) => void,
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
      onIncomingAudio(track);
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

  /** Plays the agent's audio on the first free receive slot the page offers. */
  setAgentTrack(track: OutgoingTrack | undefined): void {
    this.agentTrack = track;
  }

  /** Answers an offer (first, renegotiation or ICE restart); returns the SDP and mid → track map. */
  async answer(offerSdp: string): Promise<{ sdp: string; midToTrackId: Record<string, string> }> {
    this.candidatesHeld ??= [];
    // werift would otherwise reuse an idle transceiver (and its mid) for a new remote m-line.
    for (const transceiver of this.connection.getTransceivers()) transceiver.usedForSender = true;
    await this.connection.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await this.attachAgentTrack();
    const answer = await this.connection.createAnswer();
    await this.connection.setLocalDescription(answer);
    const sdp = (this.connection.localDescription?.sdp ?? answer.sdp)
      // werift rejects unused m-lines with port 0 yet keeps them bundled; Chromium refuses that.
      .replace(/^m=(audio|video) 0 /gm, 'm=$1 9 ');
    const midToTrackId: Record<string, string> = {};
    const mid = this.agentTransceiver?.mid;
    if (mid && this.agentTrack) midToTrackId[mid] = this.agentTrack.trackSid;
    return { sdp, midToTrackId };
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

  /** Sends one Opus packet (20 ms) on the agent's track, restamped into its own stream. */
  playAgentAudio(opus: Buffer): void {
    if (!this.agentTransceiver) return;
    this.agentAudio.writeRtp(this.stamper.stamp(opus));
  }

  async close(): Promise<void> {
    this.agentAudio.stop();
    await this.connection.close().catch(() => undefined);
  }

  private async attachAgentTrack(): Promise<void> {
    if (!this.agentTrack || this.agentTransceiver) return;
    // A recvonly m-line of the page shows up here with offerDirection "sendonly".
    const free = this.connection
      .getTransceivers()
      .find((t) => t.kind === 'audio' && t.offerDirection === 'sendonly' && !t.sender.track);
    if (!free) return;
    this.agentTransceiver = free;
    const sender = free.sender;
    sender.streamId = `${this.agentTrack.participantSid}|${this.agentTrack.trackSid}`;
    (sender as { trackId: string }).trackId = this.agentTrack.trackSid;
    await sender.replaceTrack(this.agentAudio);
    free.setDirection('sendonly');
  }
}
