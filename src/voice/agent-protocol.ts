/**
 * The names LiveKit Agents put on the wire (Node and Python frameworks alike; see
 * shared/design/livekit-agents-wire.md). Every `lk.*` name the widget uses lives here, and the
 * emulator takes them from here too.
 */

/** Text streams (and, before them, `transcription` packets) of what the visitor and agent said. */
export const TRANSCRIPTION_TOPIC = 'lk.transcription';
/** Text streams of what the visitor typed, for the agent's text input. */
export const CHAT_TOPIC = 'lk.chat';

/** One utterance; every stream of it (interim or final) carries the same id. */
export const SEGMENT_ID_ATTRIBUTE = 'lk.segment_id';
/** `"true"` on the stream (header or trailer) that completes an utterance. */
export const TRANSCRIPTION_FINAL_ATTRIBUTE = 'lk.transcription_final';
/** The sid of the audio track the text transcribes; absent in text-only output. */
export const TRANSCRIBED_TRACK_ATTRIBUTE = 'lk.transcribed_track_id';

/** The participant attribute where the agent says what it is doing. */
export const AGENT_STATE_ATTRIBUTE = 'lk.agent.state';

/**
 * Byte streams of the framework's session events (state changes, conversation items), sent to
 * the participant it talks with, for its own tools. The widget registers no handler for them:
 * livekit-client drops a stream without a handler quietly (a debug log).
 */
export const AGENT_SESSION_TOPIC = 'lk.agent.session';

/**
 * The byte stream livekit-client sends the agent once it is active, with what the microphone
 * caught before (WebM/Opus, attributes `trackId`, `sampleRate`, `channels`): a microphone
 * published with its pre-connect buffer (see call-microphone.ts) speaks at once.
 */
export const PRE_CONNECT_AUDIO_TOPIC = 'lk.agent.pre-connect-audio-buffer';
