import type { KrosaiError } from '../errors.js';
import type { KrosaiLogLevel } from './log-level.js';

/** The call as the visitor sees it. */
export type CallState =
  /** No call. */
  | 'idle'
  /** Loading the voice code, getting the microphone, joining the room. */
  | 'connecting'
  /** In the room; the agent has not joined yet. */
  | 'waiting-for-agent'
  /** Talking with the agent. */
  | 'connected'
  /** The connection dropped; trying to resume. */
  | 'reconnecting'
  /** The call is over (hung up, kicked, or not recoverable). */
  | 'ended'
  /** The call failed; the error event says why. */
  | 'error';

/** The agent's `lk.agent.state`, or `unknown` before it joins or for a value we do not know. */
export type AgentState =
  | 'initializing'
  | 'idle'
  | 'listening'
  | 'thinking'
  | 'speaking'
  | 'unknown';

/** One update of a transcript segment (`lk.segment_id`): interim text is replaced, final frozen. */
export interface TranscriptUpdate {
  segmentId: string;
  role: 'user' | 'assistant';
  text: string;
  final: boolean;
  /** When the segment started, epoch milliseconds. */
  timestamp: number;
}

/**
 * Why a call that was up became `ended` (the `reason` of its call-state event). A failed connect
 * or a missing agent is `error` instead, with a KrosaiError.
 */
export type CallEndReason =
  /** The visitor (or the page, via `disconnect()`) hung up. */
  | 'hung-up'
  /** The server removed this participant (a kick). */
  | 'kicked'
  /** The room was closed or deleted on the server. */
  | 'room-closed'
  /** Another tab took the call over, or the same visitor joined from elsewhere. */
  | 'call-elsewhere'
  /** The connection dropped and could not be resumed (an `error` event tells the visitor first). */
  | 'connection-lost'
  /** A text conversation left its room after a quiet while; the next message rejoins it. */
  | 'idle'
  /** The element was removed from the page, moved, or pointed at another agent. */
  | 'removed';

export type VoiceSessionEvent =
  /** `reason`: a CallEndReason with `ended`, the KrosaiError's reason with `error`. */
  | { type: 'call-state'; state: CallState; reason?: string }
  | { type: 'agent-state'; state: AgentState }
  | { type: 'transcript'; update: TranscriptUpdate }
  | { type: 'muted'; muted: boolean }
  /** The microphone was published (true) or unpublished (false) in the joined room. */
  | { type: 'microphone'; enabled: boolean }
  /**
   * The microphone in use changed: the visitor picked `deviceId` (undefined: the system's
   * default), or, with `fallback`, the one picked went away (unplugged) and the default took over.
   */
  | { type: 'microphone-device'; deviceId: string | undefined; fallback: boolean }
  /** The browser blocked the agent's audio until a visitor gesture: call `startAudio()` then. */
  | { type: 'audio-blocked'; blocked: boolean }
  | { type: 'error'; error: KrosaiError };

export interface VoiceConnectOptions {
  roomUrl: string;
  token: string;
  /** Called once when the token is expired or rejected; resolves a fresh one. */
  refreshToken?: () => Promise<string>;
  /** How long to wait for the agent before failing with `agent-unavailable`. */
  agentJoinTimeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Web Lock that makes this the only call of the conversation across tabs (see
   * `callLockName()` in call-lock.ts). When another tab holds it, connect fails with
   * `call-elsewhere` unless `takeOver` is set; a call taken over ends with reason `call-elsewhere`.
   */
  lockName?: string;
  /** Take the call over from the tab that holds `lockName`. */
  takeOver?: boolean;
  /** A microphone the visitor picked; a device that is gone fails with `mic-missing`. */
  microphoneDeviceId?: string;
  /**
   * Publish the microphone (default true). `false` joins to type: no permission prompt and no
   * microphone track; the agent's audio is still subscribed (the agent speaks, and publishes its
   * transcript, only once it is), and plays only after `setSpeakerEnabled(true)`.
   */
  microphone?: boolean;
}

/**
 * A voice call with the agent. The LiveKit implementation (livekit-voice-session.ts) is the only
 * code that imports livekit-client; element tests use a fake.
 */
export interface VoiceSession {
  readonly callState: CallState;
  readonly agentState: AgentState;
  readonly muted: boolean;

  /** Loads and warms up what a call needs (on hover or focus of the microphone button). */
  prepare(roomUrl?: string): Promise<void>;
  /**
   * Joins the room and publishes the microphone (unless `microphone: false`). Rejects with a KrosaiError: after an `error`
   * event when the call failed; as `aborted` (state `ended`, no error event) when `disconnect()`
   * or the signal stopped it; as `call-elsewhere` when another tab holds or took the call.
   */
  connect(options: VoiceConnectOptions): Promise<void>;
  /** Hangs up and releases every track. Safe to call at any time, more than once. */
  disconnect(): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  /** Sends typed text to the agent (`lk.chat`). */
  sendText(text: string): Promise<void>;
  /**
   * Publishes (true) or unpublishes (false) the microphone in the joined room, turning a text
   * conversation into a voice call and back without leaving it; emits `microphone`. Rejects
   * with `mic-denied`, `mic-missing` or `mic-busy` and stays in the room, microphone off. Only
   * once joined; turning it on when it is on (or off when off) does nothing.
   */
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  /**
   * Plays (true) or silences (false) the agent's audio; it stays subscribed either way. Voice
   * calls start with it on, text conversations (`microphone: false`) with it off. Turning it on
   * where the browser blocks playback unlocks it as `startAudio()` does (from a visitor gesture).
   */
  setSpeakerEnabled(enabled: boolean): Promise<void>;
  /**
   * Switches the call's microphone to `deviceId` (undefined: the system's default) without
   * leaving the room or republishing; before a call, the next connect uses it. Rejects with
   * `mic-missing` when that device is gone (the call keeps the one it had). Optional: a session
   * without it keeps the microphone it opened.
   */
  setMicrophoneDevice?(deviceId: string | undefined): Promise<void>;
  /** Resumes playback after an autoplay block; call from a visitor gesture. */
  startAudio(): Promise<void>;
  /**
   * Current input (microphone) and output (agent) levels, 0…1, for the meters; `bands(count)`,
   * where the session has it, splits the agent's voice into frequency bands for the visualiser.
   */
  levels(): { input: number; output: number };
  agentBands?(count: number): number[];
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: VoiceSessionEvent) => void): () => void;
}

/** What the element hands the factory when it creates a call's session. */
export interface VoiceSessionOptions {
  /** livekit-client's console output (the element's `log-level`; default `warn`). */
  logLevel?: KrosaiLogLevel;
}

export type VoiceSessionFactory = (options?: VoiceSessionOptions) => Promise<VoiceSession>;
