import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { TranscriptFormat } from '../conversation/transcript.js';
import { type KrosaiFeedback, KrosaiFeedbackEvent } from '../events.js';
import type { KrosaiStrings } from '../i18n/strings.js';
import type {
  ConversationSummary,
  MessageFeedback,
  StoredConversation,
  StoredMessage,
} from '../store/types.js';
import { downloadButtonTemplate, ratingTemplate } from '../templates/content.js';
import type { HistoryView } from '../templates/history.js';
import { parseLinkHosts } from '../templates/links.js';
import type { MessageContext } from '../templates/message.js';
import type { ConversationController } from './conversation-controller.js';
import { MarkdownController } from './markdown-controller.js';

const TRANSCRIPT_FORMATS: readonly string[] = ['text', 'markdown', 'json'];

/** Transcript formatting is its own chunk, loaded on the first export. */
const loadTranscript = () => import('../conversation/transcript.js');

export interface ContentHost {
  /** The element's `forward-feedback`: feedback also goes to the site's route. */
  forwardFeedback(): boolean;
  /** The element's `feedback`: thumbs and rating are shown. */
  feedback(): boolean;
  /** The element's `link-hosts`. */
  linkHosts(): string;
  /** The element's `export-format`, for the download buttons. */
  exportFormat(): string;
  strings(): KrosaiStrings;
  /** Leaves the shown conversation as history (the over notice's "start anew"). */
  newConversation(): void;
}

/**
 * What the visitor does with the conversation's content, beside talking: rich text (Markdown),
 * transcript export and feedback. Every method resolves (never rejects).
 */
export class ContentController {
  readonly markdown: MarkdownController;
  /** Ratings given on this page, by conversation id, until the store's copy shows them. */
  private readonly rated = new Map<string, number>();
  /** The history view's summaries, read afresh each time it opens. */
  private summaries = new Map<string, ConversationSummary | 'reading'>();
  private historyShown = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly conversation: ConversationController,
    private readonly options: ContentHost,
  ) {
    this.markdown = new MarkdownController(host);
  }

  /** A conversation of this widget (its namespace and agent): the shown one, or one by id. */
  private async find(conversationId: string | undefined): Promise<StoredConversation | undefined> {
    const shown = this.conversation.conversation;
    if (conversationId === undefined || conversationId === shown?.id) return shown;
    const store = await this.conversation.store();
    const found = await store?.getConversation(String(conversationId));
    const config = this.conversation.configuration;
    return found && found.namespace === config?.namespace && found.agentId === config.agentId
      ? found
      : undefined;
  }

  /** The transcript as a file, or null when there is no such conversation or nothing in it. */
  async exportTranscript(format: TranscriptFormat, conversationId?: string): Promise<File | null> {
    try {
      if (!TRANSCRIPT_FORMATS.includes(format)) return null;
      const conversation = await this.find(conversationId);
      const store = await this.conversation.store();
      if (!conversation || !store) return null;
      const { allMessages, transcriptFile } = await loadTranscript();
      const messages = await allMessages(store, conversation.id);
      if (messages.length === 0) return null;
      const { you, agent } = this.options.strings();
      return transcriptFile(format, conversation, messages, { you, agent });
    } catch {
      return null;
    }
  }

  /** The download button: the transcript in `format`, offered as a file. */
  async download(format: TranscriptFormat, conversationId?: string): Promise<void> {
    const file = await this.exportTranscript(format, conversationId);
    if (file) (await loadTranscript()).downloadFile(file, this.host.ownerDocument);
  }

  /** The format of the download buttons: the element's `export-format`, text when unknown. */
  private get buttonFormat(): TranscriptFormat {
    const wanted = this.options.exportFormat() as TranscriptFormat;
    return TRANSCRIPT_FORMATS.includes(wanted) ? wanted : 'text';
  }

  // ---- what the element renders ------------------------------------------------------------

  /** The message list's part of the content: links, Markdown and thumbs. */
  messageContext(): Pick<MessageContext, 'links' | 'markdown' | 'onFeedback'> {
    return {
      links: parseLinkHosts(this.options.linkHosts()),
      markdown: (text, links) => this.markdown.render(text, links),
      ...(this.options.feedback() && { onFeedback: this.onFeedback }),
    };
  }

  /** The header's download button, while a conversation with messages is on show. */
  headerActions(strings: KrosaiStrings, shown: boolean) {
    const { messages } = this.conversation;
    return shown && messages.length > 0
      ? downloadButtonTemplate(strings, () => void this.download(this.buttonFormat))
      : nothing;
  }

  /** What the history view shows of each conversation beside its title, and its download. */
  historyContent(): Pick<HistoryView, 'summaryOf' | 'onDownload'> {
    if (!this.historyShown) this.summaries = new Map();
    this.historyShown = true;
    return {
      summaryOf: (conversation) => {
        const known = this.summaries.get(conversation.id);
        if (known === undefined) void this.readSummary(conversation.id);
        return known === 'reading' ? undefined : known;
      },
      onDownload: (id) => void this.download(this.buttonFormat, id),
    };
  }

  private async readSummary(conversationId: string): Promise<void> {
    this.summaries.set(conversationId, 'reading');
    const summaries = this.summaries;
    try {
      const store = await this.conversation.store();
      const summary = await store?.summary(conversationId);
      if (summary && summaries === this.summaries) {
        summaries.set(conversationId, summary);
        this.host.requestUpdate();
      }
    } catch {
      // The list goes without this one's details.
    }
  }

  /**
   * Under the list: once the conversation is over, a way to start anew; once a call ended here
   * (or the conversation is over), the rating, then thanks.
   */
  afterList(strings: KrosaiStrings) {
    this.historyShown = false;
    const { conversation, call, messages } = this.conversation;
    if (!conversation || call.live || messages.length === 0) return nothing;
    const over = conversation.status !== 'active';
    const ratedHere = this.rated.get(conversation.id);
    const askRating =
      this.options.feedback() &&
      (ratedHere !== undefined ||
        (conversation.rating === undefined && (over || call.state === 'ended')));
    return html`${
      askRating
        ? ratingTemplate({
            strings,
            rating: ratedHere,
            onRate: (value) => void this.rateConversation(value),
          })
        : nothing
    }${
      over
        ? html`<button type="button" class="start-anew" part="button start-anew-button" @click=${() => this.options.newConversation()}>
            ${strings.startAnew}
          </button>`
        : nothing
    }`;
  }

  private readonly onFeedback = (message: StoredMessage, value: MessageFeedback) =>
    void this.rateMessage(message, value);

  /** Thumbs up or down on an agent message; the same again takes it back. */
  async rateMessage(message: StoredMessage, value: MessageFeedback): Promise<void> {
    const next = message.feedback === value ? undefined : value;
    const stored: StoredMessage = { ...message };
    if (next) stored.feedback = next;
    else delete stored.feedback;
    await this.save((store) => store.addMessage(stored));
    this.emit(message.conversationId, {
      kind: 'message',
      conversationId: message.conversationId,
      messageId: message.id,
      value: next ?? null,
      text: message.text,
    });
  }

  /** The end-of-call rating, 1 to 5, of the shown conversation. */
  async rateConversation(rating: number): Promise<void> {
    const conversation = this.conversation.conversation;
    if (!conversation || !Number.isInteger(rating) || rating < 1 || rating > 5) return;
    this.rated.set(conversation.id, rating);
    this.host.requestUpdate();
    await this.save(async (store) => {
      const latest = (await store.getConversation(conversation.id)) ?? conversation;
      await store.putConversation({ ...latest, rating });
    });
    this.emit(conversation.id, { kind: 'rating', conversationId: conversation.id, rating });
  }

  private async save(
    write: (
      store: NonNullable<Awaited<ReturnType<ConversationController['store']>>>,
    ) => Promise<void>,
  ) {
    try {
      const store = await this.conversation.store();
      if (store) await write(store);
    } catch {
      // The event still tells the site; the browser could not keep it.
    }
  }

  private emit(conversationId: string, feedback: KrosaiFeedback): void {
    this.host.dispatchEvent(new KrosaiFeedbackEvent(feedback));
    const config = this.conversation.configuration;
    if (this.options.forwardFeedback() && config?.sessionUrl) {
      const handle =
        this.conversation.conversation?.id === conversationId
          ? this.conversation.conversation.handle
          : undefined;
      const { sessionUrl } = config;
      void import('../api/feedback-forward.js')
        .then((module) => module.forwardFeedback(sessionUrl, handle, feedback))
        .catch(() => undefined);
    }
  }
}
