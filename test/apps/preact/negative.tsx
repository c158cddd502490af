// Every line marked `expect-error` must fail the type-check, and nothing else may.
export function Wrong() {
  return (
    <krosai-conversation
      agent-id="agent_123"
      mode={42} // expect-error
      persist="forever" // expect-error
      onkrosai-message={(event) => event.state} // expect-error
    />
  );
}
