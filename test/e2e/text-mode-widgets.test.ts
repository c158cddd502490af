// Text mode's room and microphone rules against the real agents framework: a quiet text room is
// left and rejoined on the next message, one microphone per page, and a widget moved or removed
// mid-call says `ended` before it lets go of the room.
import { expect, waitUntil } from '@open-wc/testing';
import { GREETING, replyTo } from '../../emulator/agent/framework/script.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { browserDependencies } from '../../src/conversation/dependencies.js';
import { ConversationSession } from '../../src/conversation/session.js';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { createLiveKitVoiceSession } from '../../src/voice/livekit-voice-session.js';
import { AGENT, uniqueNamespace } from '../element/widget.js';
import { emulatorInfo, roomView, selectAgent } from '../helpers/emulator.js';
import {
  micButton,
  serverTranscript,
  untilCallShows,
  useLiveWidgets,
  visitorsIn,
} from '../helpers/widget-call.js';
import { microphonesIn } from '../voice/call-helpers.js';
import { AGENT_TIMEOUT } from './real-agent-helpers.js';

/** Quiet long enough for the agent to answer a typed message first, on a loaded machine. */
const QUIET_MS = 6_000;

const wait = (condition: () => unknown, what: string) =>
  waitUntil(condition, what, { timeout: AGENT_TIMEOUT, interval: 100 });

/**
 * The framework closes its session when its visitor leaves: a rejoin meant for a fresh agent
 * waits for the room to close (LiveKit dispatches an agent to a room, not to each visitor).
 */
const untilRoomClosed = (room: string) =>
  wait(async () => !(await roomView(room)), `${room} never closed`);

/** Every `ended` the element announced, with its reason. */
function endsOf(el: KrosaiConversation): string[] {
  const ends: string[] = [];
  el.addEventListener('krosai-call-state', (event) => {
    if (event.state === 'ended') ends.push(event.reason ?? '');
  });
  return ends;
}

describe('text mode end to end: quiet rooms, one microphone, honest ends', function () {
  this.timeout(4 * AGENT_TIMEOUT);
  const { mount, liveMicrophoneTracks } = useLiveWidgets();
  beforeEach(() => selectAgent('framework'));

  it('leaves a quiet text room and rejoins it, with a fresh token, on the next message', async () => {
    const { url, apiKey } = await emulatorInfo();
    const tokens: string[] = [];
    const deps = browserDependencies(async () => {
      const voice = createLiveKitVoiceSession();
      const connect = voice.connect.bind(voice);
      voice.connect = (options) => {
        tokens.push(options.token);
        return connect(options);
      };
      return voice;
    });
    const errors: string[] = [];
    const session = new ConversationSession({
      config: resolveConfig({ agentId: AGENT, apiKey, apiBase: url, namespace: uniqueNamespace() }),
      deps: { ...deps, textIdleMs: QUIET_MS },
      onEvent: (event) => {
        if (event.type === 'error') errors.push(event.error.reason);
      },
      mayStart: () => true,
      restart: async () => {},
    });
    const shown = (text: string) =>
      session.view.messages.some((message) => message.text === text && message.state === 'final');
    try {
      expect(await session.start({ mode: 'text' })).to.equal(true);
      await wait(() => shown(GREETING), 'no greeting');
      expect(await session.send('Before the quiet')).to.equal(true);
      await wait(() => shown(replyTo('Before the quiet')), 'no reply');
      const conversationId = session.view.conversation!.id;
      const room = `conv_${conversationId}`;

      await wait(() => session.call.endReason === 'idle', 'the quiet room was never left');
      await wait(async () => (await visitorsIn(room)) === 0, 'the visitor stayed in the room');
      await untilRoomClosed(room);

      // The next message rejoins the same conversation's room with a fresh token and goes out.
      expect(await session.send('After the quiet')).to.equal(true);
      expect(session.call.state).to.equal('connected');
      expect(session.call.mode).to.equal('text');
      expect(session.view.conversation!.id).to.equal(conversationId);
      expect(tokens).to.have.length(2);
      expect(tokens[1]).to.not.equal(tokens[0]);
      expect(await visitorsIn(room)).to.equal(1);
      await wait(
        async () =>
          (await serverTranscript(conversationId)).some(
            (message) => message.role === 'user' && message.content === 'After the quiet',
          ),
        'the rejoined room never had the message',
      );
      expect(errors).to.deep.equal([]);
    } finally {
      session.close();
    }
  });

  it('lets one widget of the page hold the microphone: the other goes back to text', async () => {
    const first = await mount();
    const second = await mount();
    micButton(first.el).click();
    await untilCallShows(first.el, 'connected', AGENT_TIMEOUT);
    expect(first.el.callMode).to.equal('voice');

    micButton(second.el).click();
    await untilCallShows(second.el, 'connected', AGENT_TIMEOUT);
    await wait(() => first.el.callMode === 'text', 'the first widget kept its voice call');
    expect(first.el.callState).to.equal('connected');
    expect(second.el.callMode).to.equal('voice');
    const [firstRoom, secondRoom] = [first.calls.created[0]!, second.calls.created[0]!].map(
      (id) => `conv_${id}`,
    ) as [string, string];
    await wait(async () => (await microphonesIn(firstRoom)) === 0, 'the first mic stayed on');
    expect(await microphonesIn(secondRoom)).to.equal(1);
    expect(liveMicrophoneTracks()).to.have.length(1);
  });

  it('says ended (removed) when the element is moved or removed mid-call, voice or text', async () => {
    const moved = await mount();
    const removed = await mount();
    const [movedEnds, removedEnds] = [endsOf(moved.el), endsOf(removed.el)];
    micButton(moved.el).click();
    removed.el.mode = 'text-only';
    expect(await removed.el.start()).to.equal(true);
    await untilCallShows(moved.el, 'connected', AGENT_TIMEOUT);
    await untilCallShows(removed.el, 'connected', AGENT_TIMEOUT);
    expect([moved.el.callMode, removed.el.callMode]).to.deep.equal(['voice', 'text']);

    const elsewhere = document.createElement('div');
    moved.el.parentElement!.append(elsewhere);
    elsewhere.append(moved.el);
    removed.el.remove();
    // Said at once, before anything was torn down.
    expect(movedEnds).to.deep.equal(['removed']);
    expect(removedEnds).to.deep.equal(['removed']);
    for (const { calls } of [moved, removed]) {
      const room = `conv_${calls.created[0]}`;
      await wait(async () => (await visitorsIn(room)) === 0, `the widget stayed in ${room}`);
    }
    expect(liveMicrophoneTracks()).to.deep.equal([]);
  });
});
