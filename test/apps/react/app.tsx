import { useState } from 'react';
import { KrosaiConversation } from 'krosai-conversation/react';
import type { KrosaiMessageEvent } from 'krosai-conversation';

// The wrapper: React 18 and 19. Properties and `onX` callbacks.
export function Support() {
  const [last, setLast] = useState('');
  return (
    <>
      <KrosaiConversation
        agentId="agent_123"
        sessionUrl="/api/krosai"
        mode="text-first"
        strings={{ startCall: 'Call us' }}
        onMessage={(event) => setLast(event.message.text)}
        onCallState={(event) => console.log(event.state, event.reason)}
        onError={(event) => console.warn(event.reason)}
      />
      <p>{last}</p>
    </>
  );
}

// The element itself (React 19 sets `strings` and listens to `onkrosai-*`).
export function Inline() {
  const onMessage = (event: KrosaiMessageEvent) => console.log(event.message.text);
  return (
    <krosai-conversation
      agent-id="agent_123"
      session-url="/api/krosai"
      layout="launcher"
      theme="dark"
      strings={{ startCall: 'Call us' }}
      onkrosai-message={onMessage}
      onkrosai-call-state={(event) => console.log(event.state)}
    />
  );
}
