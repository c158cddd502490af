import { loadChunk } from '../chunk-load.js';
import type { VoiceSessionFactory } from './voice-session.js';

/**
 * Loads the LiveKit implementation on first use. A dynamic import keeps livekit-client out of the
 * initial script: bundlers split it into its own chunk, fetched when a call is about to start.
 */
export const loadVoiceSession: VoiceSessionFactory = (options) =>
  loadChunk('voice code', () => import('./livekit-voice-session.js')).then((module) =>
    module.createLiveKitVoiceSession(options),
  );
