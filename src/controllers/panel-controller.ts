import { html, nothing } from 'lit';
import { parseConversationMode, parseLayout, textOf } from '../config/resolve-config.js';
import type { ResolvedLocale } from '../i18n/locales.js';
import type { KrosaiConversation } from '../krosai-conversation.js';
import { callAreaTemplate } from '../templates/call-area.js';
import { containFieldKeys } from '../templates/field-keys.js';
import { headerTemplate } from '../templates/header.js';
import { historyTemplate } from '../templates/history.js';
import { launcherTemplate } from '../templates/launcher.js';
import { TextReveal } from '../templates/long-text.js';
import type { MessageRenderer } from '../templates/message.js';
import { announcerTemplate } from '../templates/message.js';
import { messageListTemplate } from '../templates/message-list.js';
import { errorTemplate, storageWarningTemplate } from '../templates/notices.js';
import { panelActionsTemplate } from '../templates/panel-actions.js';
import { ConsentStepController } from './consent-step-controller.js';
import type { ContentController } from './content-controller.js';
import type { ConversationController } from './conversation-controller.js';
import type { LauncherController } from './launcher-controller.js';
import { MicrophonesController } from './microphones-controller.js';
import { ScrollFollowController } from './scroll-follow-controller.js';
import { SheetController } from './sheet-controller.js';
import { TopLayerController } from './top-layer-controller.js';

/** The element as its panel sees it: its public properties and methods. */
export type PanelElement = Pick<
  KrosaiConversation,
  | 'renderRoot'
  | 'updateComplete'
  | 'requestUpdate'
  | 'addController'
  | 'removeController'
  | 'layout'
  | 'open'
  | 'mode'
  | 'label'
  | 'stacking'
  | 'messageRenderer'
  | 'consentText'
  | 'consentLink'
  | 'consentLinkText'
  | 'muted'
  | 'start'
  | 'mute'
  | 'send'
  | 'show'
  | 'hide'
  | 'newConversation'
> &
  HTMLElement;

/**
 * The element's panel (and the launcher button before it): what it shows (the conversation or
 * the history view), the visitor's moves between the two, and its render. It owns the controllers
 * only the panel uses: the phone sheet, the top layer, scrolling, microphones and the consent step.
 */
export class PanelController {
  /** The view inside the panel: the conversation, or the list of earlier ones. */
  private view: 'conversation' | 'history' = 'conversation';
  /** A site renderer whose output Lit refused to render: its messages fall back to plain text. */
  private refusedRenderer: MessageRenderer | undefined;
  private readonly sheet: SheetController;
  private readonly reveal: TextReveal;
  private readonly microphones: MicrophonesController;
  private readonly scrollFollow: ScrollFollowController;
  private readonly consent: ConsentStepController;

  constructor(
    private readonly host: PanelElement,
    private readonly conversation: ConversationController,
    private readonly options: {
      launcher: LauncherController;
      content: ContentController;
      /** The language in use, resolved before each render. */
      locale: () => ResolvedLocale;
    },
  ) {
    const query = (selector: string) => host.renderRoot.querySelector<HTMLElement>(selector);
    this.sheet = new SheetController(host, {
      open: () => this.floating && host.open,
      panel: () => query('#panel'),
    });
    this.reveal = new TextReveal(host);
    this.microphones = new MicrophonesController(
      host,
      () => conversation.call.live && conversation.call.mode === 'voice',
    );
    this.scrollFollow = new ScrollFollowController(host, {
      list: () => query('.messages'),
      key: () => conversation.conversation?.id,
      items: () => conversation.messages,
      nearTop: () => void conversation.loadOlder(),
      followed: () => conversation.keepNewest(),
    });
    this.consent = new ConsentStepController(host, {
      gate: () => conversation.consent,
      setTerms: (terms) => {
        conversation.consentTerms = terms;
      },
      root: () => host.renderRoot,
      returnFocus: () => this.firstControl(),
    });
    new TopLayerController(host, () => [
      [query('.launcher'), true],
      [query('#panel'), host.open],
    ]);
  }

  /** `layout="launcher"`: a floating button and panel. */
  get floating(): boolean {
    return parseLayout(this.host.layout) === 'launcher';
  }

  /** The control a visitor starts with: the microphone, or the text field without it first. */
  firstControl(): HTMLElement | null {
    const first =
      parseConversationMode(this.host.mode) === 'voice-first' ? 'mic-button' : 'composer-input';
    return this.host.renderRoot.querySelector<HTMLElement>(`[part~="${first}"]`);
  }

  /**
   * Sets the site renderer aside after Lit refused what it returned (its messages render as text
   * instead). True when that calls for another render.
   */
  refuseRenderer(): boolean {
    const renderer = this.host.messageRenderer;
    if (renderer === undefined || this.refusedRenderer === renderer) return false;
    this.refusedRenderer = renderer;
    return true;
  }

  private setView(view: 'conversation' | 'history'): void {
    if (view === this.view) return;
    this.view = view;
    this.host.requestUpdate();
  }

  private readonly onLauncherToggle = () => {
    if (this.host.open) void this.host.hide();
    else void this.host.show();
  };

  private readonly onPanelKeydown = (event: KeyboardEvent) => {
    containFieldKeys(event);
    this.sheet.onKeydown(event);
    if (event.key !== 'Escape' || !this.floating || !this.host.open) return;
    event.stopPropagation();
    void this.host.hide();
  };

  private readonly onCall = () => {
    const { call } = this.conversation;
    if (call.live && call.mode === 'voice') void this.conversation.hangUp();
    else void this.host.start();
  };

  private readonly onToggleHistory = () => {
    this.setView(this.view === 'history' ? 'conversation' : 'history');
  };

  private readonly onSelectConversation = async (id: string) => {
    this.setView('conversation');
    // The list the visitor picked from goes away: keep keyboard focus on the history toggle.
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="history-button"]')?.focus();
    await this.conversation.selectConversation(id);
  };

  /** From the history view: goes on with an open conversation by voice, or in the text field. */
  private readonly onContinue = async (id: string, mode: 'voice' | 'text') => {
    await this.onSelectConversation(id);
    if (mode === 'voice') await this.host.start();
    else this.host.renderRoot.querySelector<HTMLElement>('[part~="composer-input"]')?.focus();
  };

  /** Leaves the shown conversation as history and shows the (new) conversation. */
  readonly onNewConversation = () => {
    this.setView('conversation');
    void this.host.newConversation();
  };

  render() {
    const { host, conversation, sheet } = this;
    const { lang, dir, strings } = this.options.locale();
    const launcher = this.floating;
    const hidden = launcher && !host.open;
    const asSheet = sheet.active;
    const expanded = launcher && !sheet.phone && sheet.expanded;
    const popover = launcher && host.stacking !== 'z-index' ? 'manual' : nothing;
    return html`
      ${
        launcher
          ? launcherTemplate({
              strings,
              open: host.open,
              unread: this.options.launcher.unread,
              onToggle: this.onLauncherToggle,
              onKeydown: this.onPanelKeydown,
              popover,
            })
          : nothing
      }
      <section
        id="panel"
        class="panel ${launcher ? 'floating' : 'inline'} ${asSheet ? 'sheet' : ''} ${expanded ? 'expanded' : ''}"
        part="panel"
        popover=${popover}
        lang=${lang}
        dir=${dir}
        aria-label=${textOf(host.label) || strings.defaultTitle}
        title=""
        ?hidden=${hidden}
        role=${asSheet ? 'dialog' : nothing}
        aria-modal=${asSheet ? 'true' : nothing}
        @keydown=${this.onPanelKeydown}
        @keyup=${containFieldKeys}
        @keypress=${containFieldKeys}
      >
        ${headerTemplate({
          strings,
          label: textOf(host.label) || strings.defaultTitle,
          inHistory: this.view === 'history',
          onToggleHistory: this.onToggleHistory,
          onNewConversation: this.onNewConversation,
          panelActions: html`${this.options.content.headerActions(strings, this.view === 'conversation')}${
            launcher
              ? panelActionsTemplate({
                  strings,
                  sheet: asSheet,
                  phone: sheet.phone,
                  expanded,
                  onClose: () => void host.hide(),
                  onToggleExpanded: () => sheet.toggleExpanded(),
                })
              : nothing
          }`,
        })}
        ${storageWarningTemplate(strings, conversation.storageWarning)}
        ${this.view === 'history' ? this.renderHistory(strings, lang) : this.renderMessages(strings, lang)}
        ${errorTemplate({
          strings,
          error: conversation.error,
          canRetry: conversation.canRetry,
          onRetry: () => void conversation.retry(),
          onDismiss: () => conversation.dismissError(),
        })}
        ${this.consent.render(strings)}
        ${callAreaTemplate({
          strings,
          call: conversation.call,
          voice: conversation.mode !== 'text-only',
          composerMode: conversation.composerMode,
          onCall: this.onCall,
          onPrepare: () => conversation.prepare(),
          onMute: () => void host.mute(!host.muted),
          onEnableAudio: () => void conversation.startAudio(),
          onSpeaker: () => void conversation.setSpeaker(!conversation.call.speakerOn),
          onSend: (text) => void host.send(text),
          microphones: this.microphones.list,
          onPickMicrophone: (deviceId) => void conversation.setMicrophoneDevice(deviceId),
        })}
        ${announcerTemplate(conversation.announcements, strings)}
      </section>
    `;
  }

  private renderHistory(strings: ResolvedLocale['strings'], lang: string) {
    return historyTemplate({
      strings,
      lang,
      conversations: this.conversation.conversations,
      currentId: this.conversation.conversation?.id,
      onSelect: this.onSelectConversation,
      ...this.options.content.historyContent(),
      onContinue: this.onContinue,
      onStartAnew: this.onNewConversation,
    });
  }

  private renderMessages(strings: ResolvedLocale['strings'], lang: string) {
    const state = this.conversation;
    const over = state.conversation && state.conversation.status !== 'active' && !state.call.live;
    const { messageRenderer } = this.host;
    return html`${messageListTemplate({
      messages: state.messages,
      listKey: state.listKey,
      context: {
        strings,
        lang,
        renderer: messageRenderer === this.refusedRenderer ? undefined : messageRenderer,
        reveal: this.reveal,
        ...this.options.content.messageContext(),
      },
      loading: state.loading,
      emptyText: strings.emptyState,
      overText: over ? strings.conversationOver : undefined,
      hasNewBelow: this.scrollFollow.hasNewBelow,
      hasOlder: state.hasOlder,
      loadingOlder: state.loadingOlder,
      onLoadOlder: () => void state.loadOlder(),
      onScroll: this.scrollFollow.onScroll,
      onVisitorScroll: this.scrollFollow.onVisitorScroll,
      onShowNew: this.scrollFollow.showNewest,
    })}${this.options.content.afterList(strings)}`;
  }
}
