import type { KrosaiErrorReason } from '../errors.js';
import type { AgentState, CallEndReason, CallState } from '../voice/voice-session.js';

/**
 * Every piece of text the widget shows or announces. A site may override any of them through the
 * element's `strings` property. `{count}`, `{name}` and `{date}` are filled in by `format()`.
 */
export interface KrosaiStrings {
  defaultTitle: string;
  openPanel: string;
  closePanel: string;
  /** The launcher badge's accessible text; `{count}` is the number of unread agent messages. */
  unread: string;
  messagesLabel: string;
  you: string;
  agent: string;
  /** Marks interim transcript text that may still change. */
  provisional: string;
  newMessages: string;
  /** At the top of the message list: reads the page of messages before the oldest shown. */
  earlierMessages: string;
  /** Under a long message shown in part: shows the next part of it. */
  showMore: string;
  emptyState: string;
  loading: string;
  conversationOver: string;
  startCall: string;
  hangUp: string;
  mute: string;
  retry: string;
  /** Retry label when the call is live in another tab: moves it here. */
  takeOver: string;
  dismiss: string;
  composerLabel: string;
  composerPlaceholder: string;
  send: string;
  /** Shown under the composer when no call is live: sending joins the conversation in text. */
  composerStartsText: string;
  /** Shown under the composer when the microphone failed: typing goes on. */
  composerVoiceUnavailable: string;
  /** Shown under the composer while the call is being set up. */
  composerWait: string;
  /** Shown under the composer when the widget cannot start calls. */
  composerUnavailable: string;
  /** The button that resumes the agent's audio after the browser blocked it. */
  enableAudio: string;
  /** The toggle that plays the agent's voice in a text conversation. */
  agentSound: string;
  newConversation: string;
  showHistory: string;
  historyLabel: string;
  historyEmpty: string;
  yourVoice: string;
  agentVoice: string;
  /** Read before the call's running time (the timer itself is not announced). */
  callTimer: string;
  /** The label of the microphone picker. */
  microphone: string;
  /** The system's default input, in the microphone picker. */
  microphoneDefault: string;
  /** A microphone the browser gives no name; `{number}` is its place in the list. */
  microphoneUnnamed: string;
  /** The chosen microphone went away during a call and the default one took over. */
  microphoneFallback: string;
  /** The heading of the consent step before the first call. */
  consentTitle: string;
  consentAccept: string;
  consentDecline: string;
  /** The consent step's link to the site's terms, when the site sets no link text. */
  consentLink: string;
  /** The launcher panel's control that makes it larger (not on phones, where it fills the screen). */
  expandPanel: string;
  collapsePanel: string;
  storageWarning: string;
  /** The button that downloads the shown conversation's transcript. */
  downloadTranscript: string;
  /** In the history view: downloads an earlier conversation's transcript; `{name}` is its title. */
  downloadTranscriptOf: string;
  /** Thumbs up on an agent message. */
  feedbackGood: string;
  /** Thumbs down on an agent message. */
  feedbackBad: string;
  /** The end-of-call rating's question. */
  ratingQuestion: string;
  /** Each choice of that rating; `{count}` is 1 to 5. */
  ratingValue: string;
  /** Shown once the visitor rated the conversation. */
  ratingThanks: string;
  /** History: how many messages an earlier conversation holds. */
  historyMessages: string;
  /** … when it holds one. */
  historyOneMessage: string;
  /** History: the conversation is over. */
  historyOver: string;
  /** History: the conversation can go on. */
  historyActive: string;
  /** Under a conversation that is over: starts a new one. */
  startAnew: string;
  /** Under an earlier conversation that can go on: calls the agent in it. */
  continueVoice: string;
  /** … or goes on typing in it. */
  continueText: string;
  call: Record<CallState, string>;
  /** Shown instead of "Call ended" when the call ended without the visitor hanging up. */
  callEnded: Record<ExplainedEndReason, string>;
  agentStates: Record<AgentState, string>;
  /** What went wrong and what to do about it, per error reason. */
  errors: Record<KrosaiErrorReason, string>;
}

/**
 * Ends the status line explains. A hang-up needs no explanation; a call that moved to another tab
 * or was lost for good shows an error with what to do instead.
 */
export type ExplainedEndReason = Extract<CallEndReason, 'kicked' | 'room-closed'>;

/** A partial override: top-level strings and any keys of the nested maps. */
export type KrosaiStringOverrides = Partial<
  Omit<KrosaiStrings, 'call' | 'callEnded' | 'agentStates' | 'errors'>
> & {
  call?: Partial<KrosaiStrings['call']>;
  callEnded?: Partial<KrosaiStrings['callEnded']>;
  agentStates?: Partial<KrosaiStrings['agentStates']>;
  errors?: Partial<KrosaiStrings['errors']>;
};

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
