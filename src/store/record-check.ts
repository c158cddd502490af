import type { StoreChange, StoredConversation, StoredMessage } from './types.js';

/*
 * Checks of every record read back from storage: IndexedDB, a sessionStorage snapshot, another
 * tab's BroadcastChannel message. Like the server's answers (src/api/validate.ts), they are input,
 * not trusted data: another script on the origin, an extension, an old version or a bug may have
 * written anything there. Each check copies only the fields it knows, repairs what can be repaired
 * without inventing content (a missing title, an unreadable date) and drops the rest, so no object
 * of another shape (a Lit TemplateResult above all, which Lit would render as markup) ever reaches
 * a template, and one bad record never hides the good ones.
 */

type Fields = Record<string, unknown>;

/** The range of times a Date can hold; anything else makes date formatting throw. */
const MAX_TIME = 8.64e15;

function fieldsOf(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : undefined;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_TIME;
}

const nonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value !== '';

/** A conversation as stored, repaired where it can be; undefined when it cannot be used at all. */
export function checkConversation(value: unknown): StoredConversation | undefined {
  const fields = fieldsOf(value);
  if (!fields) return undefined;
  const { id, namespace, agentId, title, status, createdAt, updatedAt, handle } = fields;
  if (!nonEmptyString(id) || typeof namespace !== 'string' || !nonEmptyString(agentId)) {
    return undefined;
  }
  // A conversation whose dates are unreadable is still the visitor's: keep it, dated as well as
  // its other date allows.
  const created = isTime(createdAt) ? createdAt : isTime(updatedAt) ? updatedAt : 0;
  const conversation: StoredConversation = {
    id,
    namespace,
    agentId,
    title: typeof title === 'string' ? title : '',
    status: typeof status === 'string' ? status : '',
    createdAt: created,
    updatedAt: isTime(updatedAt) ? updatedAt : created,
    current: fields['current'] === true,
  };
  if (typeof handle === 'string') conversation.handle = handle;
  const { rating } = fields;
  if (typeof rating === 'number' && Number.isInteger(rating) && rating >= 1 && rating <= 5) {
    conversation.rating = rating;
  }
  return conversation;
}

const ROLES: ReadonlySet<unknown> = new Set(['user', 'assistant', 'system']);

/** A message as stored; undefined when its text, time or identity is not what a message has. */
export function checkMessage(value: unknown): StoredMessage | undefined {
  const fields = fieldsOf(value);
  if (!fields) return undefined;
  const { id, conversationId, role, text, createdAt, state, origin, segmentId } = fields;
  if (!nonEmptyString(id) || !nonEmptyString(conversationId) || !ROLES.has(role)) return undefined;
  if (typeof text !== 'string' || !isTime(createdAt)) return undefined;
  const message: StoredMessage = {
    id,
    conversationId,
    role: role as StoredMessage['role'],
    text,
    createdAt,
    // v1 records had neither: the schema's migration fills them in the same way.
    state: state === 'interim' ? 'interim' : 'final',
    origin:
      origin === 'live' || origin === 'server'
        ? origin
        : id.startsWith('live:')
          ? 'live'
          : 'server',
  };
  if (typeof segmentId === 'string') message.segmentId = segmentId;
  if (fields.feedback === 'up' || fields.feedback === 'down') message.feedback = fields.feedback;
  return message;
}

/** The records that pass `check`, in order; the others are left out. */
export function checkedRecords<T>(
  values: readonly unknown[],
  check: (value: unknown) => T | undefined,
): T[] {
  const checked: T[] = [];
  for (const value of values) {
    const record = check(value);
    if (record !== undefined) checked.push(record);
  }
  return checked;
}

/** An optional list whose every item passes: the items, undefined when absent, 'bad' otherwise. */
function checkedList<T>(
  value: unknown,
  check: (item: unknown) => T | undefined,
): T[] | undefined | 'bad' {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return 'bad';
  const checked = checkedRecords(value, check);
  return checked.length === value.length ? checked : 'bad';
}

/**
 * A change announced by another tab. A change whose records do not all pass loses them and says
 * only what changed, so listeners read the (checked) store instead; an unknown one is undefined.
 */
export function checkChange(value: unknown): StoreChange | undefined {
  const fields = fieldsOf(value);
  if (!fields) return undefined;
  const { type, conversationId } = fields;
  if (type === 'cleared') {
    const { namespace } = fields;
    return typeof namespace === 'string' || namespace === null ? { type, namespace } : undefined;
  }
  if (!nonEmptyString(conversationId)) return undefined;
  if (type === 'deleted') return { type, conversationId };
  if (type === 'conversation') {
    const conversation = checkConversation(fields['conversation']);
    return conversation?.id === conversationId
      ? { type, conversationId, conversation }
      : { type, conversationId };
  }
  if (type === 'messages') {
    const messages = checkedList(fields['messages'], checkMessage);
    const removedIds = checkedList(fields['removedIds'], (id) =>
      typeof id === 'string' ? id : undefined,
    );
    if (messages === 'bad' || removedIds === 'bad') return { type, conversationId };
    if (messages?.some((message) => message.conversationId !== conversationId)) {
      return { type, conversationId };
    }
    return {
      type,
      conversationId,
      ...(messages === undefined ? {} : { messages }),
      ...(removedIds === undefined ? {} : { removedIds }),
    };
  }
  return undefined;
}
