// One cold and one warm call in a fresh document (bench/call-frame.html), for
// click-to-voice.bench.ts. A fresh iframe has an empty module map, so its first call pays for
// loading and evaluating the call's code, as on a real page view; the second is warm.
//
// `?client=widget` clicks the built widget's microphone button (dist/, as a site ships it);
// `?client=bare` runs livekit-client alone: create the conversation, Room.connect, publish the
// microphone, play the agent. Both are timed from the click (or its equivalent) to the call being
// connected and to the first agent audio with energy, read from the page's own PeerConnections.
import { control, krosaiFetch } from '../test/helpers/emulator.js';
import { AGENT } from './seed-conversation.js';

/**
 * Milliseconds from the click: to `connected`, to the first agent audio with energy, and to the
 * earliest moment of the visitor's speech that reaches the agent (see visitorAudioFrom).
 */
export interface ClickTimings {
  connected: number;
  firstAgentAudio: number;
  visitorAudioFrom: number;
}

interface AgentView {
  preConnectAudio?: { buffers: { receivedAt: number; durationMs: number }[] };
  liveAudioStarts?: number[];
}

/**
 * Epoch ms from which the framework agent of `room` has the visitor's speech, for a call whose
 * click was at `since`: the start of its live audio or, with a pre-connect buffer, that start less
 * the buffer's length (the buffer records until the agent subscribes to the live track).
 */
async function visitorAudioFrom(room: string, since: number): Promise<number> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (performance.now() < deadline) {
    const view = await control<AgentView>(
      `/control/livekit/agent-view?room=${encodeURIComponent(room)}`,
      undefined,
      'GET',
    ).catch(() => undefined);
    const live = view?.liveAudioStarts?.find((at) => at >= since);
    if (live !== undefined) {
      const buffer = view?.preConnectAudio?.buffers.find((b) => b.receivedAt >= since);
      return buffer ? Math.min(live, buffer.receivedAt) - buffer.durationMs : live;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('Timed out waiting for the agent to hear the visitor.');
}

const TIMEOUT_MS = 30_000;

/** Every PeerConnection the page makes, so either client's incoming audio can be measured. */
const connections: RTCPeerConnection[] = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    connections.push(this);
  }
};

/** Total energy of the audio received since the page loaded, over every connection. */
async function receivedAudioEnergy(): Promise<number> {
  let energy = 0;
  for (const connection of connections) {
    if (connection.connectionState === 'closed') continue;
    const stats = await connection.getStats();
    stats.forEach((report: { type: string; kind?: string; totalAudioEnergy?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        energy += report.totalAudioEnergy ?? 0;
      }
    });
  }
  return energy;
}

/** Resolves with the time at which received audio energy first grows past `before`. */
async function firstAudioAfter(before: number): Promise<number> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (performance.now() < deadline) {
    if ((await receivedAudioEnergy()) > before) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('Timed out waiting for the agent audio.');
}

async function untilTrue(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let bareConversationId: string | undefined;

async function bareCall(): Promise<ClickTimings> {
  const energyBefore = await receivedAudioEnergy();
  const clicked = performance.now();
  const clickedAt = Date.now();
  const { Room, RoomEvent, Track } = await import('livekit-client');
  // As the widget does: create the conversation on the first call, resume it (fresh token) after.
  const response = bareConversationId
    ? await krosaiFetch(`/v1/conversations/${bareConversationId}`)
    : await krosaiFetch('/v1/conversations', {
        method: 'POST',
        body: JSON.stringify({ agent_id: AGENT }),
      });
  const { id, room_url, token } = (await response.json()) as {
    id: string;
    room_url: string;
    token: string;
  };
  bareConversationId = id;
  const room = new Room();
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind === Track.Kind.Audio) document.body.append(track.attach());
  });
  const audio = firstAudioAfter(energyBefore);
  await room.connect(room_url, token);
  await room.localParticipant.setMicrophoneEnabled(true);
  // The widget says `connected` once the agent is in the room: the same point here.
  await untilTrue(
    () => [...room.remoteParticipants.values()].some((p) => p.isAgent),
    'the agent to join',
  );
  const connected = performance.now() - clicked;
  const firstAgentAudio = (await audio) - clicked;
  const heardFrom = (await visitorAudioFrom(`conv_${id}`, clickedAt)) - clickedAt;
  await room.disconnect();
  return { connected, firstAgentAudio, visitorAudioFrom: heardFrom };
}

let widget: HTMLElement | undefined;

async function widgetCall(): Promise<ClickTimings> {
  if (!widget) {
    const { url, apiKey } = (await (await fetch('/__emulator.json')).json()) as {
      url: string;
      apiKey: string;
    };
    // The built bundle, as a site's script tag loads it: main module now, voice chunk on click.
    await import(/* @vite-ignore */ `${location.origin}/dist/krosai-conversation.js`);
    widget = document.createElement('krosai-conversation');
    for (const [name, value] of Object.entries({
      'agent-id': AGENT,
      'api-base': url,
      'api-key': apiKey,
      namespace: `bench-${crypto.randomUUID()}`,
      locale: 'en',
    })) {
      widget.setAttribute(name, value);
    }
    document.body.append(widget);
  }
  const el = widget;
  const micButton = () => el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="mic-button"]');
  await untilTrue(() => Boolean(micButton()), 'the microphone button');
  let connectedAt = 0;
  let ended = false;
  const onState = (event: Event) => {
    const state = (event as Event & { state: string }).state;
    if (state === 'connected' && !connectedAt) connectedAt = performance.now();
    if (state === 'ended') ended = true;
  };
  el.addEventListener('krosai-call-state', onState);
  const energyBefore = await receivedAudioEnergy();
  const clicked = performance.now();
  const clickedAt = Date.now();
  micButton()!.click();
  const audio = firstAudioAfter(energyBefore);
  await untilTrue(() => connectedAt > 0, 'the call to connect');
  const firstAgentAudio = (await audio) - clicked;
  const room = `conv_${(el as HTMLElement & { conversationId: string }).conversationId}`;
  const heardFrom = (await visitorAudioFrom(room, clickedAt)) - clickedAt;
  (el as HTMLElement & { end(): Promise<void> }).end();
  await untilTrue(() => ended, 'the call to end');
  el.removeEventListener('krosai-call-state', onState);
  return { connected: connectedAt - clicked, firstAgentAudio, visitorAudioFrom: heardFrom };
}

async function main(): Promise<void> {
  const client = new URLSearchParams(location.search).get('client');
  const call = client === 'bare' ? bareCall : widgetCall;
  try {
    const cold = await call();
    const warm = await call();
    parent.postMessage({ cold, warm }, location.origin);
  } catch (error) {
    parent.postMessage({ error: String(error) }, location.origin);
  }
}

void main();
