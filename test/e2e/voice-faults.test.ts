// Faults in a live call with the real LiveKit Agents framework (the emulator's framework agent):
// the network, the server, the agent, the browser's microphone and audio, and a frozen tab. Each
// ends with the visitor either still talking or told why not, and nothing left capturing.
import { expect, waitUntil } from '@open-wc/testing';
import { GREETING, replyTo } from '../../emulator/agent/framework/script.js';
import { en } from '../../src/i18n/en.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { loadVoiceSession } from '../../src/voice/load-voice-session.js';
import type { VoiceConnectOptions, VoiceSessionFactory } from '../../src/voice/voice-session.js';
import { shadow } from '../element/widget.js';
import { freezePage } from '../helpers/devtools.js';
import { agentSeesVisitors, control, selectAgent, tokenStatus } from '../helpers/emulator.js';
import {
  type LiveMountOptions,
  micButton,
  muteButton,
  roomOf,
  shortAgentWait,
  shownCallState,
  typeAndSend,
  untilCallShows,
  untilErrorShows,
  useLiveWidgets,
  visitorsIn,
} from '../helpers/widget-call.js';
import { microphonesIn } from '../voice/call-helpers.js';
import { AGENT_TIMEOUT, expectShownOnce, untilShown } from './real-agent-helpers.js';

const wait = (condition: () => unknown, what: string) =>
  waitUntil(condition, what, { timeout: AGENT_TIMEOUT, interval: 100 });

/**
 * The browser withdraws the microphone, as when the visitor revokes the permission mid-call: the
 * live capture ends, asking again is refused, and the permission reads `denied`. `restore()`
 * gives it back.
 */
function revokeMicrophone(liveTracks: MediaStreamTrack[]): { restore(): void } {
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia;
  const query = navigator.permissions.query;
  devices.getUserMedia = () =>
    Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  navigator.permissions.query = function (this: Permissions, descriptor) {
    if (descriptor.name !== ('microphone' as PermissionName)) return query.call(this, descriptor);
    return Promise.resolve({ state: 'denied', onchange: null } as unknown as PermissionStatus);
  };
  for (const track of liveTracks) {
    track.stop();
    // stop() from the page fires nothing; the browser ending a capture fires `ended`.
    track.dispatchEvent(new Event('ended'));
  }
  return {
    restore() {
      devices.getUserMedia = getUserMedia;
      navigator.permissions.query = query;
    },
  };
}

/** The browser refuses to play audio until a visitor gesture (an autoplay policy). */
function blockAutoplay(): { allow(): void; restore(): void } {
  const play = HTMLMediaElement.prototype.play;
  let blocked = true;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (blocked && !this.muted) {
      return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
    }
    return play.call(this);
  };
  return {
    allow: () => {
      blocked = false;
    },
    restore: () => {
      HTMLMediaElement.prototype.play = play;
    },
  };
}

const audioButton = (el: KrosaiConversation) =>
  shadow(el).querySelector<HTMLButtonElement>('[part~="audio-button"]');

describe('voice faults with the real LiveKit Agents framework', function () {
  this.timeout(4 * AGENT_TIMEOUT);
  const { mount, liveMicrophoneTracks } = useLiveWidgets();
  beforeEach(() => selectAgent('framework'));

  /** A voice call with the agent's greeting on show, the microphone muted (its beeps would keep
   * the agent talking). */
  async function voiceCall(options?: LiveMountOptions, mute = true) {
    const widget = await mount(options);
    micButton(widget.el).click();
    await untilCallShows(widget.el, 'connected', AGENT_TIMEOUT);
    if (mute) muteButton(widget.el)!.click();
    await untilShown(widget.el, GREETING);
    return { ...widget, room: roomOf(widget.calls) };
  }

  /** Typed text reaches the agent, which answers. */
  async function expectAnswered(el: KrosaiConversation, room: string, text: string) {
    await wait(() => agentSeesVisitors(room), 'the agent never saw the visitor');
    typeAndSend(el, text);
    await untilShown(el, replyTo(text));
  }

  it('three dropped WebSockets in a row: reconnecting each time, and the talk goes on', async () => {
    const { el, calls, room } = await voiceCall();
    for (let drop = 1; drop <= 3; drop++) {
      const before = calls.states.length;
      await control('/control/livekit/drop-signal', { room });
      await wait(
        () => calls.states.slice(before).includes('reconnecting'),
        `never reconnecting after drop ${drop}`,
      );
      await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    }
    await expectAnswered(el, room, 'After three drops');
    expectShownOnce(el, [GREETING, 'After three drops', replyTo('After three drops')]);
    expect(calls.errors).to.deep.equal([]);
  });

  it('a token that expired mid-call: the dropped signal resumes with the one the server refreshed', async () => {
    await control('/control/token-ttl', { seconds: 3 });
    const given: string[] = [];
    const recordToken: VoiceSessionFactory = async () => {
      const session = await loadVoiceSession();
      const connect = session.connect.bind(session);
      session.connect = (options: VoiceConnectOptions) => {
        given.push(options.token);
        return connect(options);
      };
      return session;
    };
    const { el, calls, room } = await voiceCall({ voiceSessionFactory: recordToken });
    await control('/control/token-ttl', { seconds: 600 });
    await wait(async () => (await tokenStatus(given.at(-1)!)) === 401, 'the token never expired');

    const before = calls.states.length;
    await control('/control/livekit/drop-signal', { room });
    await wait(() => calls.states.slice(before).includes('reconnecting'), 'never reconnecting');
    await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    await expectAnswered(el, room, 'After the token expired');
    expect(calls.errors).to.deep.equal([]);
  });

  it('removed by the server: the call ends without an error, nothing captures, the next call talks', async () => {
    const { el, calls, room } = await voiceCall();
    await control('/control/livekit/kick', { room });
    await untilCallShows(el, 'ended', AGENT_TIMEOUT);
    await wait(() => liveMicrophoneTracks().length === 0, 'the microphone still captures');
    expect(calls.errors).to.deep.equal([]);

    micButton(el).click();
    await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    muteButton(el)!.click();
    await expectAnswered(el, room, 'Back after the kick');
  });

  it('the agent leaves mid-call: waiting for it, then agent-unavailable; calling again brings it back', async () => {
    const { el, calls, room } = await voiceCall({ voiceSessionFactory: shortAgentWait });
    await control('/control/livekit/agent-leave', { room });
    await untilCallShows(el, 'waiting-for-agent', AGENT_TIMEOUT);
    await untilErrorShows(el, 'agent-unavailable', AGENT_TIMEOUT);
    await wait(async () => (await visitorsIn(room)) === 0, 'the visitor stayed in the room');
    await wait(() => liveMicrophoneTracks().length === 0, 'the microphone still captures');
    expect(calls.errors).to.deep.equal(['agent-unavailable']);

    micButton(el).click();
    await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    muteButton(el)!.click();
    await expectAnswered(el, room, 'Back with the agent');
  });

  it('the agent never joins: agent-unavailable, the room left and the microphone stopped', async () => {
    await control('/control/livekit/agent-join', { enabled: false });
    const { el, calls } = await mount({ voiceSessionFactory: shortAgentWait });
    micButton(el).click();
    await untilCallShows(el, 'waiting-for-agent', AGENT_TIMEOUT);
    await untilErrorShows(el, 'agent-unavailable', AGENT_TIMEOUT);
    await wait(async () => (await visitorsIn(roomOf(calls))) === 0, 'the visitor stayed');
    await wait(() => liveMicrophoneTracks().length === 0, 'the microphone still captures');
    expect(calls.errors).to.deep.equal(['agent-unavailable']);
  });

  it('the browser takes the microphone away mid-call: the talk goes on in text, voice comes back once allowed', async () => {
    const { el, calls, room } = await voiceCall(undefined, false);
    const revoked = revokeMicrophone(liveMicrophoneTracks());
    try {
      await untilErrorShows(el, 'mic-denied', AGENT_TIMEOUT);
      await wait(() => el.callMode === 'text', 'the call never went to text');
      expect(shownCallState(el)).to.equal('connected');
      await wait(async () => (await microphonesIn(room)) === 0, 'the dead microphone stayed');
      expect(liveMicrophoneTracks()).to.deep.equal([]);
      await expectAnswered(el, room, 'Typing now');
    } finally {
      revoked.restore();
    }
    // Allowed again: the microphone button turns the same call back into voice.
    micButton(el).click();
    await wait(() => el.callMode === 'voice', 'never back to voice');
    await wait(async () => (await microphonesIn(room)) === 1, 'the microphone never came back');
    expect(calls.errors).to.deep.equal(['mic-denied']);
  });

  it('autoplay blocked: the visitor is offered the sound, and a click turns it on', async () => {
    const autoplay = blockAutoplay();
    try {
      const { el, calls } = await voiceCall();
      await wait(() => audioButton(el), 'no button to turn the sound on');
      expect(audioButton(el)!.textContent!.trim()).to.equal(en.enableAudio);
      autoplay.allow();
      audioButton(el)!.click();
      await wait(() => !audioButton(el), 'the sound button stayed');
      typeAndSend(el, 'Can I hear you?');
      await untilShown(el, replyTo('Can I hear you?'));
      expect(audioButton(el)).to.equal(null);
      expect(calls.errors).to.deep.equal([]);
    } finally {
      autoplay.restore();
    }
  });

  it('a tab frozen in the background for 20 s: awake, the call goes on', async () => {
    const { el, calls, room } = await voiceCall();
    // Longer than livekit-client's ping timeout (15 s): it finds the signal silent on waking.
    await freezePage(20_000);
    await untilCallShows(el, 'connected', AGENT_TIMEOUT);
    await expectAnswered(el, room, 'Awake again');
    expectShownOnce(el, [GREETING, 'Awake again', replyTo('Awake again')]);
    expect(calls.errors).to.deep.equal([]);
  });
});
