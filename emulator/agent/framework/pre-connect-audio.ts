import type { ByteStreamReader, Room } from '@livekit/rtc-node';
import { OpusDecoder } from 'opus-decoder';
import { PRE_CONNECT_AUDIO_TOPIC } from '../../../src/voice/agent-protocol.js';
import { readWebmOpusFrames } from './webm-opus.js';

/** A stretch of the visitor's audio: its level (RMS, 0…1 of full scale) and length. */
export interface HeardFrame {
  level: number;
  durationMs: number;
}

/** `/control/livekit/agent-view`'s account of the pre-connect audio the agent got. */
export interface PreConnectAudioView {
  /** Buffers received (one per microphone publication that asked for it). */
  streams: number;
  mimeType: string;
  /** `trackId` of the last buffer: the visitor's microphone sid. */
  trackId: string;
  bytes: number;
  /** Audio decoded from them, in milliseconds. */
  durationMs: number;
  /** The loudest 20 ms of it, RMS 0…1: speech energy from before the agent was listening. */
  loudest: number;
  /** Each buffer: when it began to arrive (epoch ms) and how much audio it held, for the bench. */
  buffers: { receivedAt: number; durationMs: number }[];
}

/**
 * The receiving half of the Python framework's `PreConnectAudioHandler`, which the Node framework
 * (1.9.0) lacks: takes livekit-client's `lk.agent.pre-connect-audio-buffer` byte stream (what the
 * visitor said between pressing the button and the agent's arrival, WebM/Opus) and decodes it,
 * so a test sees that speech from before the agent listened arrived intact (`view`). It is not
 * transcribed: the emulator's agent greets first with interruptions off, so the framework would
 * skip a reply to it, and the stand-in speech-to-text would spend a scripted phrase on it.
 */
export class PreConnectAudio {
  readonly view: PreConnectAudioView = {
    streams: 0,
    mimeType: '',
    trackId: '',
    bytes: 0,
    durationMs: 0,
    loudest: 0,
    buffers: [],
  };

  constructor(room: Room) {
    room.registerByteStreamHandler(PRE_CONNECT_AUDIO_TOPIC, (reader) => {
      this.receive(reader).catch((error: unknown) => {
        // A visitor who hangs up (or an agent that leaves) while the buffer is still on its way
        // cuts the stream: nothing was lost that anyone waits for.
        if (/disconnected/i.test(String(error))) return;
        console.error('[framework-agent] pre-connect audio:', error);
      });
    });
  }

  private async receive(reader: ByteStreamReader): Promise<void> {
    const { info } = reader;
    const receivedAt = Date.now();
    const chunks = await reader.readAll();
    const bytes = Buffer.concat(chunks);
    const frames = await decode(readWebmOpusFrames(bytes));
    const view = this.view;
    view.streams += 1;
    view.mimeType = info.mimeType;
    view.trackId = info.attributes?.trackId ?? '';
    view.bytes += bytes.byteLength;
    let durationMs = 0;
    for (const frame of frames) {
      durationMs += frame.durationMs;
      view.loudest = Math.max(view.loudest, frame.level);
    }
    view.durationMs += durationMs;
    view.buffers.push({ receivedAt, durationMs });
    view.buffers.splice(0, view.buffers.length - 20);
  }
}

async function decode(packets: Uint8Array[]): Promise<HeardFrame[]> {
  if (packets.length === 0) return [];
  const decoder = new OpusDecoder({ channels: 1 });
  await decoder.ready;
  try {
    return packets.map((packet) => {
      const { channelData, samplesDecoded, sampleRate } = decoder.decodeFrame(packet);
      const samples = channelData[0] ?? new Float32Array();
      let sum = 0;
      for (let index = 0; index < samplesDecoded; index += 1) sum += samples[index]! ** 2;
      const level = samplesDecoded ? Math.sqrt(sum / samplesDecoded) : 0;
      return { level, durationMs: (samplesDecoded / sampleRate) * 1000 };
    });
  } finally {
    decoder.free();
  }
}
