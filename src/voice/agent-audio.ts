import type { RemoteTrack, Room } from 'livekit-client';
import { type LevelMeter, meterFor } from './level-meter.js';

/**
 * Where the agent's voice plays: one audio element the session owns (the page never has to place
 * it) and a meter of what the visitor hears. In text the agent's track stays subscribed (the agent
 * speaks, and publishes its transcript, only once it is) and is silenced here, never unsubscribed.
 */
export class AgentAudio {
  private readonly element: HTMLAudioElement;
  private enabled = true;
  private meter: LevelMeter | undefined;

  constructor() {
    this.element = document.createElement('audio');
    this.element.autoplay = true;
  }

  /** The agent's voice plays (true) or stays silent (false), for this track and later ones. */
  get speakerEnabled(): boolean {
    return this.enabled;
  }

  /** The browser holds the element back until a visitor gesture. */
  get paused(): boolean {
    return this.element.paused;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.applyMuted();
  }

  play(track: RemoteTrack): void {
    track.attach(this.element);
    // attach() unmutes an element that now has audio: what the visitor chose comes back.
    this.applyMuted();
    this.meter?.close();
    this.meter = meterFor(track.mediaStreamTrack);
  }

  stop(track: RemoteTrack): void {
    track.detach(this.element);
    this.meter?.close();
    this.meter = undefined;
  }

  /**
   * Resumes playback after an autoplay block (from a visitor gesture). A silenced element needs no
   * unlocking (muted media may always play), and the room's own startAudio() would unmute it.
   */
  async resume(room: Room): Promise<void> {
    if (this.enabled) await room.startAudio();
    this.applyMuted();
    await this.element.play().catch(() => {});
    await this.meter?.resume();
  }

  /** What the visitor hears, 0…1: nothing while silenced. */
  level(): number {
    return this.enabled ? (this.meter?.level() ?? 0) : 0;
  }

  /** What the visitor hears, in `count` frequency bands 0…1 (the agent's visualiser). */
  bands(count: number): number[] {
    return this.enabled && this.meter ? this.meter.bands(count) : new Array<number>(count).fill(0);
  }

  /** Empties the player once the call is over. */
  release(): void {
    this.meter?.close();
    this.meter = undefined;
    this.element.pause();
    this.element.srcObject = null;
  }

  private applyMuted(): void {
    this.element.muted = !this.enabled;
  }
}
