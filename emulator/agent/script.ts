/** What the scripted agent says, and how fast: fixed, so tests and the demo can rely on it. */

export const AGENT_NAME = 'KrosAI agent';

export const GREETING = "Hello! I'm the emulator's scripted agent. Talk to me, or type a message.";

/** The reply to a typed message: it quotes the message, so a test can match the pair. */
export function replyTo(text: string): string {
  return `You said: "${text.trim()}". I'm a scripted agent, so that is all I can do for now.`;
}

/**
 * Splits an utterance into the growing prefixes that speech-to-text reports as interim transcripts
 * before the final one.
 */
export function interimPrefixes(text: string, parts = 3): string[] {
  const words = text.split(' ');
  const step = Math.max(1, Math.ceil(words.length / parts));
  const prefixes: string[] = [];
  for (let n = step; n < words.length; n += step) prefixes.push(words.slice(0, n).join(' '));
  return prefixes;
}

/**
 * Splits the agent's words into the pieces its delta stream carries, as the Node framework's
 * synchroniser releases them: each word with the spacing before it ("Hello!", " I'm", …), so that
 * they add up to the text exactly.
 */
export function wordPieces(text: string): string[] {
  const pieces = text.match(/\s*\S+/g) ?? [];
  const trailing = text.match(/\s*$/)?.[0] ?? '';
  if (trailing && pieces.length) pieces[pieces.length - 1] += trailing;
  return pieces;
}

/** Pauses that make each state visible to a page (and to a person watching the demo). */
export const TIMING = {
  /** From the first user's connection to the greeting. */
  readyMs: 500,
  thinkingMs: 400,
  /** Between the words of the agent's speech when no clip paces them. */
  wordMs: 60,
  /** Between the interim transcripts of the visitor's speech. */
  interimMs: 150,
};
