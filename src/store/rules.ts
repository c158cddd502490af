import type { ConversationMessage } from '../api/types.js';
import type {
  LiveSegment,
  MessagePage,
  MessagePosition,
  RetentionPolicy,
  StoredConversation,
  StoredMessage,
} from './types.js';

/*
 * The store's rules, as pure plans: each backend (IndexedDB in `idb/`, memory) reads what a rule
 * needs, asks the rule what to write, and writes it. A rule is written here once, never in a
 * backend, so the two cannot drift apart.
 */

// ── Live messages and the frozen-final rule ──────────────────────────────────────────────────

/** The message id a live transcript segment is stored (and shown) under. */
export function liveMessageId(segmentId: string): string {
  return `live:${segmentId}`;
}

/**
 * Whether a message takes no more live updates: final text is frozen, and so is a server message
 * that replaced the live one.
 */
export function isFrozen(message: StoredMessage): boolean {
  return message.state === 'final' || message.origin === 'server';
}

/** Which of two copies of one message stands: a late interim copy never undoes a frozen one. */
export function standingCopy(existing: StoredMessage, update: StoredMessage): StoredMessage {
  return isFrozen(existing) && update.state === 'interim' ? existing : update;
}

/**
 * Applies one segment update to what is stored for it. Returns the message to store, or
 * `undefined` when the stored one is frozen: a late update after the final one must not reopen it.
 */
export function applySegment(
  stored: StoredMessage | undefined,
  segment: LiveSegment,
): StoredMessage | undefined {
  if (stored && isFrozen(stored)) return undefined;
  return {
    id: stored?.id ?? liveMessageId(segment.segmentId),
    conversationId: segment.conversationId,
    role: segment.role,
    text: segment.text,
    // The first update's time keeps the message where the utterance began.
    createdAt: stored?.createdAt ?? segment.createdAt,
    state: segment.final ? 'final' : 'interim',
    origin: 'live',
    segmentId: segment.segmentId,
  };
}

// ── Server twins: a live message and the server message that repeats it ──────────────────────

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

/**
 * The server message a just-finished live message repeats, when the server's transcript was merged
 * before the segment finished. The live message then gives way to it instead of duplicating it.
 */
export function findServerTwin(
  candidates: Iterable<StoredMessage>,
  live: StoredMessage,
): StoredMessage | undefined {
  let best: StoredMessage | undefined;
  for (const message of candidates) {
    if (message.origin !== 'server' || message.segmentId !== undefined) continue;
    if (!sameUtterance(live, message)) continue;
    const gap = Math.abs(message.createdAt - live.createdAt);
    if (!best || gap < Math.abs(best.createdAt - live.createdAt)) best = message;
  }
  return best;
}

// ── Reconcile ────────────────────────────────────────────────────────────────────────────────

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
    // The visitor's feedback on the live copy stays with the server's message.
    const feedback = existing?.feedback ?? twin?.feedback;
    if (feedback) candidate.feedback = feedback;
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
    a.segmentId !== b.segmentId ||
    a.feedback !== b.feedback
  );
}

// ── Order ────────────────────────────────────────────────────────────────────────────────────

/**
 * Messages oldest first; equal times fall back to the id so every reader sees the same order. It
 * is also the order of IndexedDB's `by-conversation-time` index (time, then the primary key, whose
 * strings compare by UTF-16 code units as `<` does).
 */
export function compareMessages(a: MessagePosition, b: MessagePosition): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** How many messages a page holds when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 100;

/** A page size to trust: a positive whole number, else the default. */
export function pageLimit(limit: number | undefined): number {
  return limit !== undefined && Number.isFinite(limit) && limit >= 1
    ? Math.floor(limit)
    : DEFAULT_PAGE_SIZE;
}

/**
 * The page of `sorted` (in `compareMessages` order) that a store returns: the newest `limit`
 * messages, or with `before` the newest `limit` of those strictly before it; oldest first.
 */
export function pageBefore(
  sorted: readonly StoredMessage[],
  limit?: number,
  before?: MessagePosition,
): MessagePage {
  let end = sorted.length;
  if (before) {
    // The first message at or after `before`, by binary search.
    let low = 0;
    while (low < end) {
      const middle = (low + end) >> 1;
      if (compareMessages(sorted[middle]!, before) < 0) low = middle + 1;
      else end = middle;
    }
  }
  const start = Math.max(0, end - pageLimit(limit));
  return { messages: sorted.slice(start, end), hasOlder: start > 0 };
}

/** Conversations newest first: the last updated, then the last created, then by id. */
export function compareConversations(a: StoredConversation, b: StoredConversation): number {
  return (
    b.updatedAt - a.updatedAt ||
    b.createdAt - a.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

// ── Retention, demotion and pruning ──────────────────────────────────────────────────────────

/** Enough for a visitor's real use, small enough that a shared origin's quota is never the limit. */
export const DEFAULT_RETENTION: RetentionPolicy = {
  maxConversations: 50,
  maxMessagesPerConversation: 10_000,
};

export function resolveRetention(overrides: Partial<RetentionPolicy> = {}): RetentionPolicy {
  return {
    maxConversations: Math.max(1, overrides.maxConversations ?? DEFAULT_RETENTION.maxConversations),
    maxMessagesPerConversation: Math.max(
      1,
      overrides.maxMessagesPerConversation ?? DEFAULT_RETENTION.maxMessagesPerConversation,
    ),
  };
}

/**
 * The agent's other conversations to demote when `conversation` is stored: only one is current
 * per namespace and agent. `siblings` may hold any conversations; the rule picks.
 */
export function planDemotion(
  conversation: StoredConversation,
  siblings: Iterable<StoredConversation>,
): StoredConversation[] {
  if (!conversation.current) return [];
  const demoted: StoredConversation[] = [];
  for (const other of siblings) {
    if (
      other.id !== conversation.id &&
      other.current &&
      other.namespace === conversation.namespace &&
      other.agentId === conversation.agentId
    ) {
      demoted.push({ ...other, current: false });
    }
  }
  return demoted;
}

/** How many of a conversation's oldest messages (in message order) retention drops. */
export function messagesOverLimit(count: number, retention: RetentionPolicy): number {
  return Math.max(0, count - retention.maxMessagesPerConversation);
}

/**
 * The ids of a namespace's least recently updated conversations beyond the retention limit, never
 * `keepId` (the one just written).
 */
export function planConversationPrune(
  inNamespace: readonly StoredConversation[],
  retention: RetentionPolicy,
  keepId?: string,
): string[] {
  let excess = inNamespace.length - retention.maxConversations;
  const removed: string[] = [];
  for (const conversation of [...inNamespace].sort(compareConversations).reverse()) {
    if (excess <= 0) break;
    if (conversation.id === keepId) continue;
    removed.push(conversation.id);
    excess--;
  }
  return removed;
}

/**
 * After a quota error, when pruning to retention freed nothing: the conversation to drop, the least
 * recently updated other than `keepId`, preferring one that is not current.
 */
export function planSpaceVictim(
  all: readonly StoredConversation[],
  keepId?: string,
): string | undefined {
  return all
    .filter((c) => c.id !== keepId)
    .sort((a, b) => Number(a.current) - Number(b.current) || a.updatedAt - b.updatedAt)[0]?.id;
}
