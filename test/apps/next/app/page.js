'use client';
import { useState } from 'react';
import { KrosaiConversation } from 'krosai-conversation/react';

export default function Page() {
  const [last, setLast] = useState('');
  return (
    <main>
      <KrosaiConversation
        agentId="YOUR_AGENT_ID"
        sessionUrl="/api/krosai"
        strings={{ startCall: 'Call us' }}
        onMessage={(event) => setLast(event.message.text)}
      />
      <p>{last}</p>
    </main>
  );
}
