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

/** Which links a message may hold: any host, or only the site's hosts (`link-hosts`), maybe none. */
export interface LinkPolicy {
  hosts: readonly string[] | 'any';
}

export const ANY_HOST: LinkPolicy = { hosts: 'any' };

/**
 * `link-hosts="example.com docs.example.org"`: names, lower-cased, separated by spaces or commas;
 * empty or unset allows any host. From script, a list of names works too; anything else that is
 * not text (a site's bug, or hostile input) allows no host, so a restriction never fails open.
 */
export function parseLinkHosts(value: unknown): LinkPolicy {
  if (value === undefined || value === null) return ANY_HOST;
  const names = Array.isArray(value) && value.every((name) => typeof name === 'string');
  if (typeof value !== 'string' && !names) return { hosts: [] };
  const hosts = (names ? value.join(' ') : (value as string))
    .toLowerCase()
    .split(/[\s,]+/)
    .map((host) => host.replace(/^\*?\./, ''))
    .filter(Boolean);
  return hosts.length ? { hosts } : ANY_HOST;
}

/** A host is allowed when it is one the site named or a subdomain of one. */
function hostAllowed(host: string, policy: LinkPolicy): boolean {
  if (policy.hosts === 'any') return true;
  const name = host.toLowerCase();
  return policy.hosts.some((allowed) => name === allowed || name.endsWith(`.${allowed}`));
}

/**
 * The normalised href of an http(s) or mailto link whose host (a mail address's domain) the
 * policy allows; undefined for anything else (`javascript:`, `data:`, relative links, …).
 */
export function allowedHref(candidate: string, policy: LinkPolicy = ANY_HOST): string | undefined {
  try {
    const url = new URL(candidate);
    if (!SAFE_PROTOCOLS.has(url.protocol)) return undefined;
    const host = url.protocol === 'mailto:' ? url.pathname.split('@').at(-1)! : url.hostname;
    return hostAllowed(host, policy) ? url.href : undefined;
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
export function splitLinks(text: string, policy: LinkPolicy = ANY_HOST): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = withoutTrailingPunctuation(match[0]);
    const href = allowedHref(raw, policy);
    if (!href) continue;
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
