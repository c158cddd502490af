// "Speak at once": what the visitor says between the click and the agent's arrival reaches the
// real LiveKit Agents framework agent of the emulator. livekit-client records the microphone from
// the moment it opens (its pre-connect buffer) and, once the agent is active, sends the recording
// as an `lk.agent.pre-connect-audio-buffer` byte stream; the emulator's agent receives and decodes
// it (emulator/agent/framework/pre-connect-audio.ts) and reports what it got in its agent view.
// Chromium's fake microphone beeps only now and then and the emulator's agent can arrive sooner,
// so the agent is held back until the visitor's microphone has demonstrably picked up a whole beep
// while recording into the buffer; only then is it dispatched.
import { expect, waitUntil } from '@open-wc/testing';
import { VOICE_LEVEL } from '../../emulator/agent/framework/utterances.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import type { VoiceSession, VoiceSessionFactory } from '../../src/voice/voice-session.js';
import { shadow } from '../element/widget.js';
import { control, roomView, selectAgent } from '../helpers/emulator.js';
import { micButton, roomOf, untilCallShows, useLiveWidgets } from '../helpers/widget-call.js';
import { AGENT_TIMEOUT } from './real-agent-helpers.js';

interface PreConnectView {
  streams: number;
  mimeType: string;
  trackId: string;
  bytes: number;
  durationMs: number;
  loudest: number;
}

/** VOICE_LEVEL (RMS, a fraction of full scale) on the widget's meter scale (-60…0 dBFS as 0…1). */
const VOICE_ON_METER = (20 * Math.log10(VOICE_LEVEL) + 60) / 60;

const agentView = (room: string) =>
  control<{ preConnectAudio?: PreConnectView }>(
    `/control/livekit/agent-view?room=${encodeURIComponent(room)}`,
    undefined,
    'GET',
  ).catch(() => ({}) as { preConnectAudio?: PreConnectView });

/** The real LiveKit session, kept at hand so the test can read the visitor's microphone level. */
function recordingSession() {
  let session: VoiceSession | undefined;
  const factory: VoiceSessionFactory = async () => {
    const module = await import('../../src/voice/livekit-voice-session.js');
    session = module.createLiveKitVoiceSession();
    return session;
  };
  return { factory, inputLevel: () => session?.levels().input ?? 0 };
}

/**
 * Resolves once the microphone level crosses `level` (`above`, or below), sampled every animation
 * frame (each reads the analyser's last ~21 ms, so a 20 ms beep is not stepped over).
 */
function untilLevel(
  inputLevel: () => number,
  level: number,
  above: boolean,
  timeout: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let frame = 0;
    const timer = setTimeout(() => {
      cancelAnimationFrame(frame);
      reject(new Error(`the microphone level never went ${above ? 'above' : 'below'} ${level}`));
    }, timeout);
    const look = () => {
      if (inputLevel() > level === above) {
        clearTimeout(timer);
        resolve();
      } else frame = requestAnimationFrame(look);
    };
    look();
  });
}

/** The highest bar the agent's visualiser drew (a MutationObserver sees every frame's write). */
function watchVisualiser(el: KrosaiConversation) {
  let highest = 0;
  const observer = new MutationObserver(() => {
    for (const bar of shadow(el).querySelectorAll<HTMLElement>('[part~="visualiser-bar"]')) {
      highest = Math.max(highest, Number(bar.style.getPropertyValue('--_level') || 0));
    }
  });
  observer.observe(shadow(el), { subtree: true, attributes: true, attributeFilter: ['style'] });
  return { highest: () => highest, stop: () => observer.disconnect() };
}

describe('<krosai-conversation> with the real framework agent: pre-connect audio, visualiser', function () {
  this.timeout(3 * AGENT_TIMEOUT);
  const { mount } = useLiveWidgets();
  beforeEach(async () => {
    await selectAgent('framework');
    // No agent comes by itself: the test sends it once the buffer holds sound. It is loaded
    // beforehand, so it is active well within livekit-client's 10 s wait for one.
    await control('/control/livekit/agent-join', { enabled: false });
    await control('/control/livekit/agent-warm-up');
  });

  it('delivers what the microphone caught before the agent joined, and draws the agent voice', async () => {
    const session = recordingSession();
    const { el, calls } = await mount({ voiceSessionFactory: session.factory });
    const visualiser = watchVisualiser(el);
    micButton(el).click();
    // In the room, microphone published and recording into its pre-connect buffer (from the
    // moment it opened, before the join), no agent: the visitor speaks into the void.
    await untilCallShows(el, 'waiting-for-agent');
    const room = roomOf(calls);
    expect((await agentView(room)).preConnectAudio, 'no agent yet').to.equal(undefined);
    // The meter listens from the moment the microphone opens, the buffer only from its
    // publication: a beep counts once the room has the microphone (livekit-client gives up on the
    // buffer if no agent is active within 10 s of publishing).
    await waitUntil(
      async () => {
        const visitor = (await roomView(room))?.participants.find((p) => p.kind === 'user');
        return (visitor?.microphoneTrackSids?.length ?? 0) > 0;
      },
      'the microphone was never published',
      { timeout: AGENT_TIMEOUT, interval: 50 },
    );
    // A whole beep, start to end, after whatever the level did first (the meter may open on a
    // transient): then the recording holds it, whatever livekit-client drops of its last 100 ms
    // slice when the agent's subscription stops the recorder.
    for (const above of [true, false, true, false]) {
      await untilLevel(session.inputLevel, VOICE_ON_METER, above, 5000);
    }
    await control('/control/livekit/agent-dispatch', { room });
    await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    let seen: PreConnectView | undefined;
    await waitUntil(
      async () => {
        seen = (await agentView(room)).preConnectAudio;
        return (seen?.streams ?? 0) > 0;
      },
      'the agent never received a pre-connect audio buffer',
      { timeout: AGENT_TIMEOUT, interval: 250 },
    );
    const visitor = (await roomView(room))!.participants.find((p) => p.kind === 'user')!;
    expect(seen!.streams).to.equal(1);
    expect(seen!.mimeType).to.match(/^audio\/webm/);
    // The buffer is of the visitor's microphone, and holds audible speech (Chromium's fake
    // microphone beeps), decoded by the agent: energy from before it listened live.
    expect(visitor.microphoneTrackSids).to.include(seen!.trackId);
    expect(seen!.bytes).to.be.greaterThan(0);
    expect(seen!.durationMs).to.be.greaterThan(0);
    expect(seen!.loudest, `${seen!.durationMs} ms in ${seen!.bytes} bytes`).to.be.greaterThan(
      VOICE_LEVEL,
    );
    // The agent greets: its voice, measured from its audio track, moves the visualiser's bars.
    await waitUntil(() => visualiser.highest() > 0, 'the visualiser never moved', {
      timeout: AGENT_TIMEOUT,
    });
    visualiser.stop();
    expect(calls.agentStates).to.include('speaking');
    expect(calls.errors).to.deep.equal([]);
  });
});
