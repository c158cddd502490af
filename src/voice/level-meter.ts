/**
 * The loudness of one audio track, 0…1, read on demand for the visualiser. One AudioContext per
 * meter: it is closed with the meter, so nothing keeps running after a call.
 */
export interface LevelMeter {
  level(): number;
  /** Loudness in `count` frequency bands across the voice range (up to 4 kHz), each 0…1. */
  bands(count: number): number[];
  /** Resumes the audio context after an autoplay block (call from a visitor gesture). */
  resume(): Promise<void>;
  close(): void;
}

export function createLevelMeter(track: MediaStreamTrack): LevelMeter {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  analyser.smoothingTimeConstant = 0.6;
  const samples = new Float32Array(analyser.fftSize);
  let spectrum: Uint8Array<ArrayBuffer> | undefined;
  let closed = false;
  const silent = () => closed || track.readyState === 'ended' || !track.enabled;
  return {
    level() {
      if (silent()) return 0;
      analyser.getFloatTimeDomainData(samples);
      return rmsLevel(samples);
    },
    bands(count) {
      if (silent()) return new Array<number>(count).fill(0);
      spectrum ??= new Uint8Array(analyser.frequencyBinCount);
      analyser.getByteFrequencyData(spectrum);
      return voiceBands(spectrum, count, context.sampleRate);
    },
    async resume() {
      if (!closed && context.state === 'suspended') await context.resume();
    },
    close() {
      if (closed) return;
      closed = true;
      source.disconnect();
      void context.close().catch(() => {});
    },
  };
}

/** A level meter, or none where Web Audio refuses one: the visualiser is not worth a call. */
export function meterFor(track: MediaStreamTrack): LevelMeter | undefined {
  try {
    return createLevelMeter(track);
  } catch {
    return undefined;
  }
}

/**
 * Root mean square of the samples, scaled so that ordinary speech (about -30 dBFS) reads near
 * the middle and a full-scale signal reads 1.
 */
export function rmsLevel(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const decibels = 20 * Math.log10(rms);
  // -60 dBFS and below is silence; 0 dBFS is the top.
  return Math.min(1, Math.max(0, (decibels + 60) / 60));
}

/** Averages the bins of a byte spectrum up to 4 kHz (where speech is) into `count` bands, 0…1. */
export function voiceBands(spectrum: Uint8Array, count: number, sampleRate: number): number[] {
  const nyquist = sampleRate / 2;
  const usable = Math.max(
    count,
    Math.min(spectrum.length, Math.round((spectrum.length * 4000) / nyquist)),
  );
  const per = Math.max(1, Math.floor(usable / count));
  const bands: number[] = [];
  for (let band = 0; band < count; band += 1) {
    let sum = 0;
    for (let bin = band * per; bin < (band + 1) * per; bin += 1) sum += spectrum[bin] ?? 0;
    bands.push(sum / per / 255);
  }
  return bands;
}
