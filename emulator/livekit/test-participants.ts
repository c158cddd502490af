import type { LiveKitCredentials } from './tokens.js';
import { mintRoomToken } from './tokens.js';
import type { ToneParticipant } from './tone-participant.js';

/** What `/control/livekit/test-participant` asks for. */
export interface TestParticipantRequest {
  room: string;
  identity: string;
  kind: 'standard' | 'agent';
  frequencyHz: number;
}

/**
 * Stock `@livekit/rtc-node` participants the emulator starts in its own process, each publishing
 * a tone and measuring what it hears: a test can prove that a page's microphone reaches a real
 * LiveKit SDK participant and that its audio reaches the page. rtc-node is imported on first use
 * only, so an emulator that never starts one never loads its native library.
 */
export class TestParticipants {
  private readonly running = new Map<string, { participant: ToneParticipant; trackSid: string }>();

  constructor(private readonly credentials: LiveKitCredentials) {}

  /** Connects to `url` (the emulator itself) and publishes the tone; resolves once published. */
  async start(url: string, request: TestParticipantRequest): Promise<TestParticipantView> {
    const key = keyOf(request.room, request.identity);
    if (this.running.has(key))
      throw new Error(`test participant "${request.identity}" runs already`);
    const { ToneParticipant } = await import('./tone-participant.js');
    const participant = new ToneParticipant(request.frequencyHz);
    const token = await mintRoomToken(this.credentials, request.room, request.identity, 600, {
      kind: request.kind,
      name: request.identity,
    });
    try {
      await participant.connect(url, token);
      const trackSid = await participant.publishTone();
      this.running.set(key, { participant, trackSid });
      return this.view(request.room, request.identity);
    } catch (error) {
      await participant.disconnect().catch(() => undefined);
      throw error;
    }
  }

  view(room: string, identity: string): TestParticipantView {
    const entry = this.running.get(keyOf(room, identity));
    if (!entry) throw new Error(`no test participant "${identity}" in room "${room}"`);
    const { participant, trackSid } = entry;
    return {
      identity,
      sid: participant.room.localParticipant?.sid ?? '',
      connected: participant.room.isConnected,
      trackSid,
      subscribed: participant.subscribedLocal.has(trackSid),
      heard: Object.fromEntries(participant.heard),
      audibleFrames: Object.fromEntries(participant.audibleFrames),
    };
  }

  async stop(room: string, identity: string): Promise<void> {
    const key = keyOf(room, identity);
    const entry = this.running.get(key);
    if (!entry) throw new Error(`no test participant "${identity}" in room "${room}"`);
    this.running.delete(key);
    await entry.participant.disconnect();
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(
      all.map(({ participant }) => participant.disconnect().catch(() => undefined)),
    );
  }
}

/** A test participant as `/control/livekit/test-participant` reports it. */
export interface TestParticipantView {
  identity: string;
  sid: string;
  connected: boolean;
  /** Its tone track. */
  trackSid: string;
  /** Whether the server told it that its tone has a subscriber (`trackSubscribed`). */
  subscribed: boolean;
  /** Loudest RMS (0…1) heard so far, per remote audio track sid. */
  heard: Record<string, number>;
  /** Audible 10 ms frames received so far, per remote audio track sid (grows while sound flows). */
  audibleFrames: Record<string, number>;
}

function keyOf(room: string, identity: string): string {
  return `${room}\n${identity}`;
}
