import type { RetentionPolicy } from './types.js';

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
