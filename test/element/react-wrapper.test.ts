// krosai-conversation/react in Chromium with React 19 (StrictMode): properties reach the element
// as properties (an object `strings`, a function `voiceSessionFactory`), `onX` callbacks receive
// the element's events, a new callback replaces the old one, and unmounting removes the element.
import { expect, waitUntil } from '@open-wc/testing';
import React from 'react';
import ReactDOM, { type Root } from 'react-dom/client';
import type { KrosaiConversation as Element } from '../../src/krosai-conversation.js';
import { KrosaiConversation, type KrosaiConversationProps } from '../../src/react.js';
import { fakeVoice } from '../helpers/fake-voice-session.js';
import { baseProps, expectStringsProperty } from './react-helpers.js';
import { settled, untilCallState } from './widget.js';

describe('krosai-conversation/react', () => {
  let root: Root | undefined;
  afterEach(() => root?.unmount());

  async function mount(container: HTMLElement, props: KrosaiConversationProps) {
    root ??= ReactDOM.createRoot(container);
    root.render(
      React.createElement(React.StrictMode, null, React.createElement(KrosaiConversation, props)),
    );
    await waitUntil(() => container.querySelector('krosai-conversation'), 'not mounted');
    return container.querySelector('krosai-conversation') as Element;
  }

  it('sets object props as properties and calls onX with the element’s events', async () => {
    const voice = fakeVoice();
    const container = document.createElement('div');
    container.style.height = '600px';
    document.body.append(container);
    const first: string[] = [];
    const second: string[] = [];
    const states: string[] = [];
    const props: KrosaiConversationProps = {
      ...(await baseProps()),
      className: 'support',
      voiceSessionFactory: voice.factory,
      onMessage: (event) => first.push(event.message.text),
      onCallState: (event) => states.push(event.state),
    };
    const el = await mount(container, props);
    await settled(el);
    expect(el.className).to.equal('support');
    await expectStringsProperty(el);

    expect(await el.start()).to.equal(true);
    await untilCallState(el, 'connected');
    await waitUntil(() => states.includes('connected'), `states: ${states.join()}`);
    voice.last.transcript({ segmentId: 'a', text: 'First answer' });
    await waitUntil(() => first.includes('First answer'), 'onMessage was not called');

    // A new callback (and class) in a re-render: once committed, only the new one is called.
    await mount(container, {
      ...props,
      className: 'support again',
      onMessage: (event) => second.push(event.message.text),
    });
    await waitUntil(() => el.className === 'support again', 'the re-render was not committed');
    voice.last.transcript({ segmentId: 'b', text: 'Second answer' });
    await waitUntil(() => second.includes('Second answer'), 'the new onMessage was not called');
    expect(first).to.deep.equal(['First answer']);

    root?.unmount();
    root = undefined;
    expect(el.isConnected).to.equal(false);
    container.remove();
  });
});
