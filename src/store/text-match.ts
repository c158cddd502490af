import type { StoredMessage } from './types.js';

/**
 * How far apart, in milliseconds, a live message and a server message may be and still be the same
 * utterance. Server times are when the agent recorded the turn, live times when the segment began.
 */
export const SAME_UTTERANCE_WINDOW_MS = 5 * 60 * 1000;

/** Lower case, no punctuation, single spaces: what speech-to-text passes may disagree on. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `ignoreTime` when the server gave no time: the words alone must decide. */
export interface MatchOptions {
  ignoreTime?: boolean;
}

function closeInTime(live: StoredMessage, server: StoredMessage, options: MatchOptions): boolean {
  return (
    options.ignoreTime || Math.abs(live.createdAt - server.createdAt) <= SAME_UTTERANCE_WINDOW_MS
  );
}

/** A live message and a server one are one utterance: same speaker, same words, close in time. */
export function sameUtterance(
  live: StoredMessage,
  server: StoredMessage,
  options: MatchOptions = {},
): boolean {
  return (
    live.role === server.role &&
    closeInTime(live, server, options) &&
    normaliseText(live.text) === normaliseText(server.text)
  );
}

/** An interim live message the server has the finished version of (its words are a prefix). */
export function unfinishedUtterance(
  live: StoredMessage,
  server: StoredMessage,
  options: MatchOptions = {},
): boolean {
  if (live.state !== 'interim' || live.role !== server.role) return false;
  if (!closeInTime(live, server, options)) return false;
  const partial = normaliseText(live.text);
  return partial.length > 0 && normaliseText(server.text).startsWith(partial);
}
