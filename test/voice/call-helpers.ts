import { waitUntil } from '@open-wc/testing';
import type { KrosaiError } from '../../src/errors.js';
import type {
  CallState,
  VoiceConnectOptions,
  VoiceSession,
  VoiceSessionEvent,
} from '../../src/voice/voice-session.js';
import { krosaiFetch, type RoomTicket, roomView } from '../helpers/emulator.js';

/** The documented way to a fresh token: get the conversation again. */
export async function freshToken(conversationId: string): Promise<string> {
  const response = await krosaiFetch(`/v1/conversations/${conversationId}`);
  const body = (await response.json()) as RoomTicket;
  return body.token;
}

export function connectOptions(
  conversation: RoomTicket,
  extra: Partial<VoiceConnectOptions> = {},
): VoiceConnectOptions {
  return {
    roomUrl: conversation.room_url,
    token: conversation.token,
    refreshToken: () => freshToken(conversation.id),
    ...extra,
  };
}

/** Everything a session reported, for assertions after the fact. */
export class EventLog {
  readonly events: VoiceSessionEvent[] = [];
  readonly stop: () => void;

  constructor(session: VoiceSession) {
    this.stop = session.subscribe((event) => this.events.push(event));
  }

  callStates(): Array<{ state: CallState; reason?: string }> {
    return this.events.flatMap((event) =>
      event.type === 'call-state' ? [{ state: event.state, reason: event.reason }] : [],
    );
  }

  agentStates(): string[] {
    return this.events.flatMap((event) => (event.type === 'agent-state' ? [event.state] : []));
  }

  transcripts() {
    return this.events.flatMap((event) => (event.type === 'transcript' ? [event.update] : []));
  }

  errors() {
    return this.events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
  }

  /** Where the log is now: pass it as `after` to wait only for what happens next. */
  mark(): number {
    return this.events.length;
  }

  /** Waits until some event satisfies the predicate; generous, because the machine is shared. */
  async waitFor(
    what: string,
    predicate: (event: VoiceSessionEvent) => boolean,
    { after = 0, timeout = 15000 }: { after?: number; timeout?: number } = {},
  ): Promise<VoiceSessionEvent> {
    const find = () => this.events.slice(after).find(predicate);
    await waitUntil(() => find() !== undefined, `waiting for ${what}`, { timeout, interval: 50 });
    return find()!;
  }

  waitForCallState(state: CallState, options?: { after?: number; timeout?: number }) {
    return this.waitFor(
      `call state ${state}`,
      (event) => event.type === 'call-state' && event.state === state,
      options,
    );
  }
}

/**
 * Watches the real getUserMedia and keeps every track it hands out, so a test can check that
 * nothing is left capturing after a call. Call the returned `restore()` in afterEach.
 */
export function watchMicrophoneTracks(devices: MediaDevices = navigator.mediaDevices): {
  tracks: MediaStreamTrack[];
  restore(): void;
} {
  const original = devices.getUserMedia;
  const tracks: MediaStreamTrack[] = [];
  devices.getUserMedia = async function (this: MediaDevices, constraints) {
    const stream = await original.call(this, constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
  return {
    tracks,
    restore() {
      devices.getUserMedia = original;
    },
  };
}

/** The error `promise` rejects with, or undefined when it resolves. */
export function failureOf(promise: Promise<unknown>): Promise<KrosaiError | undefined> {
  return promise.then(
    () => undefined,
    (error: KrosaiError) => error,
  );
}

/** How many microphones the room's visitors publish, as the emulator sees them. */
export async function microphonesIn(roomName: string): Promise<number> {
  const participants = (await roomView(roomName))?.participants ?? [];
  return participants
    .filter((participant) => participant.kind === 'user')
    .reduce((sum, visitor) => sum + (visitor.microphoneTrackSids?.length ?? 0), 0);
}

/** How many visitors the emulator sees in the room. */
export async function visitorsIn(roomName: string): Promise<number> {
  return (await roomView(roomName))?.participants.filter((p) => p.kind === 'user').length ?? 0;
}

/** Waits until no visitor is left in the room: the call (or a cancelled join) left it. */
export function noVisitorLeft(roomName: string): Promise<void> {
  return waitUntil(async () => (await visitorsIn(roomName)) === 0, 'no visitor in the room', {
    timeout: 15000,
  });
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Collects unhandled promise rejections, so a test can show a call leaves none behind. */
export function watchUnhandledRejections(): { reasons: unknown[]; restore(): void } {
  const reasons: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent) => reasons.push(event.reason);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    reasons,
    restore() {
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}
