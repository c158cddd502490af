import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createKrosaiApi } from './api/create-api.js';
import {
  DEFAULT_NAMESPACE,
  type LayoutMode,
  type PersistMode,
  parseMode,
  resolveConfig,
  type ThemeMode,
} from './config/resolve-config.js';
import { ConversationController } from './controllers/conversation-controller.js';
import { LauncherController } from './controllers/launcher-controller.js';
import { LevelMeterController } from './controllers/level-meter-controller.js';
import { ScrollFollowController } from './controllers/scroll-follow-controller.js';
import { loadLanguage, pageLanguage, type ResolvedLocale, resolveLocale } from './i18n/locales.js';
import type { KrosaiStringOverrides } from './i18n/strings.js';
import { styles } from './krosai-conversation.styles.js';
import { openConversationStore } from './store/open-store.js';
import type { ComposerMode } from './templates/composer.js';
import { composerTemplate } from './templates/composer.js';
import { controlsTemplate } from './templates/controls.js';
import { historyTemplate } from './templates/history.js';
import { historyIcon, plusIcon } from './templates/icons.js';
import { launcherTemplate } from './templates/launcher.js';
import { TextReveal } from './templates/long-text.js';
import type { MessageRenderer } from './templates/message.js';
import { announcerTemplate } from './templates/message.js';
import { messageListTemplate } from './templates/message-list.js';
import { errorTemplate, storageWarningTemplate } from './templates/notices.js';
import { statusTemplate } from './templates/status.js';
import { callLockName } from './voice/call-lock.js';
import { loadVoiceSession } from './voice/load-voice-session.js';
import type { VoiceSessionFactory } from './voice/voice-session.js';

/**
 * A conversation with a KrosAI voice agent: the visitor's history (kept in their browser), live
 * transcripts, and a voice call. Every method resolves (never throws into the page); failures are
 * shown to the visitor in their language and reported as `krosai-error` events.
 *
 * @summary Talk to a KrosAI voice agent from any web page.
 *
 * @event krosai-conversation-created - A conversation was created on the visitor's first engagement. `event.conversation`.
 * @event krosai-conversation-changed - The conversation on show changed (created, picked from history, followed from another tab, new, cleared). `event.conversation` or `null`.
 * @event krosai-message - A message became final (the visitor's or the agent's). `event.message`.
 * @event krosai-transcript - Interim transcript text, replaced by later updates. `event.message`.
 * @event krosai-call-state - The call changed state. `event.state`; once `ended`, `event.reason` (`hung-up`, `kicked`, `room-closed`, `call-elsewhere`, `connection-lost`).
 * @event krosai-agent-state - The agent started listening, thinking or speaking. `event.state`.
 * @event krosai-error - Something failed. `event.reason` is machine-readable; `event.error` has the details.
 * @event krosai-before-start - A call is about to start; cancelable (`preventDefault()` stops it).
 *
 * @slot header - Replaces the panel's heading.
 * @slot empty - Shown when the conversation has no messages yet.
 *
 * @csspart launcher - The floating button of `mode="launcher"`.
 * @csspart badge - The launcher's unread count.
 * @csspart panel - The conversation panel.
 * @csspart header - The panel's header.
 * @csspart message-list - The scrolling list of messages.
 * @csspart message - Every message bubble; also `message-user` or `message-agent`.
 * @csspart status - The call and agent state line.
 * @csspart controls - The row of call buttons.
 * @csspart composer - The form for typed messages.
 * @csspart composer-input - Its text field.
 * @csspart button - Every button; each also has its own part below.
 * @csspart mic-button - The call button (start, then hang up); also `start-button` or `hangup-button`.
 * @csspart mute-button - Mutes the microphone during a call.
 * @csspart send-button - Sends typed text.
 * @csspart retry-button - Retries what failed.
 * @csspart dismiss-button - Puts the error message away.
 * @csspart audio-button - Turns the agent's sound on after the browser blocked it.
 * @csspart history-button - Shows or hides the earlier conversations.
 * @csspart new-conversation-button - Leaves the conversation as history and starts afresh.
 * @csspart history-item - One earlier conversation in the history view.
 * @csspart new-messages-button - Jumps to messages that arrived while scrolled up.
 * @csspart empty - The empty state (around the `empty` slot).
 * @csspart history - The list of earlier conversations.
 * @csspart error - The error message.
 * @csspart notice - Informational notes (storage, conversation over).
 *
 * @cssproperty --krosai-background - Panel background colour.
 * @cssproperty --krosai-foreground - Text colour.
 * @cssproperty --krosai-muted - Secondary text colour.
 * @cssproperty --krosai-accent - Colour of primary buttons and the visitor's bubbles.
 * @cssproperty --krosai-accent-foreground - Text colour on the accent colour.
 * @cssproperty --krosai-agent-bubble - Background of the agent's bubbles.
 * @cssproperty --krosai-danger - Colour of the hang-up button and errors.
 * @cssproperty --krosai-border - Border colour.
 * @cssproperty --krosai-radius - Corner radius of the panel and bubbles.
 * @cssproperty --krosai-font - Font family.
 * @cssproperty --krosai-font-size - Base font size.
 * @cssproperty --krosai-focus-ring - Colour of the keyboard focus ring.
 * @cssproperty --krosai-panel-width - Width of the launcher's panel.
 * @cssproperty --krosai-panel-height - Height of the launcher's panel, and of the inline panel's list area.
 * @cssproperty --krosai-launcher-size - Diameter of the launcher button.
 * @cssproperty --krosai-offset - Distance of the launcher from the viewport's corner.
 * @cssproperty --krosai-z-index - Stacking order of the launcher and its panel.
 */
export class KrosaiConversation extends LitElement {
  static override styles = styles;

  private readonly conversation = new ConversationController(this, {
    createApi: (config) =>
      createKrosaiApi({
        sessionUrl: config.sessionUrl,
        apiKey: config.apiKey,
        apiBase: config.apiBase,
      }),
    openStore: (config, onWarning) => openConversationStore({ persist: config.persist, onWarning }),
    loadVoiceSession: () => this.voiceSessionFactory(),
    callLockName,
  });
  private readonly launcher = new LauncherController(this, {
    isOpen: () => this.opened,
    setOpen: (open) => {
      this.opened = open;
    },
    key: () => `${this.namespace || DEFAULT_NAMESPACE}:${this.agentId}`,
    active: () => this.layout === 'launcher',
  });
  private readonly reveal = new TextReveal(this);
  private readonly scrollFollow = new ScrollFollowController(this, {
    list: () => this.renderRoot.querySelector<HTMLElement>('.messages'),
    key: () => this.conversation.conversation?.id,
    items: () => this.conversation.messages,
  });

  constructor() {
    super();
    // Writes the meters' levels each frame; it keeps no state the element reads.
    new LevelMeterController(this, {
      active: () => this.conversation.call.state === 'connected',
      levels: () => this.conversation.call.levels(),
      meters: () => ({
        input: this.renderRoot.querySelector<HTMLElement>('.level-input'),
        output: this.renderRoot.querySelector<HTMLElement>('.level-output'),
      }),
    });
  }

  /** The language in use, resolved before each render. */
  private resolvedLocale: ResolvedLocale = resolveLocale('en');

  /** The view inside the panel: the conversation, or the list of earlier ones. */
  @state() private view: 'conversation' | 'history' = 'conversation';

  /** The KrosAI agent this widget talks to. */
  @property({ attribute: 'agent-id', reflect: true }) agentId = '';

  /** Production: the site's backend route (mounted with `createKrosaiHandler`) that talks to KrosAI. */
  @property({ attribute: 'session-url' }) sessionUrl = '';

  /** Development only: a KrosAI API key used straight from the page (warns outside localhost). */
  @property({ attribute: 'api-key' }) apiKey = '';

  /** Development only: the KrosAI API origin for `api-key` (default https://api.krosai.com). */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Layout: `inline` (fills its container, the default) or `launcher` (a floating button and panel). */
  @property({ reflect: true }) mode: LayoutMode = 'inline';

  /** Whether the launcher's panel is open (`mode="launcher"`); use `open()` / `close()` to change it. */
  @property({ attribute: 'open', type: Boolean, reflect: true }) opened = false;

  /** The heading of the panel; defaults to a localized "Talk to us". */
  @property() override title = '';

  /** The language of the widget (`en`, `fr`, `es`, `de`, `ar`, …); defaults to the page's `lang`. */
  @property() locale = '';

  /** Where the visitor's history is kept: `local` (default), `session` (this tab) or `none`. */
  @property() persist: PersistMode = 'local';

  /** Keeps the history of two widgets on one site apart (default `default`). */
  @property() namespace = '';

  /** Colour scheme: `light`, `dark`, or `auto` (the visitor's system setting, the default). */
  @property({ reflect: true }) theme: ThemeMode = 'auto';

  /** Overrides for any of the widget's texts, e.g. `{ startCall: 'Call us', errors: { network: '…' } }`. */
  @property({ attribute: false }) strings: KrosaiStringOverrides = {};

  /** Renders a message's content your way (e.g. sanitised Markdown); return `undefined` for the default. */
  @property({ attribute: false }) messageRenderer: MessageRenderer | undefined = undefined;

  /** Creates the voice session; the default lazily loads the LiveKit implementation. */
  @property({ attribute: false }) voiceSessionFactory: VoiceSessionFactory = loadVoiceSession;

  private get layout(): LayoutMode {
    return parseMode(this.mode);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['agentId', 'sessionUrl', 'apiKey', 'apiBase', 'persist', 'namespace'] as const;
    if (!this.hasUpdated || keys.some((key) => changed.has(key))) {
      this.conversation.configure(
        resolveConfig({
          agentId: this.agentId,
          sessionUrl: this.sessionUrl,
          apiKey: this.apiKey,
          apiBase: this.apiBase,
          persist: this.persist,
          namespace: this.namespace,
        }),
      );
    }
    this.resolvedLocale = resolveLocale(this.locale || pageLanguage(this), this.strings ?? {});
    if (this.resolvedLocale.pending) {
      // English shows meanwhile; the language's own chunk re-renders when it arrives.
      void loadLanguage(this.resolvedLocale.lang).then(
        () => this.requestUpdate(),
        () => undefined,
      );
    }
    if (this.hasUpdated && (changed.has('namespace') || changed.has('agentId'))) {
      this.launcher.restore();
    }
  }

  private readonly onLauncherToggle = () => {
    if (this.opened) this.close();
    else this.open();
  };

  private readonly onPanelKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.layout !== 'launcher' || !this.opened) return;
    event.stopPropagation();
    this.close();
  };

  private readonly onCall = () => {
    if (this.conversation.call.live) void this.end();
    else void this.start();
  };

  private readonly onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('text') as HTMLInputElement;
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    void this.send(text);
  };

  private readonly onToggleHistory = () => {
    this.view = this.view === 'history' ? 'conversation' : 'history';
  };

  private readonly onSelectConversation = async (id: string) => {
    this.view = 'conversation';
    // The list the visitor picked from goes away: keep keyboard focus on the history toggle.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="history-button"]')?.focus();
    await this.conversation.selectConversation(id);
  };

  private readonly onNewConversation = () => {
    this.view = 'conversation';
    void this.newConversation();
  };

  /** Starts a voice call (creating the conversation if needed). Resolves true once connecting succeeded. */
  async start(): Promise<boolean> {
    // Attributes set just before (or a tag just added) take effect at the next update.
    await this.updateComplete;
    return this.conversation.start();
  }

  /** Hangs up. Resolves when the call is over. */
  end(): Promise<void> {
    return this.conversation.end();
  }

  /** Mutes (`true`) or unmutes the microphone. Resolves false when there is no call. */
  mute(muted = true): Promise<boolean> {
    return this.conversation.mute(muted);
  }

  /** Sends typed text to the agent, starting a call first if none is live. Resolves true once sent. */
  async send(text: string): Promise<boolean> {
    await this.updateComplete;
    return this.conversation.send(String(text ?? ''));
  }

  /** Opens the launcher's panel and moves focus into it. */
  async open(): Promise<void> {
    this.launcher.toggle(true);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="mic-button"]')?.focus();
  }

  /** Closes the launcher's panel and returns focus to the launcher button. */
  async close(): Promise<void> {
    this.launcher.toggle(false);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
  }

  /** Ends any call and leaves the current conversation as history; the next engagement starts a new one. */
  async newConversation(): Promise<void> {
    await this.updateComplete;
    return this.conversation.newConversation();
  }

  /** Forgets this namespace's conversations in this browser. The server keeps its own copy. */
  async clearHistory(): Promise<void> {
    await this.updateComplete;
    return this.conversation.clearHistory();
  }

  private composerMode(): ComposerMode {
    const { call } = this.conversation;
    if (!this.conversation.canEngage) return 'unavailable';
    if (call.connected) return 'send';
    return call.live ? 'waits' : 'starts-call';
  }

  override render() {
    const { lang, dir, strings } = this.resolvedLocale;
    const launcher = this.layout === 'launcher';
    const hidden = launcher && !this.opened;
    return html`
      ${
        launcher
          ? launcherTemplate({
              strings,
              open: this.opened,
              unread: this.launcher.unread,
              onToggle: this.onLauncherToggle,
              onKeydown: this.onPanelKeydown,
            })
          : nothing
      }
      <section
        id="panel"
        class="panel ${launcher ? 'floating' : 'inline'}"
        part="panel"
        lang=${lang}
        dir=${dir}
        aria-label=${this.title || strings.defaultTitle}
        title=""
        ?hidden=${hidden}
        @keydown=${this.onPanelKeydown}
      >
        ${this.renderHeader(strings)}
        ${storageWarningTemplate(strings, this.conversation.storageWarning)}
        ${this.view === 'history' ? this.renderHistory(strings, lang) : this.renderMessages(strings, lang)}
        ${errorTemplate({
          strings,
          error: this.conversation.errors.error,
          canRetry: this.conversation.errors.canRetry,
          onRetry: () => void this.conversation.retry(),
          onDismiss: () => this.conversation.dismissError(),
        })}
        ${this.renderCall(strings)}
        ${announcerTemplate(this.conversation.announcements, strings)}
      </section>
    `;
  }

  private renderHeader(strings: ResolvedLocale['strings']) {
    const inHistory = this.view === 'history';
    return html`
      <header part="header">
        <slot name="header"><h2>${this.title || strings.defaultTitle}</h2></slot>
        <div class="header-actions">
          <button
            type="button"
            class="icon-button"
            part="button history-button"
            aria-pressed=${inHistory ? 'true' : 'false'}
            title=${strings.showHistory}
            @click=${this.onToggleHistory}
          >
            ${historyIcon}<span class="visually-hidden">${strings.showHistory}</span>
          </button>
          <button
            type="button"
            class="icon-button"
            part="button new-conversation-button"
            title=${strings.newConversation}
            @click=${this.onNewConversation}
          >
            ${plusIcon}<span class="visually-hidden">${strings.newConversation}</span>
          </button>
        </div>
      </header>
    `;
  }

  private renderHistory(strings: ResolvedLocale['strings'], lang: string) {
    return historyTemplate({
      strings,
      lang,
      conversations: this.conversation.conversations,
      currentId: this.conversation.conversation?.id,
      onSelect: this.onSelectConversation,
    });
  }

  private renderMessages(strings: ResolvedLocale['strings'], lang: string) {
    const state = this.conversation;
    const over = state.conversation && state.conversation.status !== 'active' && !state.call.live;
    return messageListTemplate({
      messages: state.messages,
      context: { strings, lang, renderer: this.messageRenderer, reveal: this.reveal },
      loading: state.loading,
      emptyText: strings.emptyState,
      overText: over ? strings.conversationOver : undefined,
      hasNewBelow: this.scrollFollow.hasNewBelow,
      onScroll: this.scrollFollow.onScroll,
      onVisitorScroll: this.scrollFollow.onVisitorScroll,
      onShowNew: this.scrollFollow.showNewest,
    });
  }

  private renderCall(strings: ResolvedLocale['strings']) {
    const { call } = this.conversation;
    return html`
      ${statusTemplate({
        strings,
        callState: call.state,
        agentState: call.agentState,
        endReason: call.endReason,
        showLevels: call.connected,
      })}
      ${controlsTemplate({
        strings,
        live: call.live,
        canMute: call.live && call.state !== 'connecting',
        muted: call.muted,
        audioBlocked: call.audioBlocked,
        onCall: this.onCall,
        onPrepare: () => this.conversation.prepare(),
        onMute: () => void this.mute(!call.muted),
        onEnableAudio: () => void this.conversation.startAudio(),
      })}
      ${composerTemplate({ strings, mode: this.composerMode(), onSubmit: this.onSubmit })}
    `;
  }
}
