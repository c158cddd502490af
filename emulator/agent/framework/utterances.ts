/**
 * Energy-based voice activity, cut into utterances: what the stand-in speech-to-text listens with.
 *
 * A frame is voice when its RMS level is above `VOICE_LEVEL`. An utterance starts at the first
 * voiced frame and ends after `END_SILENCE_MS` without voice, or once it has lasted
 * `MAX_UTTERANCE_MS` (one scripted phrase is never longer). Then the visitor "draws breath": for
 * `BREATH_MS` of audio nothing starts a new utterance, so the agent's turn detection sees the end
 * of the turn. Chromium's fake microphone beeps briefly every 500 ms, gaps shorter than
 * `END_SILENCE_MS`: a beeping microphone makes one utterance every `MAX_UTTERANCE_MS` +
 * `BREATH_MS` of audio the agent listens to, and a muted one none.
 */

/** RMS level, as a fraction of full scale, above which a frame is voice (about -36 dBFS). */
export const VOICE_LEVEL = 0.016;
export const END_SILENCE_MS = 600;
export const MAX_UTTERANCE_MS = 2000;
/** Longer than the framework's endpointing delay (500 ms by default), so a turn always ends. */
export const BREATH_MS = 1500;

export type UtteranceEvent =
  | { type: 'start' }
  /** How far the utterance has got, 0 to 1 of `MAX_UTTERANCE_MS`: interim transcripts follow it. */
  | { type: 'progress'; fraction: number }
  | { type: 'end' };

/** RMS level of 16-bit samples, as a fraction of full scale. */
export function levelOf(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length) / 32768;
}

export class UtteranceDetector {
  private speaking = false;
  private elapsedMs = 0;
  private silentMs = 0;
  /** Audio left before a new utterance may start. */
  private breathMs = 0;

  /** Feeds one frame of `durationMs` at `level`; returns what that frame started, moved or ended. */
  push(level: number, durationMs: number): UtteranceEvent[] {
    const voiced = level >= VOICE_LEVEL;
    if (!this.speaking) {
      this.breathMs = Math.max(0, this.breathMs - durationMs);
      if (!voiced || this.breathMs > 0) return [];
      this.speaking = true;
      this.elapsedMs = durationMs;
      this.silentMs = 0;
      return [{ type: 'start' }, this.progress()];
    }
    this.elapsedMs += durationMs;
    this.silentMs = voiced ? 0 : this.silentMs + durationMs;
    if (this.silentMs >= END_SILENCE_MS || this.elapsedMs >= MAX_UTTERANCE_MS) return this.end();
    return [this.progress()];
  }

  /** Ends an utterance in progress (the audio stopped, the stream is flushed). */
  flush(): UtteranceEvent[] {
    return this.speaking ? this.end() : [];
  }

  private end(): UtteranceEvent[] {
    this.speaking = false;
    this.breathMs = BREATH_MS;
    return [{ type: 'end' }];
  }

  private progress(): UtteranceEvent {
    return { type: 'progress', fraction: Math.min(1, this.elapsedMs / MAX_UTTERANCE_MS) };
  }
}
