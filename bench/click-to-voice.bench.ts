// Click → connected and click → first agent audio, the widget beside bare livekit-client, cold
// (first call in a fresh document) and warm (second call in it), against the emulator's agent.
import { resetEmulator } from '../test/helpers/emulator.js';
import type { BenchTable } from './bench-table.js';
import type { ClickTimings } from './call-frame.js';
import { median, spread } from './stats.js';

const RUNS = 5;
const CLIENTS = ['bare', 'widget'] as const;
type Client = (typeof CLIENTS)[number];

interface FrameResult {
  cold: ClickTimings;
  warm: ClickTimings;
}

/** Runs bench/call-frame.html in a new iframe (an empty module map) and returns its timings. */
function frameRun(client: Client): Promise<FrameResult> {
  const frame = document.createElement('iframe');
  frame.allow = 'microphone; autoplay';
  frame.src = `/bench/call-frame.html?client=${client}`;
  return new Promise<FrameResult>((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      const data = event.data as FrameResult | { error: string };
      if ('error' in data) reject(new Error(`${client}: ${data.error}`));
      else resolve(data);
    };
    window.addEventListener('message', onMessage);
    document.body.append(frame);
  });
}

type Metric = keyof ClickTimings;
const METRIC_NAMES: Record<Metric, string> = {
  connected: 'connected',
  firstAgentAudio: 'first agent audio',
  visitorAudioFrom: 'visitor speech the agent gets',
};
type Phase = keyof FrameResult;

function cell(results: FrameResult[], phase: Phase, metric: Metric): string {
  return spread(results.map((result) => result[phase][metric]));
}

function ratio(ours: FrameResult[], bare: FrameResult[], phase: Phase, metric: Metric): string {
  const of = (results: FrameResult[]) => median(results.map((result) => result[phase][metric]));
  return `${(of(ours) / of(bare)).toFixed(2)}x`;
}

export async function run(): Promise<BenchTable[]> {
  const results: Record<Client, FrameResult[]> = { bare: [], widget: [] };
  // Round-robin, so a slow moment of the machine falls on both clients alike.
  for (let i = 0; i < RUNS; i++) {
    for (const client of CLIENTS) {
      await resetEmulator();
      results[client].push(await frameRun(client));
    }
  }
  await resetEmulator();
  const rows = (['cold', 'warm'] as const).flatMap((phase) =>
    (['connected', 'firstAgentAudio', 'visitorAudioFrom'] as const).map((metric) => ({
      call: phase,
      'from the click to': METRIC_NAMES[metric],
      'livekit-client ms': cell(results.bare, phase, metric),
      'widget ms': cell(results.widget, phase, metric),
      'widget / livekit-client': ratio(results.widget, results.bare, phase, metric),
    })),
  );
  return [
    {
      title: `Click to voice against the emulator's agent (median (min-max) of ${RUNS} runs each)`,
      rows,
      notes: [
        'cold: the first call in a fresh document (an iframe: empty module map, warm HTTP cache); warm: the second call in the same document.',
        'widget: the built dist/krosai-conversation.js in dev mode (api-key), clicking its microphone button; it creates the conversation on the first click and fetches a fresh token on the second.',
        'livekit-client: import("livekit-client"), POST /v1/conversations (GET with a fresh token on the second call), Room.connect, setMicrophoneEnabled(true), until the agent is in the room (what the widget calls connected).',
        "first agent audio: received audio energy (getStats totalAudioEnergy of the page's own PeerConnections) first grows, polled every 10 ms.",
        "visitor speech the agent gets: from when on the framework agent has what the visitor said (agent-view): its live audio's start, less the pre-connect buffer's length where one came (the widget records it from the microphone's opening; bare livekit-client publishes without it). Lower is less speech lost after the click.",
      ],
    },
  ];
}
