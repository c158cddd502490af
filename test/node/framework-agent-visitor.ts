// A visitor for the framework agent's Node tests: a stock @livekit/rtc-node participant that
// beeps like Chromium's fake microphone, types on `lk.chat`, and records what the agent sends
// back (transcript streams, agent states, the loudness of the agent's voice).
import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  type RemoteParticipant,
  type RemoteTrack,
  Room,
  RoomEvent,
  type TextStreamReader,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
} from '@livekit/rtc-node';

const SAMPLE_RATE = 48_000;
/** The longest a visitor waits for the agent, far beyond its usual seconds. */
const UNTIL_BOUND_MS = 90_000;
const FRAME_SAMPLES = SAMPLE_RATE / 100;
/** Chromium's fake microphone: a 400 Hz beep of 20 ms every 500 ms, about half full scale. */
const BEEP = { everyFrames: 50, lengthFrames: 2, hz: 400, amplitude: 0.6 * 32767 };

export interface Transcript {
  from: string;
  text: string;
  attributes: Record<string, string>;
}

export class Visitor {
  readonly room = new Room();
  readonly transcripts: Transcript[] = [];
  /** Every `lk.agent.state` value the agent published, in order. */
  readonly agentStates: string[] = [];
  /** Loudest RMS (0…1) of the agent's voice so far. */
  agentLoudness = 0;
  microphoneSid: string | undefined;
  private source: AudioSource | undefined;
  private beeping = false;
  private closed = false;
  private readonly wakers = new Set<() => void>();

  constructor() {
    this.room.registerTextStreamHandler('lk.transcription', (reader: TextStreamReader, from) => {
      const attributes = reader.info.attributes ?? {};
      reader.readAll().then(
        (text) => {
          this.transcripts.push({ from: from.identity, text, attributes });
          this.wake();
        },
        () => {}, // Cut off by a disconnect: not a transcript.
      );
    });
    this.room.on(RoomEvent.ParticipantAttributesChanged, (changed, participant) => {
      const state = changed['lk.agent.state'];
      if (state && participant.identity !== this.room.localParticipant?.identity) {
        this.agentStates.push(state);
        this.wake();
      }
    });
    this.room.on(RoomEvent.ParticipantConnected, () => this.wake());
    this.room.on(RoomEvent.ParticipantDisconnected, () => this.wake());
    this.room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
      if (track.kind === TrackKind.KIND_AUDIO) void this.listen(track, participant);
    });
  }

  async connect(url: string, token: string): Promise<void> {
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
  }

  /**
   * Resolves once `condition()` holds, checked now and after every transcript, agent state, louder
   * sound, and participant joining or leaving.
   */
  /**
   * Resolves once `condition` holds, re-checked on every event; rejects after `UNTIL_BOUND_MS`,
   * so a reply lost on a busy machine fails the test instead of hanging the run.
   */
  until<T>(condition: () => T | undefined | false): Promise<T> {
    return new Promise((resolve, reject) => {
      const bound = setTimeout(() => {
        this.wakers.delete(check);
        reject(new Error(`the visitor waited ${UNTIL_BOUND_MS} ms for: ${condition}`));
      }, UNTIL_BOUND_MS);
      const check = () => {
        const value = condition();
        if (value === undefined || value === false) return;
        clearTimeout(bound);
        this.wakers.delete(check);
        resolve(value);
      };
      this.wakers.add(check);
      check();
    });
  }

  transcript(match: (t: Transcript) => boolean): Promise<Transcript> {
    return this.until(() => this.transcripts.find(match));
  }

  say(text: string): Promise<unknown> {
    return this.room.localParticipant!.sendText(text, { topic: 'lk.chat' });
  }

  /** Publishes a microphone that beeps like Chromium's fake one, until `silence()`. */
  async beep(): Promise<void> {
    const source = new AudioSource(SAMPLE_RATE, 1, 100);
    this.source = source;
    this.beeping = true;
    const track = LocalAudioTrack.createAudioTrack('microphone', source);
    const options = new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE });
    const publication = await this.room.localParticipant!.publishTrack(track, options);
    this.microphoneSid = publication.sid;
    void this.feed(source);
  }

  /** The microphone goes on, silent (as a muted one sends silence). */
  silence(): void {
    this.beeping = false;
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    await this.source?.close().catch(() => undefined);
    await this.room.disconnect();
  }

  private wake(): void {
    for (const check of [...this.wakers]) check();
  }

  /** Real-time 10 ms frames: `captureFrame` waits while the source's short queue is full. */
  private async feed(source: AudioSource): Promise<void> {
    for (let frame = 0; !this.closed; frame++) {
      const samples = new Int16Array(FRAME_SAMPLES);
      if (this.beeping && frame % BEEP.everyFrames < BEEP.lengthFrames) {
        for (let i = 0; i < FRAME_SAMPLES; i++) {
          const t = (frame * FRAME_SAMPLES + i) / SAMPLE_RATE;
          samples[i] = Math.round(Math.sin(2 * Math.PI * BEEP.hz * t) * BEEP.amplitude);
        }
      }
      try {
        await source.captureFrame(new AudioFrame(samples, SAMPLE_RATE, 1, FRAME_SAMPLES));
      } catch {
        return; // Closed while capturing.
      }
    }
  }

  private async listen(track: RemoteTrack, from: RemoteParticipant): Promise<void> {
    const reader = new AudioStream(track, SAMPLE_RATE, 1).getReader();
    try {
      while (!this.closed) {
        const { done, value } = await reader.read();
        if (done) return;
        if (from.identity === this.room.localParticipant?.identity) continue;
        const loudness = rms(value.data);
        if (loudness > this.agentLoudness) {
          this.agentLoudness = loudness;
          this.wake();
        }
      }
    } catch {
      // Ended with the room.
    }
  }
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += (sample / 32768) ** 2;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}
