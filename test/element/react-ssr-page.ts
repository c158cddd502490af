// The page test/element/react-ssr-hydration.test.ts renders twice: on the server (Node,
// renderToString through scripts/react-plugin.mjs's `krosai-react-ssr` command) and in Chromium
// (hydrateRoot). Only the browser passes callbacks: a server has none to give.
import React from 'react';
import { KrosaiConversation, type KrosaiConversationProps } from '../../src/react.js';

export type PageConfig = Pick<
  KrosaiConversationProps,
  'agentId' | 'apiBase' | 'apiKey' | 'namespace' | 'locale' | 'strings' | 'voiceSessionFactory'
>;
export type PageCallbacks = Pick<KrosaiConversationProps, 'onMessage' | 'onCallState'>;

export function SupportPage(props: { config: PageConfig; callbacks?: PageCallbacks }) {
  return React.createElement(
    'main',
    null,
    React.createElement('h1', null, 'Support'),
    React.createElement(
      'div',
      { style: { height: '600px' } },
      React.createElement(KrosaiConversation, {
        ...props.config,
        ...props.callbacks,
        className: 'support',
      }),
    ),
  );
}
