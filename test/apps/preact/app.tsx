import 'krosai-conversation/define';
import { useState } from 'preact/hooks';

// Preact sets properties (`strings`) and listens to `onkrosai-*` itself.
export function Support() {
  const [last, setLast] = useState('');
  return (
    <div>
      <krosai-conversation
        agent-id="agent_123"
        session-url="/api/krosai"
        mode="text-first"
        strings={{ startCall: 'Call us' }}
        onkrosai-message={(event) => setLast(event.message.text)}
        onkrosai-call-state={(event) => console.log(event.state, event.mode)}
      />
      <p>{last}</p>
    </div>
  );
}
