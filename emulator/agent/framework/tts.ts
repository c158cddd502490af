import { randomUUID } from 'node:crypto';
import { type APIConnectOptions, tts } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { SPEECH_SAMPLE_RATE, type SpeechSynthesizer } from './speech.js';

/** Audio goes out in 20 ms frames, as TTS providers stream it. */
const FRAME_SAMPLES = SPEECH_SAMPLE_RATE / 50;

/**
 * A stand-in TTS that really speaks: eSpeak NG, offline (`SpeechSynthesizer`). It synthesises
 * whole texts; the framework wraps it in its sentence-by-sentence stream adapter, as it does
 * for every non-streaming provider.
 */
export class EspeakTTS extends tts.TTS {
  label = 'emulator.EspeakTTS';

  constructor(readonly synthesizer: SpeechSynthesizer) {
    super(SPEECH_SAMPLE_RATE, 1, { streaming: false });
  }

  synthesize(
    text: string,
    connOptions?: APIConnectOptions,
    abortSignal?: AbortSignal,
  ): tts.ChunkedStream {
    return new EspeakChunkedStream(text, this, connOptions, abortSignal);
  }

  stream(): tts.SynthesizeStream {
    throw new Error('EspeakTTS does not stream; the framework adapts it sentence by sentence');
  }
}

class EspeakChunkedStream extends tts.ChunkedStream {
  label = 'emulator.EspeakTTS';

  constructor(
    text: string,
    private readonly owner: EspeakTTS,
    connOptions?: APIConnectOptions,
    abortSignal?: AbortSignal,
  ) {
    super(text, owner, connOptions, abortSignal);
  }

  protected async run(): Promise<void> {
    const samples = await this.owner.synthesizer.speak(this.inputText);
    const requestId = randomUUID();
    for (let start = 0; start < samples.length; start += FRAME_SAMPLES) {
      if (this.abortSignal.aborted) return;
      const chunk = samples.slice(start, start + FRAME_SAMPLES);
      this.queue.put({
        requestId,
        segmentId: requestId,
        frame: new AudioFrame(chunk, SPEECH_SAMPLE_RATE, 1, chunk.length),
        final: start + FRAME_SAMPLES >= samples.length,
      });
    }
  }
}
