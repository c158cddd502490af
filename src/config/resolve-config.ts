/** How the widget is laid out: a floating button that opens a panel, or a panel in the page. */
export type LayoutMode = 'launcher' | 'inline';
/**
 * How a conversation starts: `voice-first` (the microphone button leads; typing joins in text),
 * `text-first` (the text field leads; the microphone is offered) or `text-only` (no microphone).
 */
export type ConversationMode = 'voice-first' | 'text-first' | 'text-only';
/** Where history is kept: across visits (`local`), for this tab (`session`), or nowhere (`none`). */
export type PersistMode = 'local' | 'session' | 'none';
/** Colour scheme: fixed, or following the visitor's system setting (`auto`). */
export type ThemeMode = 'light' | 'dark' | 'auto';

/** What the controller needs from the element's attributes, validated and defaulted. */
export interface ConversationConfig {
  agentId: string;
  sessionUrl: string;
  apiKey: string;
  apiBase: string;
  persist: PersistMode;
  namespace: string;
}

export const DEFAULT_NAMESPACE = 'default';

function oneOf<T extends string>(
  value: string | null | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export const parseLayout = (value: string | null | undefined): LayoutMode =>
  oneOf(value, ['launcher', 'inline'] as const, 'inline');

export const parseConversationMode = (value: string | null | undefined): ConversationMode =>
  oneOf(value, ['voice-first', 'text-first', 'text-only'] as const, 'voice-first');

export const parsePersist = (value: string | null | undefined): PersistMode =>
  oneOf(value, ['local', 'session', 'none'] as const, 'local');

/** The element's properties a configuration is resolved from; a change to any starts over. */
export const CONFIG_INPUTS = [
  'agentId',
  'sessionUrl',
  'apiKey',
  'apiBase',
  'persist',
  'namespace',
] as const;

/** A text property as set from script: anything but a string (a number, an object) is none. */
export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

const trimmed = (value: unknown): string => textOf(value).trim();

export function resolveConfig(
  input: Partial<Record<(typeof CONFIG_INPUTS)[number], string | null>>,
): ConversationConfig {
  return {
    agentId: trimmed(input.agentId),
    sessionUrl: trimmed(input.sessionUrl),
    apiKey: trimmed(input.apiKey),
    apiBase: trimmed(input.apiBase),
    persist: parsePersist(input.persist),
    namespace: trimmed(input.namespace) || DEFAULT_NAMESPACE,
  };
}

/** Whether the widget can reach the server at all: it needs a session URL or a dev key. */
export const canReachServer = (config: ConversationConfig): boolean =>
  Boolean(config.agentId && (config.sessionUrl || config.apiKey));

/** A string that changes whenever the controller must start over (new agent, backend or store). */
export const configKey = (config: ConversationConfig): string =>
  JSON.stringify([
    config.agentId,
    config.sessionUrl,
    config.apiKey,
    config.apiBase,
    config.persist,
    config.namespace,
  ]);
