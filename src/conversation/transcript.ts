import type { ConversationStore, StoredConversation, StoredMessage } from '../store/types.js';
import { isVisible } from './messages.js';

export type TranscriptFormat = 'text' | 'markdown' | 'json';

export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = ['text', 'markdown', 'json'];

/** The words a transcript is written with (the visitor's language). */
export interface TranscriptLabels {
  you: string;
  agent: string;
}

/** How many messages each read of an export takes. */
const EXPORT_PAGE = 1_000;

/** Every visible message of a conversation, oldest first, read a page at a time from the newest. */
export async function allMessages(
  store: ConversationStore,
  conversationId: string,
): Promise<StoredMessage[]> {
  const pages: StoredMessage[][] = [];
  let before: StoredMessage | undefined;
  for (;;) {
    const page = await store.messages(conversationId, { limit: EXPORT_PAGE, before });
    pages.unshift(page.messages);
    before = page.messages[0];
    if (!page.hasOlder || !before) break;
  }
  return pages.flat().filter(isVisible);
}

const iso = (epochMs: number) => {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
};

const speaker = (message: StoredMessage, labels: TranscriptLabels) =>
  message.role === 'user' ? labels.you : labels.agent;

/** Plain text: a heading, then one block per message. Nothing in it is markup. */
function asText(
  conversation: StoredConversation,
  messages: readonly StoredMessage[],
  labels: TranscriptLabels,
): string {
  const head = [conversation.title, conversation.id, iso(conversation.createdAt), ''];
  const body = messages.map(
    (message) => `[${iso(message.createdAt)}] ${speaker(message, labels)}: ${message.text}`,
  );
  return `${[...head, ...body].join('\n')}\n`;
}

/**
 * Text as literal Markdown: every character that could start emphasis, a link, an image, code,
 * HTML or an entity is backslash-escaped, and so is what would start a block at a line's start
 * (a heading, a list, a quote, a rule). A Markdown viewer shows the words; nothing becomes a link
 * or markup.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()<>#!|~&"']/g, '\\$&')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^(\s*)([-+=:])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\\\n');
}

function asMarkdown(
  conversation: StoredConversation,
  messages: readonly StoredMessage[],
  labels: TranscriptLabels,
): string {
  const head = `# ${escapeMarkdown(conversation.title)}\n\n\`${conversation.id.replace(/`/g, '')}\` · ${iso(conversation.createdAt)}\n`;
  const body = messages.map(
    (message) =>
      `**${escapeMarkdown(speaker(message, labels))}** · ${iso(message.createdAt)}\n\n${escapeMarkdown(message.text)}\n`,
  );
  return [head, ...body].join('\n');
}

/**
 * JSON for machines: the conversation and every message with its role, time (ISO 8601) and
 * state. `<`, `>` and `&` are written as `\u` escapes, so the file is inert even pasted into a page.
 */
function asJson(conversation: StoredConversation, messages: readonly StoredMessage[]): string {
  const transcript = {
    conversation: {
      id: conversation.id,
      title: conversation.title,
      status: conversation.status,
      createdAt: iso(conversation.createdAt),
      updatedAt: iso(conversation.updatedAt),
      ...(conversation.rating !== undefined && { rating: conversation.rating }),
    },
    messages: messages.map((message) => ({
      id: message.id,
      role: message.role,
      text: message.text,
      createdAt: iso(message.createdAt),
      state: message.state,
      ...(message.feedback !== undefined && { feedback: message.feedback }),
    })),
  };
  return JSON.stringify(transcript, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const TYPES: Record<TranscriptFormat, { type: string; extension: string }> = {
  text: { type: 'text/plain;charset=utf-8', extension: 'txt' },
  markdown: { type: 'text/markdown;charset=utf-8', extension: 'md' },
  json: { type: 'application/json', extension: 'json' },
};

/** A file name from the title and date, in letters, digits and dashes only. */
function fileName(conversation: StoredConversation, format: TranscriptFormat): string {
  const slug = conversation.title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const date = iso(conversation.createdAt).slice(0, 10);
  return `${['transcript', slug, date].filter(Boolean).join('-')}.${TYPES[format].extension}`;
}

/** The conversation's transcript as a file in `format`. */
export function transcriptFile(
  format: TranscriptFormat,
  conversation: StoredConversation,
  messages: readonly StoredMessage[],
  labels: TranscriptLabels,
): File {
  const content =
    format === 'json'
      ? asJson(conversation, messages)
      : format === 'markdown'
        ? asMarkdown(conversation, messages, labels)
        : asText(conversation, messages, labels);
  return new File([content], fileName(conversation, format), { type: TYPES[format].type });
}

/** Offers a file to the visitor as a download (a link clicked in script, then let go). */
export function downloadFile(file: File, document: Document): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the next task; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
