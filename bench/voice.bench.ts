import { Room } from 'livekit-client';
import { createLiveKitVoiceSession } from '../src/voice/livekit-voice-session.js';
import type { TranscriptUpdate } from '../src/voice/voice-session.js';
import { krosaiFetch, resetEmulator, selectAgent } from '../test/helpers/emulator.js';
import type { BenchTable } from './bench-table.js';
import { AGENT } from './seed-conversation.js';
import { spread } from './stats.js';

const RUNS = 5;
const TRANSCRIPTION_TOPIC = 'lk.transcription';
const CHAT_TOPIC = 'lk.chat';
const TIMEOUT_MS = 30_000;

/** Milliseconds of one call, measured from the start of connecting (chat: from sending). */
interface CallTimings {
  connect: number;
  firstTranscript: number;
  chatRoundTrip: number;
}

/** A fresh conversation (its own room) on the emulator, so no run inherits another's agent. */
async function newRoom(): Promise<{ roomUrl: string; token: string }> {
  const response = await krosaiFetch('/v1/conversations', {
    method: 'POST',
    body: JSON.stringify({ agent_id: AGENT }),
  });
  if (!response.ok) throw new Error(`Creating a conversation answered ${response.status}.`);
  const conversation = (await response.json()) as { room_url: string; token: string };
  return { roomUrl: conversation.room_url, token: conversation.token };
}

/** A promise and its resolve, with a deadline so a stuck call fails the benchmark. */
function signal<T>(what: string) {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}.`)), TIMEOUT_MS);
  promise.finally(() => clearTimeout(timer)).catch(() => {});
  return { promise, resolve };
}

const isReply = (text: string) => text.startsWith('You said');

/** livekit-client alone: what any LiveKit page pays, for comparison. */
async function bareCall(run: number): Promise<CallTimings> {
  const { roomUrl, token } = await newRoom();
  const room = new Room({ adaptiveStream: false, dynacast: false });
  const firstTranscript = signal<number>('the first agent transcript');
  const greeted = signal<void>('the end of the greeting');
  const replied = signal<number>('the final reply');
  room.registerTextStreamHandler(TRANSCRIPTION_TOPIC, async (reader, sender) => {
    if (!sender.identity.startsWith('agent')) return;
    firstTranscript.resolve(performance.now());
    const text = await reader.readAll();
    if (reader.info.attributes?.['lk.transcription_final'] !== 'true') return;
    if (isReply(text)) replied.resolve(performance.now());
    else greeted.resolve();
  });
  try {
    const started = performance.now();
    await room.connect(roomUrl, token);
    await room.localParticipant.setMicrophoneEnabled(true);
    const connected = performance.now();
    const transcriptAt = await firstTranscript.promise;
    await greeted.promise;
    const sent = performance.now();
    await room.localParticipant.sendText(`Bare run ${run}`, { topic: CHAT_TOPIC });
    const repliedAt = await replied.promise;
    return {
      connect: connected - started,
      firstTranscript: transcriptAt - started,
      chatRoundTrip: repliedAt - sent,
    };
  } finally {
    await room.disconnect();
  }
}

/** Our session, as the element drives it: prepare() (on hover), then connect() (on click). */
async function sessionCall(run: number): Promise<CallTimings> {
  const { roomUrl, token } = await newRoom();
  const session = createLiveKitVoiceSession();
  const firstTranscript = signal<number>('the first agent transcript');
  const greeted = signal<void>('the end of the greeting');
  const replied = signal<number>('the final reply');
  const connectedState = signal<number>('the call to be connected');
  const onTranscript = (update: TranscriptUpdate) => {
    if (update.role !== 'assistant') return;
    firstTranscript.resolve(performance.now());
    if (!update.final) return;
    if (isReply(update.text)) replied.resolve(performance.now());
    else greeted.resolve();
  };
  const unsubscribe = session.subscribe((event) => {
    if (event.type === 'transcript') onTranscript(event.update);
    if (event.type === 'call-state' && event.state === 'connected') {
      connectedState.resolve(performance.now());
    }
  });
  try {
    const started = performance.now();
    await session.prepare(roomUrl);
    await session.connect({ roomUrl, token });
    const connected = performance.now();
    const transcriptAt = await firstTranscript.promise;
    await Promise.all([greeted.promise, connectedState.promise]);
    const sent = performance.now();
    await session.sendText(`Session run ${run}`);
    const repliedAt = await replied.promise;
    return {
      connect: connected - started,
      firstTranscript: transcriptAt - started,
      chatRoundTrip: repliedAt - sent,
    };
  } finally {
    await session.disconnect();
    unsubscribe();
  }
}

/** Runs one kind of call RUNS times, strictly one after another, each in a clean emulator. */
async function repeat(call: (run: number) => Promise<CallTimings>): Promise<CallTimings[]> {
  const timings: CallTimings[] = [];
  for (let run = 0; run < RUNS; run++) {
    await resetScripted();
    timings.push(await call(run));
  }
  await resetEmulator();
  return timings;
}

function row(name: string, timings: CallTimings[]): Record<string, string> {
  return {
    call: name,
    'connect ms': spread(timings.map((t) => t.connect)),
    'first agent transcript ms': spread(timings.map((t) => t.firstTranscript)),
    'lk.chat to final reply ms': spread(timings.map((t) => t.chatRoundTrip)),
  };
}

export async function run(): Promise<BenchTable[]> {
  // A warm-up call, not counted: the first one pays for loading livekit-client's code paths.
  await warmUp();
  const bare = await repeat(bareCall);
  const ours = await repeat(sessionCall);
  return [
    {
      title: `Voice call against the emulator (median (min-max) of ${RUNS} sequential runs)`,
      rows: [
        row('livekit-client: Room.connect + setMicrophoneEnabled(true)', bare),
        row('createLiveKitVoiceSession(): prepare() + connect()', ours),
      ],
      notes: [
        'connect: until the call is joined with the microphone published (our connect() also takes the fake microphone and its level meter).',
        'first agent transcript: from the start of connecting to the first lk.transcription stream of the greeting.',
        'lk.chat round trip: sent after the greeting ends, until the final transcript of the agent reply ("You said …").',
        "The emulator's scripted agent waits on purpose (500 ms before greeting; 400 ms thinking and 150 ms per interim transcript before a reply): what is above those is transport and client time.",
        'Each run uses a new conversation (room) and disconnects before the next; the emulator is reset in between.',
      ],
    },
  ];
}

/** A clean emulator with the scripted agent, whose replies this module waits for ("You said …"). */
async function resetScripted(): Promise<void> {
  await resetEmulator();
  await selectAgent('scripted');
}

async function warmUp(): Promise<void> {
  await resetScripted();
  await sessionCall(-1);
}
