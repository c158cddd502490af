import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  type RemoteTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
} from '@livekit/rtc-node';

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = SAMPLE_RATE / 100;
/** A frame louder than this (RMS, 0…1) is sound, not silence or comfort noise. */
export const AUDIBLE_RMS = 0.005;

/**
 * A stock `@livekit/rtc-node` participant that publishes a sine tone and measures the energy of
 * every audio track it receives: how tests (and `/control/livekit/test-participant`) prove that
 * audio crosses the emulator's SFU in both directions. rtc-node is loaded only by whoever uses
 * this module, never by the emulator's start-up.
 */
export class ToneParticipant {
  readonly room = new Room();
  /** Loudest RMS (0…1) heard so far, per remote track sid. */
  readonly heard = new Map<string, number>();
  /** How many audible frames arrived so far, per remote track sid: grows while sound flows. */
  readonly audibleFrames = new Map<string, number>();
  /** Sids of this participant's tracks that the server said have a subscriber. */
  readonly subscribedLocal = new Set<string>();
  /** The audio source of each published tone, by track sid. */
  private readonly tones = new Map<string, AudioSource>();
  private readonly readers = new Set<ReadableStreamDefaultReader<AudioFrame>>();
  private stopped = false;

  constructor(readonly frequencyHz = 440) {
    this.room.on(RoomEvent.TrackSubscribed, (track, publication) => {
      if (track.kind === TrackKind.KIND_AUDIO && publication.sid)
        this.listen(publication.sid, track);
    });
    this.room.on(RoomEvent.LocalTrackSubscribed, (track) => {
      if (track.sid) this.subscribedLocal.add(track.sid);
    });
  }

  connect(url: string, token: string): Promise<void> {
    return this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
  }

  /** Publishes the tone as a microphone track; resolves with its sid. */
  async publishTone(name = 'tone'): Promise<string> {
    const source = new AudioSource(SAMPLE_RATE, 1);
    const track = LocalAudioTrack.createAudioTrack(name, source);
    const options = new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE });
    const publication = await this.room.localParticipant?.publishTrack(track, options);
    if (!publication?.sid) throw new Error('the tone track was not published');
    this.tones.set(publication.sid, source);
    void this.feed(source);
    return publication.sid;
  }

  /** Unpublishes one tone and stops feeding it. */
  async unpublishTone(sid: string): Promise<void> {
    await this.room.localParticipant?.unpublishTrack(sid);
    const source = this.tones.get(sid);
    this.tones.delete(sid);
    await source?.close();
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    // Streams and source are closed before the room, so no FFI handle outlives it.
    await Promise.all([...this.readers].map((reader) => reader.cancel().catch(() => undefined)));
    await Promise.all([...this.tones.values()].map((tone) => tone.close().catch(() => undefined)));
    await this.room.disconnect();
  }

  /** Captures 10 ms frames of the tone; `captureFrame` paces them in real time. */
  private async feed(source: AudioSource): Promise<void> {
    let phase = 0;
    const step = (2 * Math.PI * this.frequencyHz) / SAMPLE_RATE;
    while (!this.stopped && !source.closed) {
      const samples = new Int16Array(FRAME_SAMPLES);
      for (let i = 0; i < FRAME_SAMPLES; i++, phase += step) {
        samples[i] = Math.round(Math.sin(phase) * 8000);
      }
      try {
        await source.captureFrame(new AudioFrame(samples, SAMPLE_RATE, 1, FRAME_SAMPLES));
      } catch {
        return; // Closed while capturing.
      }
    }
  }

  private async listen(sid: string, track: RemoteTrack): Promise<void> {
    this.heard.set(sid, this.heard.get(sid) ?? 0);
    const reader = new AudioStream(track, SAMPLE_RATE, 1).getReader();
    this.readers.add(reader);
    try {
      while (!this.stopped) {
        const { done, value } = await reader.read();
        if (done) return;
        const level = rms(value.data);
        this.heard.set(sid, Math.max(this.heard.get(sid) ?? 0, level));
        if (level > AUDIBLE_RMS)
          this.audibleFrames.set(sid, (this.audibleFrames.get(sid) ?? 0) + 1);
      }
    } catch {
      // Cancelled on disconnect.
    } finally {
      this.readers.delete(reader);
    }
  }
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += (sample / 32768) ** 2;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}
