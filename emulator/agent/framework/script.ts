/**
 * What the framework agent's stand-in models know: fixed, so tests and the demo can rely on it.
 * The stand-in speech-to-text "hears" `HEARD_PHRASES` in turn; the stand-in LLM greets, answers
 * those phrases (and a few more questions) and echoes anything else.
 */

export const AGENT_NAME = 'KrosAI agent';

export const GREETING = "Hello! I'm the emulator's agent. Talk to me, or type a message.";

/** One phrase per utterance the visitor's microphone carries, in this order, then again. */
export const HEARD_PHRASES = ['What can you do?', 'Tell me about KrosAI.', 'Thank you, goodbye.'];

const ANSWERS: ReadonlyArray<readonly [question: string, answer: string]> = [
  ['what can you do', 'I greet you, answer a few questions, and repeat what you type.'],
  ['tell me about krosai', 'KrosAI builds voice agents that talk to your visitors.'],
  ['thank you goodbye', "You're welcome. Goodbye!"],
  ['hello', 'Hello again! Ask me what I can do.'],
  ['what is your name', "I'm the emulator's agent."],
];

/** Lower case, punctuation dropped, spaces collapsed: how a question is looked up. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The reply to one user message: a known question's answer, or the message quoted back. */
export function replyTo(text: string): string {
  const asked = normalise(text);
  const known = ANSWERS.find(([question]) => question === asked);
  return known ? known[1] : `You said: "${text.trim()}".`;
}
