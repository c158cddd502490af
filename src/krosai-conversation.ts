import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { callAreaStyles } from './call-area.styles.js';
import {
  CONFIG_INPUTS,
  type ConversationMode,
  DEFAULT_NAMESPACE,
  type LayoutMode,
  type PersistMode,
  parseConversationMode,
  resolveConfig,
  type ThemeMode,
  textOf,
} from './config/resolve-config.js';
import { contentStyles } from './content.styles.js';
import { addCallVisuals } from './controllers/call-visuals.js';
import { ContentController } from './controllers/content-controller.js';
import { ConversationController } from './controllers/conversation-controller.js';
import { CustomStatesController } from './controllers/custom-states-controller.js';
import { LauncherController } from './controllers/launcher-controller.js';
import { LocaleController } from './controllers/locale-controller.js';
import { PanelController } from './controllers/panel-controller.js';
import type { CallMode } from './conversation/call-machine.js';
import { browserDependencies } from './conversation/dependencies.js';
import type { TranscriptFormat } from './conversation/transcript.js';
import { pageLanguage, type ResolvedLocale, resolveLocale } from './i18n/locales.js';
import type { KrosaiStringOverrides } from './i18n/strings.js';
import { styles } from './krosai-conversation.styles.js';
import { messageStyles } from './messages.styles.js';
import type { MessageRenderer } from './templates/message.js';
import { loadVoiceSession } from './voice/load-voice-session.js';
import { type KrosaiLogLevel, parseLogLevel } from './voice/log-level.js';
import type { AgentState, CallState, VoiceSessionFactory } from './voice/voice-session.js';

/**
 * A conversation with a KrosAI voice agent: the visitor's history (kept in their browser), live
 * transcripts, and a voice call. Every method resolves (never throws into the page); failures are
 * shown to the visitor in their language and reported as `krosai-error` events.
 *
 * @summary Talk to a KrosAI voice agent from any web page.
 *
 * @event {KrosaiConversationCreatedEvent} krosai-conversation-created - A conversation was created on the visitor's first engagement. `event.conversation`.
 * @event {KrosaiConversationChangedEvent} krosai-conversation-changed - The conversation on show changed (created, picked from history, followed from another tab, new, cleared). `event.conversation` or `null`.
 * @event {KrosaiMessageEvent} krosai-message - A message became final (the visitor's or the agent's). `event.message`, `event.mode` (`voice` or `text`).
 * @event {KrosaiTranscriptEvent} krosai-transcript - Interim transcript text, replaced by later updates. `event.message`, `event.mode`.
 * @event {KrosaiCallStateEvent} krosai-call-state - The call changed state or mode. `event.state`, `event.mode` (`voice` or `text`); once `ended`, `event.reason` (`hung-up`, `kicked`, `room-closed`, `call-elsewhere`, `connection-lost`).
 * @event {KrosaiAgentStateEvent} krosai-agent-state - The agent started listening, thinking or speaking. `event.state`.
 * @event {KrosaiErrorEvent} krosai-error - Something failed. `event.reason` is machine-readable; `event.error` has the details.
 * @event {KrosaiFeedbackEvent} krosai-feedback - The visitor gave feedback (with `feedback`): `event.feedback` is `{ kind: 'message', conversationId, messageId, value: 'up' | 'down' | null, text }` or `{ kind: 'rating', conversationId, rating }` (1–5). Stored in the visitor's browser; with `forward-feedback`, also sent to the site's route.
 * @event {KrosaiBeforeStartEvent} krosai-before-start - A call is about to start, in `event.mode` (`voice`, or `text` when the visitor typed); cancelable (`preventDefault()` stops it).
 *
 * @slot header - Replaces the panel's heading.
 * @slot empty - Shown when the conversation has no messages yet.
 *
 * @csspart launcher - The floating button of `layout="launcher"`.
 * @csspart close-button - Closes the launcher's panel on a phone, where it is a full-screen sheet (below 40rem wide: safe areas kept, above the on-screen keyboard, focus kept inside).
 * @csspart expand-button - On larger screens, enlarges the launcher's panel and makes it smaller again.
 * @csspart badge - The launcher's unread count.
 * @csspart panel - The conversation panel.
 * @csspart header - The panel's header.
 * @csspart message-list - The scrolling list of messages.
 * @csspart message - Every message bubble; also `message-user` or `message-agent`.
 * @csspart status - The call and agent state line.
 * @csspart call-timer - The running time of a voice call, in the status line.
 * @csspart visualiser - The agent's voice as moving bars, beside the agent state (still, and hidden, with `prefers-reduced-motion`).
 * @csspart visualiser-bar - Each of its bars; `--krosai-visualiser-color` colours them.
 * @csspart controls - The row of call buttons.
 * @csspart composer - The form for typed messages.
 * @csspart composer-input - Its text field.
 * @csspart button - Every button; each also has its own part below.
 * @csspart mic-button - The call button (start, then hang up); also `start-button` or `hangup-button`.
 * @csspart mute-button - Mutes the microphone during a call.
 * @csspart speaker-button - In a text conversation, plays the agent's voice (off by default).
 * @csspart send-button - Sends typed text.
 * @csspart microphone - The microphone picker (shown once the browser names the microphones: during a voice call, or before it where the page may already use the microphone).
 * @csspart microphone-select - Its list of microphones; the choice is remembered for the site (per `namespace`).
 * @csspart microphone-notice - Says the picked microphone went away and the default one took over.
 * @csspart retry-button - Retries what failed.
 * @csspart dismiss-button - Puts the error message away.
 * @csspart audio-button - Turns the agent's sound on after the browser blocked it.
 * @csspart history-button - Shows or hides the earlier conversations.
 * @csspart new-conversation-button - Leaves the conversation as history and starts afresh.
 * @csspart history-item - One earlier conversation in the history view.
 * @csspart new-messages-button - Jumps to messages that arrived while scrolled up.
 * @csspart earlier-messages-button - At the top of the message list: shows earlier messages (they also load as the visitor scrolls up).
 * @csspart empty - The empty state (around the `empty` slot).
 * @csspart history - The list of earlier conversations.
 * @csspart consent - The consent step before the first call (`consent-text`).
 * @csspart consent-link - Its link to the full terms (`consent-link`).
 * @csspart consent-accept-button - Accepts the terms and starts the call.
 * @csspart consent-decline-button - Declines them; the call does not start.
 * @csspart download-button - In the header: downloads the shown conversation's transcript (`export-format`).
 * @csspart history-download-button - Downloads an earlier conversation's transcript, in the history view.
 * @csspart history-details - An earlier conversation's length and whether it is over.
 * @csspart history-first-line - Its first line.
 * @csspart history-continue-voice-button - Goes on with an open earlier conversation by voice (also `history-continue-text-button`: in the text field).
 * @csspart history-start-anew-button - Beside a conversation that is over: starts a new one (also `start-anew-button`, under a shown one).
 * @csspart feedback - The thumbs under an agent message (`feedback`); each is a `feedback-button`, also `feedback-up-button` or `feedback-down-button` (`aria-pressed` when chosen).
 * @csspart rating - The 1–5 rating once a call ended (`feedback`); each choice is a `rating-button`.
 * @csspart rating-thanks - The thanks once rated.
 * @csspart error - The error message.
 * @csspart notice - Informational notes (storage, conversation over).
 *
 * @cssstate idle - No call (also `connecting`, `waiting-for-agent`, `connected`, `reconnecting`, `ended`, `error`: the call's state).
 * @cssstate live - A call holds or is joining a room.
 * @cssstate voice - The live call uses the microphone.
 * @cssstate text - The live call is typed, without the microphone.
 * @cssstate muted - The microphone is muted.
 * @cssstate open - The launcher's panel is open.
 * @cssstate agent-speaking - The agent is speaking (also `agent-listening`, `agent-thinking`, `agent-idle`, `agent-initializing`, `agent-unknown`).
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
 * @cssproperty --krosai-font-size - Base font size (default `medium`, not the page's root size); every size scales with it.
 * @cssproperty --krosai-focus-ring - Colour of the keyboard focus ring.
 * @cssproperty --krosai-panel-width - Width of the launcher's panel.
 * @cssproperty --krosai-panel-height - Height of the launcher's panel, and of the inline panel's list area.
 * @cssproperty --krosai-panel-expanded-width - Width of the launcher's panel once expanded.
 * @cssproperty --krosai-launcher-size - Diameter of the launcher button.
 * @cssproperty --krosai-offset - Distance of the launcher from the viewport's corner.
 * @cssproperty --krosai-z-index - Stacking order of the launcher and its panel with `stacking=\"z-index\"` (the top layer, the default, is above every z-index).
 * @cssproperty --krosai-visualiser-color - Colour of the agent's visualiser bars (default: the accent colour).
 */
export class KrosaiConversation extends LitElement {
  static override styles = [styles, messageStyles, callAreaStyles, contentStyles];

  private readonly conversation = new ConversationController(
    this,
    browserDependencies(() => this.voiceSessionFactory({ logLevel: parseLogLevel(this.logLevel) })),
  );
  private readonly launcher = new LauncherController(this, {
    isOpen: () => this.open,
    setOpen: (open) => {
      this.open = open;
    },
    key: () => `${this.namespace || DEFAULT_NAMESPACE}:${this.agentId}`,
    active: () => this.panel.floating,
  });
  private readonly content = new ContentController(this, this.conversation, {
    forwardFeedback: () => this.forwardFeedback,
    feedback: () => this.feedback,
    linkHosts: () => this.linkHosts,
    exportFormat: () => this.exportFormat,
    strings: () => this.resolvedLocale.strings,
    newConversation: () => this.panel.onNewConversation(),
  });
  /** The panel: its views, the controllers only it uses, and its render. */
  private readonly panel: PanelController = new PanelController(this, this.conversation, {
    launcher: this.launcher,
    content: this.content,
    locale: () => this.resolvedLocale,
  });

  constructor() {
    super();
    new CustomStatesController(this, this.attachInternals(), () => ({
      call: this.conversation.call,
      open: this.open,
    }));
    addCallVisuals(this, {
      call: () => this.conversation.call,
      panelShown: () => !this.panel.floating || this.open,
      lang: () => this.resolvedLocale.lang,
      root: () => this.renderRoot,
    });
  }

  /** The language in use, resolved before each render. */
  private resolvedLocale: ResolvedLocale = resolveLocale('en');
  private readonly languages = new LocaleController(this);

  /** The KrosAI agent this widget talks to. */
  @property({ attribute: 'agent-id', reflect: true }) agentId = '';

  /** Production: the site's backend route (mounted with `createKrosaiHandler`) that talks to KrosAI. */
  @property({ attribute: 'session-url' }) sessionUrl = '';

  /** Development only: a KrosAI API key used straight from the page (warns outside localhost). */
  @property({ attribute: 'api-key' }) apiKey = '';

  /** Development only: the KrosAI API origin for `api-key` (default https://api.krosai.com). */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** Layout: `inline` (fills its container, the default) or `launcher` (a floating button and panel). */
  @property({ reflect: true }) layout: LayoutMode = 'inline';

  /** Whether the launcher's panel is open (`layout="launcher"`); `show()` and `hide()` also move focus. */
  @property({ type: Boolean, reflect: true }) open = false;

  /**
   * How a conversation starts: `voice-first` (default: the microphone button leads, typing joins
   * in text), `text-first` (the text field leads) or `text-only` (no microphone at all).
   */
  @property({ reflect: true }) mode: ConversationMode = 'voice-first';

  /** The heading of the panel and its accessible name; defaults to a localized "Talk to us". */
  @property() label = '';

  /** The language of the widget (`en`, `fr`, `es`, `de`, `ar`, …); defaults to the page's `lang`. */
  @property() locale = '';

  /** Where the visitor's history is kept: `local` (default), `session` (this tab) or `none`. */
  @property() persist: PersistMode = 'local';

  /** Keeps the history of two widgets on one site apart (default `default`). */
  @property() namespace = '';

  /**
   * Launcher stacking: `top-layer` (default: the button and panel sit above the whole page, out of
   * reach of an ancestor's `transform` or `overflow`) or `z-index` (ordinary stacking by
   * `--krosai-z-index`, for a consent banner that must stay above the widget).
   */
  @property() stacking: 'top-layer' | 'z-index' = 'top-layer';

  /** Colour scheme: `light`, `dark`, or `auto` (the visitor's system setting, the default). */
  @property({ reflect: true }) theme: ThemeMode = 'auto';

  /** Overrides for any of the widget's texts, e.g. `{ startCall: 'Call us', errors: { network: '…' } }`; values that are not strings keep the default. */
  @property({ attribute: false }) strings: KrosaiStringOverrides = {};

  /**
   * The hosts links in messages may point to, separated by spaces (`example.com` allows its
   * subdomains too); empty, the default, allows any http(s) or mailto link. Others show as text.
   */
  @property({ attribute: 'link-hosts' }) linkHosts = '';

  /** Shows thumbs up and down on the agent's messages and a 1–5 rating once a call ends. */
  @property({ type: Boolean, reflect: true }) feedback = false;

  /**
   * Also sends each feedback to the site's route (`POST {session-url}/conversations/{id}/feedback`,
   * given to `createKrosaiHandler`'s `onFeedback`); without it feedback is only an event.
   */
  @property({ attribute: 'forward-feedback', type: Boolean }) forwardFeedback = false;

  /** The format the download button saves transcripts in: `text` (default), `markdown` or `json`. */
  @property({ attribute: 'export-format' }) exportFormat: TranscriptFormat = 'text';

  /** Renders a message's content your way (e.g. sanitised Markdown); return `undefined` for the default. One that throws, or returns what Lit cannot render, gets plain text instead. */
  @property({ attribute: false }) messageRenderer: MessageRenderer | undefined = undefined;

  /**
   * Terms the visitor accepts before the first call (plain text, shown as written); empty, the
   * default, asks nothing. Accepted once per visitor, agent and wording (remembered in
   * localStorage); a decline asks again next time. Comes before `krosai-before-start`.
   */
  @property({ attribute: 'consent-text' }) consentText = '';

  /** An http(s) link to the full terms, shown with `consent-text`. */
  @property({ attribute: 'consent-link' }) consentLink = '';

  /** The text of that link; defaults to a localized "Read the terms". */
  @property({ attribute: 'consent-link-text' }) consentLinkText = '';

  /**
   * How much livekit-client writes to the page's console: `warn` (default: warnings and errors
   * only), `error`, `silent`, or `info` / `debug` to diagnose a call. Read as a call's session is
   * made; livekit-client has one setting for the whole page.
   */
  @property({ attribute: 'log-level' }) logLevel: KrosaiLogLevel = 'warn';

  /** Creates the voice session; the default lazily loads the LiveKit implementation. */
  @property({ attribute: false }) voiceSessionFactory: VoiceSessionFactory = loadVoiceSession;

  /** The call's state now, for a listener that comes late (`krosai-call-state` tells each change). */
  get callState(): CallState {
    return this.conversation.call.state;
  }

  /** How the visitor takes part in the call: `voice`, or `text` without the microphone. */
  get callMode(): CallMode {
    return this.conversation.call.mode;
  }

  /** What the agent is doing now (`krosai-agent-state` tells each change). */
  get agentState(): AgentState {
    return this.conversation.call.agentState;
  }

  /** Whether the microphone is muted; change it with `mute()`. */
  get muted(): boolean {
    return this.conversation.call.muted;
  }

  /** The id of the conversation on show, or `null` before the first engagement. */
  get conversationId(): string | null {
    return this.conversation.conversation?.id ?? null;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || CONFIG_INPUTS.some((key) => changed.has(key))) {
      this.conversation.configure(resolveConfig(this));
    }
    this.conversation.mode = parseConversationMode(this.mode);
    this.resolvedLocale = this.languages.resolve(
      textOf(this.locale) || pageLanguage(this),
      this.strings ?? {},
    );
    if (this.hasUpdated && (changed.has('namespace') || changed.has('agentId'))) {
      this.launcher.restore();
    }
  }

  /**
   * Starts a voice call (creating the conversation if needed), or turns the text conversation
   * into one in the same room; with `mode="text-only"`, joins in text. Resolves true once
   * connecting succeeded.
   */
  async start(): Promise<boolean> {
    // Attributes set just before (or a tag just added) take effect at the next update.
    await this.updateComplete;
    return this.conversation.start();
  }

  /** Hangs up and leaves the room, voice or text. Resolves when the call is over. */
  end(): Promise<void> {
    return this.conversation.end();
  }

  /** Mutes (`true`) or unmutes the microphone. Resolves false when there is no call. */
  mute(muted = true): Promise<boolean> {
    return this.conversation.mute(muted);
  }

  /**
   * Sends typed text to the agent; with no call live it joins the conversation in text first,
   * without the microphone. Resolves true once sent.
   */
  async send(text: string): Promise<boolean> {
    await this.updateComplete;
    return this.conversation.send(String(text ?? ''));
  }

  /** Opens the launcher's panel and moves focus into it. */
  async show(): Promise<void> {
    this.launcher.toggle(true);
    await this.updateComplete;
    this.panel.firstControl()?.focus();
  }

  /** Closes the launcher's panel and returns focus to the launcher button. */
  async hide(): Promise<void> {
    this.launcher.toggle(false);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
  }

  /** Ends any call and leaves the current conversation as history; the next engagement starts a new one. */
  async newConversation(): Promise<void> {
    await this.updateComplete;
    return this.conversation.newConversation();
  }

  /**
   * The transcript of the shown conversation (or of the earlier one with `conversationId`) as a
   * file: `text`, `markdown` (everything escaped: the words only) or `json` (the conversation's id,
   * title and times, each message's role, time and text). Null when there is nothing to export.
   */
  async exportTranscript(
    format: TranscriptFormat = 'text',
    conversationId?: string,
  ): Promise<File | null> {
    await this.updateComplete;
    return this.content.exportTranscript(format, conversationId);
  }

  /** Forgets this namespace's conversations in this browser. The server keeps its own copy. */
  async clearHistory(): Promise<void> {
    await this.updateComplete;
    return this.conversation.clearHistory();
  }

  /**
   * A render that throws would reject `updateComplete`, and with it every method the page awaits.
   * The one value from outside is the site renderer's: one Lit refuses (a TemplateResult-shaped
   * object from JSON, say) sets that renderer aside, and the messages render as text instead.
   */
  protected override update(changed: PropertyValues): void {
    try {
      super.update(changed);
    } catch {
      if (this.panel.refuseRenderer()) queueMicrotask(() => this.requestUpdate());
    }
  }

  override render() {
    return this.panel.render();
  }
}
