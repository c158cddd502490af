import type { LocalAudioTrack, LocalParticipant, Track, TrackEvent } from 'livekit-client';
import { KrosaiError, toKrosaiError } from '../errors.js';
import { type LevelMeter, meterFor } from './level-meter.js';
import { classifyMicError } from './mic-errors.js';

/**
 * What the microphone needs from livekit-client, handed in by livekit-voice-session.ts (the one
 * file that imports it at run time): `createLocalAudioTrack` and `Track.Source.Microphone`.
 */
export interface MicrophoneDriver {
  createTrack(constraints: MediaTrackConstraints): Promise<LocalAudioTrack>;
  readonly source: Track.Source;
  /** `TrackEvent.Restarted`: the track got a new MediaStreamTrack (another device, a fallback). */
  readonly restartedEvent: TrackEvent.Restarted;
  /** `TrackEvent.Muted`: also how livekit-client gives up on a track the browser ended. */
  readonly mutedEvent: TrackEvent.Muted;
}

/** What the microphone tells its call. */
export interface MicrophoneEvents {
  /** The device in use changed (`fallback`: the one picked went away, the default took over). */
  deviceChanged(deviceId: string | undefined, fallback: boolean): void;
  /**
   * The browser ended the published microphone (permission revoked, the last device unplugged)
   * and livekit-client could not restart it, so it muted it: the call can no longer be heard.
   */
  lost(): void;
}

/**
 * The visitor's microphone in one call: opened, published, unpublished and released here only.
 * A voice call publishes it while joining; a text conversation publishes it later, when it turns
 * into voice, and unpublishes it when it goes back to text, without leaving the room.
 */
export class CallMicrophone {
  /** Every sid the microphone had in this call (a full rejoin or a second switch to voice publish
   * it anew): a transcript of any of them is the visitor's speech, even after it went off. */
  readonly trackSids = new Set<string>();
  private track: LocalAudioTrack | undefined;
  private meter: LevelMeter | undefined;
  private published = false;
  /** Switches run one after the other, so a double click opens one microphone. */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly driver: MicrophoneDriver,
    /** A microphone the visitor picked; a device that is gone fails with `mic-missing`. */
    private deviceId: string | undefined,
    private readonly events: MicrophoneEvents,
  ) {}

  /** The device the visitor picked and the call uses; undefined: the system's default. */
  get device(): string | undefined {
    return this.deviceId;
  }

  /** The microphone is published in the room. */
  get enabled(): boolean {
    return this.published;
  }

  /** The track while the microphone is open (to mute it). */
  get openTrack(): LocalAudioTrack | undefined {
    return this.track;
  }

  /**
   * Opens the microphone; rejects with `mic-denied`, `mic-missing` or `mic-busy`. With
   * `preConnectBuffer` it records from this moment on, and livekit-client sends the recording to
   * the agent once it is there (`lk.agent.pre-connect-audio-buffer`): what the visitor says
   * between the click and the agent's arrival is not lost. The recording stops once the agent
   * subscribes to the live track, or after 10 s.
   */
  async open({ preConnectBuffer = false }: { preConnectBuffer?: boolean } = {}): Promise<void> {
    let track: LocalAudioTrack;
    try {
      track = await this.driver.createTrack({
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
        // An exact id: a device that is gone must fail, not fall back to another microphone.
        ...(this.deviceId ? { deviceId: { exact: this.deviceId } } : {}),
      });
    } catch (error) {
      throw classifyMicError(error);
    }
    this.track?.stop();
    this.track = track;
    track.on(this.driver.restartedEvent, this.onRestarted);
    track.on(this.driver.mutedEvent, this.onMuted);
    // Before publishing: the publication then asks the server for the buffer feature.
    if (preConnectBuffer) track.startPreConnectBuffer();
  }

  /**
   * Moves the open microphone to another device in place (same track, same publication); a
   * closed one opens on it next time. Rejects with `mic-missing` when the device is gone.
   * `fallback`: the call moves to the default because the chosen device went away.
   */
  async useDevice(deviceId: string | undefined, fallback = false): Promise<void> {
    const track = this.track;
    const previous = this.deviceId;
    this.deviceId = deviceId;
    if (!track) return;
    try {
      // Not exact for the default: a browser without Chromium's literal `default` takes any.
      const found = await track.setDeviceId(deviceId ? { exact: deviceId } : 'default');
      if (!found && deviceId) throw new KrosaiError('mic-missing', 'That microphone is gone.');
    } catch (error) {
      this.deviceId = previous;
      throw classifyMicError(error);
    }
    this.remeter(track);
    this.events.deviceChanged(deviceId, fallback);
  }

  /**
   * The device went away: livekit-client restarts an ended microphone on the default device
   * (LocalParticipant's track-ended handling); the call's own choice follows, and says so.
   */
  fallBackIfGone(): void {
    const track = this.track;
    if (!track || !this.deviceId) return;
    if (track.mediaStreamTrack.getSettings().deviceId === this.deviceId) return;
    this.deviceId = undefined;
    this.events.deviceChanged(undefined, true);
  }

  private readonly onRestarted = () => {
    const track = this.track;
    if (!track) return;
    this.remeter(track);
    this.fallBackIfGone();
  };

  /** Our own mute leaves the capture running; livekit-client's give-up mutes an ended one. */
  private readonly onMuted = () => {
    const track = this.track;
    if (this.published && track?.mediaStreamTrack.readyState === 'ended') this.events.lost();
  };

  /** A restarted track has a new MediaStreamTrack: the meter follows it. */
  private remeter(track: LocalAudioTrack): void {
    if (!this.published) return;
    this.meter?.close();
    this.meter = meterFor(track.mediaStreamTrack);
  }

  /** Publishes the opened microphone as the microphone source, muted if asked, and meters it. */
  async publish(participant: LocalParticipant, muted: boolean): Promise<void> {
    const track = this.track;
    if (!track) throw new KrosaiError('unknown', 'The microphone is not open.');
    const publication = await participant.publishTrack(track, { source: this.driver.source });
    if (publication.trackSid) this.trackSids.add(publication.trackSid);
    this.published = true;
    if (muted) await track.mute();
    this.meter?.close();
    this.meter = meterFor(track.mediaStreamTrack);
  }

  /**
   * Turns the microphone on (open and publish) or off (unpublish and stop) in the joined room.
   * Resolves whether it changed. A failure leaves it off; `stillWanted` says whether the call
   * is still up once the browser handed the microphone over.
   */
  setEnabled(
    enabled: boolean,
    participant: LocalParticipant,
    options: { muted: () => boolean; stillWanted: () => boolean },
  ): Promise<boolean> {
    const run = this.switching.then(async () => {
      if (enabled === this.published) return false;
      if (!enabled) {
        await this.unpublish(participant);
        return true;
      }
      try {
        await this.open();
        if (!options.stillWanted()) {
          throw new KrosaiError('aborted', 'The call ended while the microphone started.');
        }
        await this.publish(participant, options.muted());
      } catch (error) {
        await this.unpublish(participant);
        throw toKrosaiError(error);
      }
      return true;
    });
    this.switching = run.catch(() => undefined);
    return run;
  }

  /** The input level for the visualiser, 0…1. */
  level(): number {
    return this.meter?.level() ?? 0;
  }

  resumeMeter(): Promise<void> | undefined {
    return this.meter?.resume();
  }

  /** Stops the track and its meter (the call is over); idempotent. */
  release(): void {
    this.published = false;
    this.meter?.close();
    this.meter = undefined;
    this.track?.off(this.driver.restartedEvent, this.onRestarted);
    this.track?.off(this.driver.mutedEvent, this.onMuted);
    this.track?.stop();
    this.track = undefined;
  }

  /** Off: unpublished (the sids stay known) and stopped, so the browser shows no capture. */
  private async unpublish(participant: LocalParticipant): Promise<void> {
    const track = this.track;
    this.published = false;
    if (track && participant.getTrackPublications().some((pub) => pub.track === track)) {
      await participant.unpublishTrack(track, true).catch(() => undefined);
    }
    this.release();
  }
}
