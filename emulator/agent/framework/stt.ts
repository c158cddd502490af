import { asLanguageCode, stt } from '@livekit/agents';
import { HEARD_PHRASES } from './script.js';
import { levelOf, UtteranceDetector, type UtteranceEvent } from './utterances.js';

const LANGUAGE = asLanguageCode('en');
/** A gap in the live input this long means the audio stopped, and the next frame starts anew. */
const RESUMED_AFTER_MS = 300;

/**
 * A stand-in streaming speech-to-text: it detects utterances by energy (`UtteranceDetector`, its
 * own endpointing, as streaming STT services have) and "transcribes" the n-th utterance of a
 * session as the n-th scripted phrase, word by word in interim transcripts, then final.
 */
export class ScriptedSTT extends stt.STT {
  label = 'emulator.ScriptedSTT';
  private heard = 0;
  /**
   * When audio started reaching this speech-to-text (epoch ms): the first frame, and each frame
   * after a pause of `RESUMED_AFTER_MS` (a visitor's new call); the last 20, for the bench.
   */
  readonly audioStarts: number[] = [];
  private lastFrameAt = 0;

  constructor(private readonly phrases: readonly string[] = HEARD_PHRASES) {
    super({ streaming: true, interimResults: true });
  }

  /** A frame of the live input arrived now. */
  noteFrame(): void {
    const now = Date.now();
    if (now - this.lastFrameAt > RESUMED_AFTER_MS) {
      this.audioStarts.push(now);
      this.audioStarts.splice(0, this.audioStarts.length - 20);
    }
    this.lastFrameAt = now;
  }

  /** The phrase the next utterance will be heard as (one per utterance, in turn). */
  nextPhrase(): string {
    const phrase = this.phrases[this.heard % this.phrases.length]!;
    this.heard += 1;
    return phrase;
  }

  protected async _recognize(): Promise<stt.SpeechEvent> {
    throw new Error('ScriptedSTT only streams');
  }

  stream(): stt.SpeechStream {
    return new ScriptedSpeechStream(this);
  }
}

class ScriptedSpeechStream extends stt.SpeechStream {
  label = 'emulator.ScriptedSTT';
  private readonly detector = new UtteranceDetector();
  private phrase: string[] = [];
  private shownWords = 0;
  private startedAt = 0;

  constructor(private readonly owner: ScriptedSTT) {
    super(owner);
  }

  protected async run(): Promise<void> {
    for await (const frame of this.input) {
      if (frame === ScriptedSpeechStream.FLUSH_SENTINEL) {
        this.emit(this.detector.flush());
        continue;
      }
      this.owner.noteFrame();
      const durationMs = (frame.samplesPerChannel / frame.sampleRate) * 1000;
      this.emit(this.detector.push(levelOf(frame.data), durationMs));
    }
  }

  private emit(events: UtteranceEvent[]): void {
    for (const event of events) {
      if (event.type === 'start') {
        this.phrase = this.owner.nextPhrase().split(' ');
        this.shownWords = 0;
        this.startedAt = Date.now();
        this.queue.put({ type: stt.SpeechEventType.START_OF_SPEECH });
      } else if (event.type === 'progress') {
        // Interim transcripts reveal the phrase word by word; the last word waits for the final.
        const words = Math.max(
          1,
          Math.min(this.phrase.length - 1, Math.floor(event.fraction * this.phrase.length)),
        );
        if (words <= this.shownWords) continue;
        this.shownWords = words;
        this.put(stt.SpeechEventType.INTERIM_TRANSCRIPT, this.phrase.slice(0, words).join(' '));
      } else {
        this.put(stt.SpeechEventType.FINAL_TRANSCRIPT, this.phrase.join(' '));
        this.queue.put({ type: stt.SpeechEventType.END_OF_SPEECH, speechEndTime: Date.now() });
      }
    }
  }

  private put(type: stt.SpeechEventType, text: string): void {
    const endTime = (Date.now() - this.startedAt) / 1000;
    this.queue.put({
      type,
      alternatives: [{ language: LANGUAGE, text, startTime: 0, endTime, confidence: 1 }],
    });
  }
}
