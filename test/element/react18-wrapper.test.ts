// krosai-conversation/react in Chromium with React 18 (StrictMode), served from test/react18/ by
// scripts/react-plugin.mjs: the wrapper module is loaded as src/react.ts?react=18, so its own
// `import React from 'react'` is React 18, the React a React 18 app would give it. A real call
// (livekit-client against the emulator): `strings` is a property, not the attribute React 18
// would write, onCallState/onMessage receive the element's events (React 18 drops
// `onkrosai-message` on a bare element), and unmounting mid-call, also StrictMode's double mount,
// hangs up and leaves no microphone capturing.
import { expect, waitUntil } from '@open-wc/testing';
import type ReactTypes from 'react';
import type ClientTypes from 'react-dom/client';
import type { KrosaiConversation as Element } from '../../src/krosai-conversation.js';
import type * as Wrapper from '../../src/react.js';
import { resetEmulator, selectAgent } from '../helpers/emulator.js';
import { CALL_TIMEOUT, GREETING, visitorsIn } from '../helpers/widget-call.js';
import { watchMicrophoneTracks } from '../voice/call-helpers.js';
import { baseProps, expectStringsProperty } from './react-helpers.js';
import { settled } from './widget.js';

// Paths the runner serves (not bare specifiers the type-checker would resolve to React 19).
const REACT18 = '/__react18/react.js';
const CLIENT18 = '/__react18/react-dom-client.js';
const WRAPPER18 = '/src/react.ts?react=18';

describe('krosai-conversation/react with React 18', () => {
  let React: typeof ReactTypes;
  let Client: typeof ClientTypes;
  let KrosaiConversation: typeof Wrapper.KrosaiConversation;
  let microphone: ReturnType<typeof watchMicrophoneTracks>;

  before(async () => {
    React = (await import(REACT18)).default;
    Client = await import(CLIENT18);
    ({ KrosaiConversation } = (await import(WRAPPER18)) as typeof Wrapper);
  });

  beforeEach(async function () {
    this.currentTest?.timeout(4 * CALL_TIMEOUT);
    await resetEmulator();
    await selectAgent('scripted');
    microphone = watchMicrophoneTracks();
  });
  afterEach(() => microphone.restore());

  const liveTracks = () => microphone.tracks.filter((track) => track.readyState !== 'ended');

  it('is React 18, sets strings as a property, calls onX, and hangs up when unmounted mid-call', async () => {
    expect(React.version).to.match(/^18\./);
    const props = await baseProps();
    const container = document.createElement('div');
    container.style.height = '600px';
    document.body.append(container);
    const states: string[] = [];
    const messages: string[] = [];
    const created: string[] = [];
    const root = Client.createRoot(container);
    root.render(
      React.createElement(
        React.StrictMode,
        null,
        React.createElement(KrosaiConversation, {
          ...props,
          onCallState: (event) => states.push(event.state),
          onMessage: (event) => messages.push(event.message.text),
          onConversationCreated: (event) => created.push(event.conversation.id),
        }),
      ),
    );
    await waitUntil(() => container.querySelector('krosai-conversation'), 'not mounted');
    const el = container.querySelector('krosai-conversation') as Element;
    await settled(el);
    expect(container.querySelectorAll('krosai-conversation').length).to.equal(1);
    await expectStringsProperty(el);

    expect(await el.start()).to.equal(true);
    await waitUntil(() => states.includes('connected'), `states: ${states.join()}`, {
      timeout: CALL_TIMEOUT,
    });
    await waitUntil(() => messages.includes(GREETING), `messages: ${messages.join(' | ')}`, {
      timeout: CALL_TIMEOUT,
    });
    expect(created).to.have.length(1);
    const room = `conv_${created[0]}`;
    expect(await visitorsIn(room)).to.equal(1);
    expect(liveTracks().length, 'the call captures the microphone').to.be.greaterThan(0);

    // Unmounted mid-call: the element leaves the page, hangs up, and stops the microphone.
    root.unmount();
    expect(el.isConnected).to.equal(false);
    await waitUntil(async () => (await visitorsIn(room)) === 0, `${room} emptied`, {
      timeout: CALL_TIMEOUT,
    });
    await waitUntil(() => liveTracks().length === 0, 'the microphone still captures', {
      timeout: CALL_TIMEOUT,
    });
    container.remove();
  });
});
