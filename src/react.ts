'use client';

// `krosai-conversation/react`: the element as a React component (React 18 and 19), built with
// @lit/react. Properties (objects such as `strings`, functions such as `messageRenderer`) are
// set on the element, not written as attributes, and the element's events are `onX` callbacks:
// `onMessage` → `krosai-message`, `onCallState` → `krosai-call-state`, … (see KROSAI_EVENTS).
// Both happen in a layout effect, so a server-rendered page gets them at hydration too.
import { createComponent, type EventName } from '@lit/react';
import React from 'react';
import './define.js';
import { KrosaiConversation as KrosaiConversationElement } from './krosai-conversation.js';
import { KROSAI_EVENTS, type KrosaiConversationEventMap, TAG_NAME } from './types/element.js';

type KrosaiEvents = {
  readonly [Callback in keyof typeof KROSAI_EVENTS]: EventName<
    KrosaiConversationEventMap[(typeof KROSAI_EVENTS)[Callback]]
  >;
};

/** `<KrosaiConversation agentId="…" sessionUrl="/api/krosai" onMessage={…} />` */
export const KrosaiConversation = createComponent({
  react: React,
  tagName: TAG_NAME,
  elementClass: KrosaiConversationElement,
  events: KROSAI_EVENTS as KrosaiEvents,
  displayName: 'KrosaiConversation',
});

/** The props of the React component. */
export type KrosaiConversationProps = React.ComponentProps<typeof KrosaiConversation>;

export { KROSAI_EVENTS, KrosaiConversationElement };
