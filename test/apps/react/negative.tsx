// Every line marked `expect-error` must fail the type-check, and nothing else may.
import { KrosaiConversation } from 'krosai-conversation/react';

export function Wrong() {
  return (
    <>
      <KrosaiConversation
        agentId="agent_123"
        mode={42} // expect-error
        onMessage={(event) => event.state} // expect-error
      />
      <krosai-conversation
        agent-id="agent_123"
        mode={42} // expect-error
        theme="purple" // expect-error
        onkrosai-message={(event) => event.reason} // expect-error
      />
    </>
  );
}
