/**
 * The names LiveKit Agents put on the wire (Node and Python frameworks alike; see
 * shared/design/livekit-agents-wire.md). Every `lk.*` name the widget uses lives here.
 *
 * The framework also sends `lk.agent.session` byte streams (its session events, for its own
 * tools): the widget registers no handler for them, and livekit-client drops a stream without a
 * handler quietly (a debug log).
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
