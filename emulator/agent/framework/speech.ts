import { Worker } from 'node:worker_threads';

/** eSpeak NG's output rate. */
export const SPEECH_SAMPLE_RATE = 22_050;
/** A synthesis that takes longer has failed (eSpeak NG halts without a word on a bad input). */
const SYNTHESIS_TIMEOUT_MS = 10_000;
/** The agent says the same few sentences again and again: keep them. */
const CACHE_SIZE = 64;

interface Reply {
  id: number;
  wav?: Uint8Array;
  error?: string;
}

/**
 * Real speech, offline: eSpeak NG in a worker thread (`speech-worker.mjs`), one sentence at a
 * time, recent sentences cached. `speak` resolves with 16-bit mono samples at 22 050 Hz.
 */
export class SpeechSynthesizer {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private readonly cache = new Map<string, Promise<Int16Array>>();

  speak(text: string): Promise<Int16Array> {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const samples = this.synthesize(text);
    this.cache.set(text, samples);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    samples.catch(() => this.cache.delete(text));
    return samples;
  }

  /** Stops the worker; a later `speak` starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private synthesize(text: string): Promise<Int16Array> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Int16Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`speech synthesis timed out: "${text}"`));
      }, SYNTHESIS_TIMEOUT_MS);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.wav) resolve(samplesOf(reply.wav));
        else reject(new Error(reply.error ?? 'speech synthesis failed'));
      });
      worker.postMessage({ id, text });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./speech-worker.mjs', import.meta.url));
    // An idle synthesizer must not keep the process alive.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('speech worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const [id, settle] of this.pending) settle({ id, error: error.message });
    this.pending.clear();
  }
}

/** The samples of a 16-bit PCM WAV file (its `data` chunk). */
export function samplesOf(wav: Uint8Array): Int16Array {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  let offset = 12;
  while (offset + 8 <= wav.byteLength) {
    const id = String.fromCharCode(...wav.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    if (id === 'data') {
      const end = Math.min(wav.byteLength, offset + 8 + size);
      const bytes = wav.slice(offset + 8, end - ((end - offset - 8) % 2));
      return new Int16Array(bytes.buffer);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk in the WAV file');
}
