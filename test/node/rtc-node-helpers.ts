// Shared by the node tests that run stock @livekit/rtc-node participants against an emulator.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { dispose, type RemoteParticipant } from '@livekit/rtc-node';
import { AccessToken } from 'livekit-server-sdk';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { DEFAULT_LIVEKIT_CREDENTIALS } from '../../emulator/livekit/tokens.js';
import { ToneParticipant } from '../../emulator/livekit/tone-participant.js';

/** Loud enough to be the tone, not silence or comfort noise (the tone's RMS is about 0.17). */
export const AUDIBLE_RMS = 0.02;

export interface Claims {
  name?: string;
  kind?: 'agent';
  attributes?: Record<string, string>;
  metadata?: string;
}

/** The rtc-node participants of one test file, against one emulator. */
export class RtcNodeRig {
  private readonly participants: ToneParticipant[] = [];

  constructor(private readonly emulator: () => RunningEmulator) {}

  async control(action: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.emulator().url}/control/livekit/${action}`, {
      method: body === undefined ? 'GET' : 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(res.status, 200, `control ${action}: ${await res.clone().text()}`);
    return res.json();
  }

  async tokenFor(room: string, identity: string, claims: Claims = {}): Promise<string> {
    const { apiKey, apiSecret } = DEFAULT_LIVEKIT_CREDENTIALS;
    const { kind, ...options } = claims;
    const token = new AccessToken(apiKey, apiSecret, { identity, ttl: 600, ...options });
    if (kind) token.kind = kind;
    token.addGrant({ room, roomJoin: true });
    return token.toJwt();
  }

  /** Connects a new rtc-node participant (its SDK sends the token in an Authorization header). */
  async join(room: string, identity: string, claims?: Claims): Promise<ToneParticipant> {
    const participant = new ToneParticipant();
    this.participants.push(participant);
    const url = this.emulator().url.replace(/^http/, 'ws');
    await participant.connect(url, await this.tokenFor(room, identity, claims));
    return participant;
  }

  /** The emulator's view of one participant, from `GET /control/livekit/rooms`. */
  async view(room: string, identity: string): Promise<ParticipantView | undefined> {
    const { rooms } = (await this.control('rooms')) as { rooms: RoomView[] };
    return rooms.find((r) => r.name === room)?.participants.find((p) => p.identity === identity);
  }

  /** Disconnects every participant and releases rtc-node's FFI, so `node --test` can exit. */
  async close(): Promise<void> {
    await Promise.all(this.participants.map((p) => p.disconnect().catch(() => undefined)));
    await dispose();
  }
}

/**
 * One emulator and one rig for a test file, started before its tests and stopped after them
 * (participants first: rtc-node's FFI keeps the process alive until every room is disconnected).
 * `agents: false` bars the agent from every room, for rooms of rtc-node participants alone.
 */
export function useRtcNodeRig(options: { agents?: boolean } = {}) {
  let emulator: RunningEmulator | undefined;
  const running = () => {
    if (!emulator) throw new Error('the emulator is not started yet');
    return emulator;
  };
  const rig = new RtcNodeRig(running);
  before(async () => {
    emulator = await startEmulator();
    if (options.agents === false) await rig.control('agent-join', { enabled: false });
  });
  after(async () => {
    await rig.close();
    await emulator?.stop();
  });
  return { rig, emulator: running };
}

export interface ParticipantView {
  identity: string;
  sid: string;
  kind: string;
  connection: string;
  signalConnected: boolean;
  tracks: { sid: string; type: string; source: string }[];
  subscribedTrackSids: string[];
}

interface RoomView {
  name: string;
  participants: ParticipantView[];
}

/**
 * Polls a condition (sync or async) until it holds. The generous limit only turns a hang into a
 * failure that says what never happened; nothing is asserted about how long it took.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function hears(listener: ToneParticipant, trackSid: string | undefined): boolean {
  return trackSid !== undefined && (listener.heard.get(trackSid) ?? 0) > AUDIBLE_RMS;
}

export function remote(
  participant: ToneParticipant,
  identity: string,
): RemoteParticipant | undefined {
  return participant.room.remoteParticipants.get(identity);
}
