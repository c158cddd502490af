import { createKrosaiApi } from '../api/create-api.js';
import { openConversationStore } from '../store/open-store.js';
import { callLockName } from '../voice/call-lock.js';
import type { VoiceSessionFactory } from '../voice/voice-session.js';
import type { ConversationDependencies } from './types.js';

/** The real outside world of a conversation: KrosAI (or the site's route), IndexedDB, LiveKit. */
export function browserDependencies(
  loadVoiceSession: VoiceSessionFactory,
): ConversationDependencies {
  return {
    createApi: ({ sessionUrl, apiKey, apiBase }) =>
      createKrosaiApi({ sessionUrl, apiKey, apiBase }),
    openStore: ({ persist }, onWarning) => openConversationStore({ persist, onWarning }),
    loadVoiceSession,
    callLockName,
  };
}
