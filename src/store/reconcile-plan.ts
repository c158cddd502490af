import type { ConversationMessage } from '../api/types.js';
import { sameUtterance, unfinishedUtterance } from './text-match.js';
import type { StoredMessage } from './types.js';

/** What reconciliation writes: server messages to store, local ones they replace to remove. */
export interface ReconcilePlan {
  put: StoredMessage[];
  removedIds: string[];
}

/**
 * Merges the server's transcript into what is stored for one conversation. The server is
 * authoritative: each server message replaces the live message that is the same utterance (same
 * speaker, same normalised words, the closest in time), inheriting its segment id so a late update
 * of that segment is ignored. Local messages the server lacks are kept; system messages are never
 * stored. Running the same plan twice changes nothing the second time.
 */
export function planReconcile(
  conversationId: string,
  stored: readonly StoredMessage[],
  server: readonly ConversationMessage[],
  now: number,
): ReconcilePlan {
  const storedById = new Map(stored.map((message) => [message.id, message]));
  const unmatchedLive = stored
    .filter((message) => message.origin === 'live')
    .sort((a, b) => a.createdAt - b.createdAt);
  const removedIds = stored
    .filter((message) => message.role === 'system')
    .map((message) => message.id);
  const put: StoredMessage[] = [];
  const matched: StoredMessage[] = [];
  const seen = new Set<string>();
  let previousTime: number | undefined;

  for (const message of server) {
    if (message.role === 'system' || seen.has(message.id)) continue;
    seen.add(message.id);
    const existing = storedById.get(message.id);
    const serverTime = message.createdAt?.getTime();
    const timeKnown = serverTime !== undefined && !Number.isNaN(serverTime);
    const candidate: StoredMessage = {
      id: message.id,
      conversationId,
      role: message.role,
      text: message.content,
      createdAt: timeKnown
        ? serverTime
        : (existing?.createdAt ?? (previousTime === undefined ? now : previousTime + 1)),
      state: 'final',
      origin: 'server',
      segmentId: existing?.segmentId,
    };
    // A server message already paired with a segment takes no other: a second live message with
    // the same words is another utterance.
    const twin =
      existing?.segmentId === undefined ? takeTwin(unmatchedLive, candidate, timeKnown) : undefined;
    if (twin) {
      matched.push(twin);
      removedIds.push(twin.id);
      candidate.segmentId ??= twin.segmentId;
      if (!timeKnown && !existing) candidate.createdAt = twin.createdAt;
    }
    if (candidate.segmentId === undefined) delete candidate.segmentId;
    previousTime = candidate.createdAt;
    if (!existing || differs(existing, candidate)) put.push(candidate);
  }
  for (const echo of unmatchedLive.filter((live) => matched.some((twin) => isEcho(live, twin)))) {
    removedIds.push(echo.id);
  }
  return { put, removedIds };
}

/** How close two live messages with the same words must be to be one utterance heard twice. */
const ECHO_WINDOW_MS = 2000;

/**
 * A live message that repeats a matched one within moments: the same utterance transcribed twice
 * (two segment ids), not a second utterance, so it goes with its twin.
 */
function isEcho(live: StoredMessage, twin: StoredMessage): boolean {
  return (
    live.origin === 'live' &&
    twin.segmentId !== undefined &&
    live.segmentId !== undefined &&
    Math.abs(live.createdAt - twin.createdAt) <= ECHO_WINDOW_MS &&
    sameUtterance(live, twin)
  );
}

/** Removes and returns the live message that best matches a server message, if any does. */
function takeTwin(
  live: StoredMessage[],
  server: StoredMessage,
  timeKnown: boolean,
): StoredMessage | undefined {
  const options = { ignoreTime: !timeKnown };
  const index =
    closestIndex(live, server, timeKnown, (message) => sameUtterance(message, server, options)) ??
    closestIndex(live, server, timeKnown, (message) =>
      unfinishedUtterance(message, server, options),
    );
  return index === undefined ? undefined : live.splice(index, 1)[0];
}

/** The matching message closest in time, or without a time the earliest matching one. */
function closestIndex(
  live: readonly StoredMessage[],
  server: StoredMessage,
  timeKnown: boolean,
  matches: (message: StoredMessage) => boolean,
): number | undefined {
  let best: number | undefined;
  live.forEach((message, index) => {
    if (!matches(message)) return;
    if (best === undefined) best = index;
    else if (timeKnown && distance(message, server) < distance(live[best]!, server)) best = index;
  });
  return best;
}

function distance(a: StoredMessage, b: StoredMessage): number {
  return Math.abs(a.createdAt - b.createdAt);
}

function differs(a: StoredMessage, b: StoredMessage): boolean {
  return (
    a.text !== b.text ||
    a.role !== b.role ||
    a.createdAt !== b.createdAt ||
    a.state !== b.state ||
    a.origin !== b.origin ||
    a.segmentId !== b.segmentId
  );
}
