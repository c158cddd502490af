// A server-rendered React 19 page hydrated in Chromium: test/element/react-ssr-page.ts rendered by
// renderToString in Node (scripts/react-ssr.mjs, through the runner), its HTML put in the page as
// a server's response would be, then hydrateRoot with the same page and the browser's callbacks.
// React 19 drops listeners and object props of a bare custom element at hydration
// (react/react#35446); through the wrapper they arrive: `strings` is a property, onCallState and
// onMessage are called, and hydration reported no mismatch.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import React from 'react';
import ReactDOM from 'react-dom/client';
import type { KrosaiConversation as Element } from '../../src/krosai-conversation.js';
import { fakeVoice } from '../helpers/fake-voice-session.js';
import { baseProps, expectStringsProperty } from './react-helpers.js';
import { type PageConfig, SupportPage } from './react-ssr-page.js';
import { AGENT, settled, untilCallState } from './widget.js';

describe('krosai-conversation/react: a server-rendered page, hydrated', () => {
  it('gets its object props and listeners at hydration', async () => {
    const config: PageConfig = await baseProps();
    const html = await executeServerCommand<string, PageConfig>('krosai-react-ssr', config);
    expect(html).to.match(/^<main><h1>Support<\/h1>.*<krosai-conversation class="support">/);
    expect(html).to.not.match(/\[object Object\]|strings|function/);

    const container = document.createElement('div');
    container.innerHTML = html; // The server's own markup, as the page would arrive.
    document.body.append(container);
    const served = container.querySelector('krosai-conversation') as Element;

    const voice = fakeVoice();
    const states: string[] = [];
    const messages: string[] = [];
    const recoverable: unknown[] = [];
    const root = ReactDOM.hydrateRoot(
      container,
      React.createElement(
        React.StrictMode,
        null,
        React.createElement(SupportPage, {
          config: { ...config, voiceSessionFactory: voice.factory },
          callbacks: {
            onCallState: (event) => states.push(event.state),
            onMessage: (event) => messages.push(event.message.text),
          },
        }),
      ),
      { onRecoverableError: (error) => recoverable.push(error) },
    );
    await waitUntil(() => served.agentId === AGENT, 'props never reached the element');
    const el = container.querySelector('krosai-conversation') as Element;
    expect(el, 'hydration kept the server’s element').to.equal(served);
    await settled(el);
    await expectStringsProperty(el);

    expect(await el.start()).to.equal(true);
    await untilCallState(el, 'connected');
    await waitUntil(() => states.includes('connected'), `states: ${states.join()}`);
    voice.last.transcript({ segmentId: 'a', text: 'Hydrated answer' });
    await waitUntil(() => messages.includes('Hydrated answer'), 'onMessage was not called');
    expect(recoverable, 'no hydration mismatch').to.deep.equal([]);

    root.unmount();
    expect(el.isConnected).to.equal(false);
    container.remove();
  });
});
