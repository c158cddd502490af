import {
  type AddTrackRequest,
  type ParticipantInfo,
  TrackInfo,
  TrackType,
} from '@livekit/protocol';
import type { MediaStreamTrack } from 'werift';
import { newSid } from './ids.js';
import type { IncomingAudio } from './peer.js';
import type { OutgoingTrack } from './receive-slots.js';

/**
 * The tracks one participant publishes: their `TrackInfo` (in its `ParticipantInfo`), which
 * arriving RTP track is which (by the `cid` of `addTrack`, the msid track id of its m-line), and
 * whether its publisher was told of a first subscriber (`trackSubscribed`).
 */
export class PublishedTracks {
  /** `addTrack` cid → track sid. */
  private readonly byCid = new Map<string, string>();
  /** Track sid → the media that arrived for it, and how to stop forwarding it. */
  private readonly withMedia = new Map<string, { audio: IncomingAudio; stop: () => void }>();
  /** Media that arrived before (or without) its `addTrack`. */
  private readonly unmatched: IncomingAudio[] = [];
  private readonly toldSubscribed = new Set<string>();

  constructor(
    private readonly info: ParticipantInfo,
    /** The RTP of one of its audio tracks has started arriving; returns how to stop using it. */
    private readonly onMedia: (trackSid: string, track: MediaStreamTrack) => () => void,
  ) {}

  /** Registers an `addTrack` request; the `TrackInfo` goes into the participant's info. */
  publish(request: AddTrackRequest): TrackInfo {
    const track = new TrackInfo({
      sid: newSid('TR'),
      type: request.type,
      source: request.source,
      name: request.name,
      muted: request.muted,
      disableDtx: request.disableDtx,
      disableRed: request.disableRed,
      mimeType: request.type === TrackType.AUDIO ? 'audio/opus' : '',
      stream: request.stream,
      // TF_PRECONNECT_BUFFER here is what makes livekit-client send the buffer to the agent.
      audioFeatures: request.audioFeatures,
    });
    this.info.tracks.push(track);
    this.info.isPublisher = true;
    this.byCid.set(request.cid, track.sid);
    for (const audio of this.unmatched.splice(0)) this.arrived(audio);
    return track;
  }

  /** An audio track's media arrived: bound to its `TrackInfo` by cid, else to the first free one. */
  arrived(audio: IncomingAudio): void {
    const byCid = audio.remoteTrackId ? this.byCid.get(audio.remoteTrackId) : undefined;
    const sid =
      byCid ??
      this.info.tracks.find((t) => t.type === TrackType.AUDIO && !this.withMedia.has(t.sid))?.sid;
    if (!sid || this.withMedia.has(sid)) {
      this.unmatched.push(audio);
      return;
    }
    this.withMedia.set(sid, { audio, stop: this.onMedia(sid, audio.track) });
  }

  /**
   * Unpublishing is done in SDP: the client's offer stops sending on the track's m-line (werift
   * then shows the transceiver with `offerDirection` "inactive" or "sendonly"). Removes and
   * returns the tracks so unpublished by the offer just applied, with their media (the client
   * may reuse the m-line for a later track).
   */
  removeStopped(): { info: TrackInfo; media: MediaStreamTrack }[] {
    const stopped = [...this.withMedia].filter(([, { audio }]) => {
      const direction = audio.transceiver?.offerDirection;
      return direction !== undefined && direction !== 'recvonly' && direction !== 'sendrecv';
    });
    const removed: { info: TrackInfo; media: MediaStreamTrack }[] = [];
    for (const [sid, { audio, stop }] of stopped) {
      stop();
      this.withMedia.delete(sid);
      const index = this.info.tracks.findIndex((t) => t.sid === sid);
      const [info] = index >= 0 ? this.info.tracks.splice(index, 1) : [];
      if (info) removed.push({ info, media: audio.track });
    }
    this.info.isPublisher = this.info.tracks.length > 0;
    return removed;
  }

  find(sid: string): TrackInfo | undefined {
    return this.info.tracks.find((t) => t.sid === sid);
  }

  /** The published audio tracks, as subscribers address them. */
  get audio(): OutgoingTrack[] {
    return this.info.tracks
      .filter((t) => t.type === TrackType.AUDIO)
      .map((t) => ({ participantSid: this.info.sid, trackSid: t.sid }));
  }

  /** True the first time a track gets a subscriber (LiveKit tells the publisher once). */
  firstSubscriber(sid: string): boolean {
    if (!this.find(sid) || this.toldSubscribed.has(sid)) return false;
    this.toldSubscribed.add(sid);
    return true;
  }

  /** Forgets that a subscription was told, so it is told again (the message could not be sent). */
  untold(sid: string): void {
    this.toldSubscribed.delete(sid);
  }
}
