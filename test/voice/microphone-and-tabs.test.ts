import { expect, waitUntil } from '@open-wc/testing';
import { callLockName } from '../../src/voice/call-lock.js';
import { createLiveKitVoiceSession } from '../../src/voice/livekit-voice-session.js';
import type { VoiceSession } from '../../src/voice/voice-session.js';
import { createConversation, resetEmulator, selectAgent } from '../helpers/emulator.js';
import {
  connectOptions,
  EventLog,
  failureOf,
  noVisitorLeft,
  pause,
  visitorsIn,
  watchMicrophoneTracks,
  watchUnhandledRejections,
} from './call-helpers.js';

type VoiceModule = typeof import('../../src/voice/livekit-voice-session.js');

/**
 * The voice module loaded in a same-origin frame: another document, as another tab would be, with
 * its own Permissions Policy. With `allow="microphone 'none'"` Chromium rejects getUserMedia there
 * with NotAllowedError, as for a visitor who said no.
 */
async function voiceFrame(
  allow: string,
): Promise<{ frame: HTMLIFrameElement; voice: VoiceModule }> {
  const frame = document.createElement('iframe');
  frame.setAttribute('allow', allow);
  frame.srcdoc = `<script type="module">
    window.voiceModule = await import('/src/voice/livekit-voice-session.ts');
  </script>`;
  document.body.append(frame);
  const frameWindow = () => frame.contentWindow as (Window & { voiceModule?: VoiceModule }) | null;
  await waitUntil(() => frameWindow()?.voiceModule !== undefined, 'the voice module in the frame', {
    timeout: 15000,
  });
  return { frame, voice: frameWindow()!.voiceModule! };
}

describe('LiveKitVoiceSession: microphone errors and one call across tabs', () => {
  const sessions: VoiceSession[] = [];
  const frames: HTMLIFrameElement[] = [];
  let microphone: ReturnType<typeof watchMicrophoneTracks>;
  let rejections: ReturnType<typeof watchUnhandledRejections>;

  const newSession = () => {
    const session = createLiveKitVoiceSession();
    sessions.push(session);
    return session;
  };

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
    microphone = watchMicrophoneTracks();
    rejections = watchUnhandledRejections();
  });

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.disconnect()));
    for (const frame of frames.splice(0)) frame.remove();
    microphone.restore();
    // Let late failures of anything the test started surface before looking.
    await pause(100);
    rejections.restore();
    expect(rejections.reasons).to.deep.equal([]);
  });

  it('fails with mic-denied where the microphone is not allowed, leaving no one in the room', async () => {
    const { frame, voice } = await voiceFrame("microphone 'none'");
    try {
      const session = voice.createLiveKitVoiceSession();
      sessions.push(session);
      const log = new EventLog(session);
      const conversation = await createConversation();
      const error = await failureOf(session.connect(connectOptions(conversation)));
      expect(error?.reason).to.equal('mic-denied');
      expect(session.callState).to.equal('error');
      expect(log.errors().map((e) => e.reason)).to.deep.equal(['mic-denied']);
      await noVisitorLeft(conversation.room_name);
    } finally {
      frame.remove();
    }
  });

  it('fails with mic-missing for a microphone that is not there', async () => {
    const session = newSession();
    const conversation = await createConversation();
    const error = await failureOf(
      session.connect(connectOptions(conversation, { microphoneDeviceId: 'unplugged-headset' })),
    );
    expect(error?.reason).to.equal('mic-missing');
    expect(session.callState).to.equal('error');
    await noVisitorLeft(conversation.room_name);
    expect(microphone.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
  });

  it('keeps one call per conversation: a second session learns it is elsewhere, then takes over', async () => {
    const conversation = await createConversation();
    const lockName = callLockName(conversation.id);
    // The first "tab" is a frame: another document sharing the origin's locks.
    const { frame, voice } = await voiceFrame('microphone');
    frames.push(frame);
    const firstMicrophone = watchMicrophoneTracks(frame.contentWindow!.navigator.mediaDevices);
    const first = voice.createLiveKitVoiceSession();
    sessions.push(first);
    const firstLog = new EventLog(first);
    await first.connect(connectOptions(conversation, { lockName }));
    await firstLog.waitForCallState('connected');
    expect(await visitorsIn(conversation.room_name)).to.equal(1);

    const second = newSession();
    const secondLog = new EventLog(second);
    const refused = await failureOf(second.connect(connectOptions(conversation, { lockName })));
    expect(refused?.reason).to.equal('call-elsewhere');
    expect(second.callState).to.equal('error');
    expect(first.callState).to.equal('connected');

    await second.connect(connectOptions(conversation, { lockName, takeOver: true }));
    await firstLog.waitForCallState('ended');
    expect(firstLog.callStates().at(-1)).to.deep.equal({
      state: 'ended',
      reason: 'call-elsewhere',
    });
    expect(firstMicrophone.tracks.length).to.be.greaterThan(0);
    expect(firstMicrophone.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await secondLog.waitForCallState('connected');
    await waitUntil(async () => (await visitorsIn(conversation.room_name)) === 1, 'one visitor', {
      timeout: 15000,
    });

    // Once the second hangs up, the first may call again without taking over.
    await second.disconnect();
    const again = firstLog.mark();
    await first.connect(connectOptions(conversation, { lockName }));
    await firstLog.waitForCallState('connected', { after: again });
  });
});
