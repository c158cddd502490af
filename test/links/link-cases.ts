/*
 * The link finder's cases, shared by the Node test (test/node/links.test.ts) and the
 * JavaScriptCore run (scripts/check-links-jsc.mjs). Plain data and plain code: no Node, no DOM,
 * so the same file runs in any engine.
 */
import type { TextPart } from '../../src/templates/links.js';

export interface LinkCase {
  name: string;
  text: string;
  /** The parts, as `text` strings with links as `[text](href)`. */
  expected: string[];
}

export const LINK_CASES: LinkCase[] = [
  {
    name: 'a link inside a sentence',
    text: 'See https://example.com/a?b=1, then go.',
    expected: ['See ', '[https://example.com/a?b=1](https://example.com/a?b=1)', ', then go.'],
  },
  {
    name: 'trailing punctuation stays text',
    text: 'Go to (https://example.com/x).',
    expected: ['Go to (', '[https://example.com/x](https://example.com/x)', ').'],
  },
  {
    name: 'mailto',
    text: 'mailto:someone@example.com!',
    expected: ['[mailto:someone@example.com](mailto:someone@example.com)', '!'],
  },
  {
    name: 'javascript: stays text',
    text: 'javascript:alert(1) and http://',
    expected: ['javascript:alert(1) and http://'],
  },
  { name: 'no link', text: 'plain words.', expected: ['plain words.'] },
  { name: 'only punctuation after the scheme', text: 'https://...', expected: ['https://...'] },
];

/** Inputs that made a backtracking pattern take seconds; each must come back at once. */
export const PATHOLOGICAL_INPUTS: { name: string; text: string }[] = [
  { name: 'https://a + 102,360 dots + x', text: `https://a${'.'.repeat(102_360)}x` },
  { name: 'https://a + 300,000 dots + x', text: `https://a${'.'.repeat(300_000)}x` },
  // Ten times the input that took 13 s in Node and 15.9 s in JavaScriptCore: a quadratic finder
  // would need about a hundred times that (over 20 minutes), far past any test's timeout, while a
  // linear one still answers in milliseconds. No timing is asserted, only that it comes back.
  { name: 'https://a + 1,023,600 dots + x (10x)', text: `https://a${'.'.repeat(1_023_600)}x` },
  { name: '100,000 mixed closing marks + x', text: `http://a${').,;:!?]}"\''.repeat(10_000)}x` },
  { name: '20,000 schemes in a row', text: 'https://'.repeat(20_000) },
  { name: '20,000 short links', text: 'http://a.b. '.repeat(20_000) },
  { name: '100,000 word characters', text: 'a'.repeat(100_000) },
];

export function describeParts(parts: readonly TextPart[]): string[] {
  return parts.map((part) => (part.kind === 'link' ? `[${part.text}](${part.href})` : part.text));
}

/** Concatenated parts give back the text, character for character. */
export function joined(parts: readonly TextPart[]): string {
  return parts.map((part) => part.text).join('');
}
