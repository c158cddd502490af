import { voice } from '@livekit/agents';
import { ParticipantKind, type RemoteParticipant, Room, RoomEvent } from '@livekit/rtc-node';
import { ScriptedLLM } from './llm.js';
import { PreConnectAudio, type PreConnectAudioView } from './pre-connect-audio.js';
import type { SpeechSynthesizer } from './speech.js';
import { ScriptedSTT } from './stt.js';
import { EspeakTTS } from './tts.js';

/**
 * How long the agent stays in a room without any visitor, so a visitor's full rejoin finds the
 * same agent and the same conversation, as a job outlives a brief departure.
 */
const ALONE_GRACE_MS = 10_000;

/**
 * How long leaving may take. A session cut mid-speech has been seen never to finish closing;
 * the emulator's reset waits for every agent to leave, so an agent gives up after this.
 */
const CLOSE_LIMIT_MS = 5_000;

/** Waits for `work`, or rejects once `limitMs` have passed without it settling. */
function settlesWithin(work: Promise<unknown> | undefined, limitMs: number, what: string) {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${limitMs} ms`)), limitMs);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export interface FrameworkAgentOptions {
  /** The emulator's own LiveKit URL, `ws://host:port`. */
  url: string;
  /** A token for the room, of kind agent. */
  token: string;
  synthesizer: SpeechSynthesizer;
  /** Called once the agent has left the room, whatever the reason. */
  onGone(): void;
}

/** Greets as soon as it enters, through the LLM, as a KrosAI agent's instructions make it do. */
class GreetingAgent extends voice.Agent {
  constructor() {
    super({ instructions: "You are the KrosAI emulator's agent. Greet the visitor first." });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply();
  }
}

/**
 * One real `voice.AgentSession` of `@livekit/agents`, in this process, joined to one room through
 * `@livekit/rtc-node` like any other participant, with the emulator's stand-in models.
 */
export class FrameworkAgent {
  private readonly room = new Room();
  /** Registered before joining: the page sends its buffer as soon as the agent is active. */
  private readonly preConnect = new PreConnectAudio(this.room);
  private readonly stt = new ScriptedSTT();
  private session: voice.AgentSession | undefined;
  private aloneTimer: NodeJS.Timeout | undefined;
  private gone = false;

  constructor(private readonly options: FrameworkAgentOptions) {}

  /** Joins the room and starts the session; resolves once the agent is listening. */
  async start(): Promise<void> {
    this.room.on(RoomEvent.Disconnected, () => void this.leave());
    this.room.on(RoomEvent.ParticipantConnected, () => this.watchVisitors());
    this.room.on(RoomEvent.ParticipantDisconnected, () => this.watchVisitors());
    await this.room.connect(this.options.url, this.options.token, {
      autoSubscribe: true,
      dynacast: false,
    });
    if (this.gone) return;
    const session = new voice.AgentSession({
      stt: this.stt,
      llm: new ScriptedLLM(),
      tts: new EspeakTTS(this.options.synthesizer),
      // The STT detects speech itself and ends turns; no VAD model, no turn-detector model.
      vad: null,
      turnHandling: {
        turnDetection: 'stt',
        // A test microphone beeps all the time: while the agent speaks, it does not listen.
        interruption: { enabled: false, mode: 'vad' },
        preemptiveGeneration: { enabled: false },
      },
    });
    this.session = session;
    session.on(voice.AgentSessionEventTypes.Close, () => void this.leave());
    await session.start({
      agent: new GreetingAgent(),
      room: this.room,
      inputOptions: { textInputCallback: answerTypedText },
    });
    this.watchVisitors();
  }

  /** The participants this agent's room knows, as rtc-node reports them (identity and sid). */
  seenParticipants(): { identity: string; sid: string }[] {
    return [...this.room.remoteParticipants.values()].map(({ identity, sid }) => ({
      identity,
      sid: sid ?? '',
    }));
  }

  /** The pre-connect audio this agent received from visitors (see pre-connect-audio.ts). */
  preConnectAudio(): PreConnectAudioView {
    return { ...this.preConnect.view, buffers: [...this.preConnect.view.buffers] };
  }

  /** When live visitor audio started reaching its speech-to-text (epoch ms; see ScriptedSTT). */
  liveAudioStarts(): number[] {
    return [...this.stt.audioStarts];
  }

  /** Ends the session and leaves the room (idempotent). */
  async leave(): Promise<void> {
    if (this.gone) return;
    this.gone = true;
    clearTimeout(this.aloneTimer);
    try {
      await settlesWithin(this.session?.close(), CLOSE_LIMIT_MS, 'closing the session');
    } catch (error) {
      console.error('[framework-agent] closing the session failed:', error);
    }
    await settlesWithin(this.room.disconnect(), CLOSE_LIMIT_MS, 'leaving the room').catch(
      (error: unknown) => console.error('[framework-agent]', error),
    );
    this.options.onGone();
  }

  /** Leaves after `ALONE_GRACE_MS` without a visitor in the room; a visitor coming back stays it. */
  private watchVisitors(): void {
    if (this.gone) return;
    const visitors = [...this.room.remoteParticipants.values()].filter(isVisitor);
    clearTimeout(this.aloneTimer);
    this.aloneTimer = undefined;
    if (visitors.length === 0) {
      this.aloneTimer = setTimeout(() => void this.leave(), ALONE_GRACE_MS);
    }
  }
}

/**
 * Typed text interrupts the agent and gets a reply, as the framework's default callback does; with
 * voice interruptions turned off, that takes `force`.
 */
const answerTypedText: voice.TextInputCallback = (session, event) => {
  session.interrupt({ force: true });
  session.generateReply({ userInput: event.text });
};

function isVisitor(participant: RemoteParticipant): boolean {
  return participant.kind !== ParticipantKind.AGENT;
}
