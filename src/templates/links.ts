/** A run of message text: plain, or a link we judged safe to make clickable. */
export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string };

// Candidates only; every one is re-checked with the URL parser below. One greedy class after a
// literal prefix: no engine backtracks into it, so finding candidates is linear.
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
/**
 * Punctuation that ends a sentence rather than the link. Cut with a loop from the end, not with
 * a `[…]+$` regex: that one is retried at every character of a long run of dots, which is
 * quadratic in Node and JavaScriptCore (13 s for 100,000 dots).
 */
const TRAILING_PUNCTUATION = new Set('.,;:!?)]}\'"');
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

function safeHref(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function withoutTrailingPunctuation(candidate: string): string {
  let end = candidate.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(candidate[end - 1]!)) end--;
  return candidate.slice(0, end);
}

/**
 * Splits message text into plain text and http(s)/mailto links. Anything else, `javascript:`
 * included, stays plain text; the caller renders every part as text, never as HTML.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = withoutTrailingPunctuation(match[0]);
    const href = safeHref(raw);
    if (!href) continue;
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
