import { MediaStreamTrack, type RTCRtpTransceiver } from 'werift';
import { AudioStamper } from './audio-stamper.js';

/** A published audio track as its subscribers see it: whose it is, and its sid. */
export interface OutgoingTrack {
  participantSid: string;
  trackSid: string;
}

/**
 * One recvonly audio m-line of a subscriber's offer that carries, or carried, a published track.
 * It owns its werift track and RTP stamper for life: werift's `replaceTrack` on a sender that has
 * sent before waits for the new track's first packet, which would stall the answer.
 */
interface Slot {
  readonly transceiver: RTCRtpTransceiver;
  readonly track: MediaStreamTrack;
  readonly stamper: AudioStamper;
  /** What it carries now; none once released. */
  outgoing: OutgoingTrack | undefined;
  /**
   * A released slot is answered `inactive` once before it carries another track: only after
   * that does the client fire a new `track` event for the next msid on the same m-line.
   */
  state: 'carrying' | 'releasing' | 'free';
}

/**
 * The subscriber side of one participant's PeerConnection: which published tracks it should get,
 * which m-line carries each, and the RTP written to them. The client is always the offerer, so
 * a track is attached while answering; when there are not enough recvonly m-lines, the session
 * asks for more (`mediaSectionsRequirement`, counted by `shortfall`).
 */
export class ReceiveSlots {
  private readonly slots = new Map<RTCRtpTransceiver, Slot>();
  private readonly carried = new Map<string, Slot>();
  /** Tracks to attach at the next answer, by track sid. */
  private readonly wanted = new Map<string, OutgoingTrack>();
  /** Recvonly audio m-lines of the last offer that carry nothing and may take a track. */
  private freeOffered = 0;

  /** Subscribes to a track (no-op if already subscribed). */
  want(outgoing: OutgoingTrack): void {
    if (this.carried.has(outgoing.trackSid)) return;
    this.wanted.set(outgoing.trackSid, outgoing);
  }

  /** Unsubscribes: the track went away. Its m-line goes inactive at the next answer. */
  drop(trackSid: string): void {
    this.wanted.delete(trackSid);
    const slot = this.carried.get(trackSid);
    if (!slot) return;
    this.carried.delete(trackSid);
    slot.outgoing = undefined;
    slot.state = 'releasing';
  }

  /** Whether a subscribed track still waits for an m-line (a renegotiation is needed). */
  get hasPending(): boolean {
    return this.wanted.size > 0;
  }

  /** How many more recvonly audio m-lines the client must add for every pending track. */
  get shortfall(): number {
    return Math.max(0, this.wanted.size - this.freeOffered);
  }

  /** Whether this track is on an m-line the client was told about. */
  carries(trackSid: string): boolean {
    return this.carried.has(trackSid);
  }

  /**
   * Runs between `setRemoteDescription(offer)` and `createAnswer`: releases, then attaches pending
   * tracks to free recvonly m-lines (werift shows them with `offerDirection` "sendonly"), with
   * msid `"<PA_sid>|<TR_sid> <TR_sid>"`. Returns the sids attached by this answer.
   */
  async assign(transceivers: RTCRtpTransceiver[]): Promise<string[]> {
    const releasedNow = new Set<Slot>();
    for (const slot of this.slots.values()) {
      if (slot.state !== 'releasing') continue;
      slot.transceiver.setDirection('inactive');
      slot.state = 'free';
      releasedNow.add(slot);
    }
    const free = transceivers.filter((t) => {
      if (t.kind !== 'audio' || t.offerDirection !== 'sendonly') return false;
      const slot = this.slots.get(t);
      return !slot || (slot.state === 'free' && !releasedNow.has(slot));
    });
    const attached: string[] = [];
    for (const outgoing of [...this.wanted.values()]) {
      const transceiver = free.shift();
      if (!transceiver) break;
      await this.attach(transceiver, outgoing);
      this.wanted.delete(outgoing.trackSid);
      attached.push(outgoing.trackSid);
    }
    this.freeOffered = free.length + releasedNow.size;
    return attached;
  }

  /** The mid → track sid map the answer carries (the SDKs resolve a track's sid with it). */
  midToTrackId(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const [trackSid, slot] of this.carried) {
      if (slot.transceiver.mid) map[slot.transceiver.mid] = trackSid;
    }
    return map;
  }

  /** Sends one Opus payload on a track's m-line, restamped into that m-line's own stream. */
  write(trackSid: string, opus: Buffer): void {
    const slot = this.carried.get(trackSid);
    slot?.track.writeRtp(slot.stamper.stamp(opus));
  }

  close(): void {
    for (const slot of this.slots.values()) slot.track.stop();
  }

  private async attach(transceiver: RTCRtpTransceiver, outgoing: OutgoingTrack): Promise<void> {
    let slot = this.slots.get(transceiver);
    const sender = transceiver.sender;
    sender.streamId = `${outgoing.participantSid}|${outgoing.trackSid}`;
    (sender as { trackId: string }).trackId = outgoing.trackSid;
    if (!slot) {
      slot = {
        transceiver,
        track: new MediaStreamTrack({ kind: 'audio' }),
        stamper: new AudioStamper(),
        outgoing,
        state: 'carrying',
      };
      this.slots.set(transceiver, slot);
      await sender.replaceTrack(slot.track);
    }
    slot.outgoing = outgoing;
    slot.state = 'carrying';
    this.carried.set(outgoing.trackSid, slot);
    transceiver.setDirection('sendonly');
  }
}
