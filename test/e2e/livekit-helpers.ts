import { waitUntil } from '@open-wc/testing';
import {
  type RemoteAudioTrack,
  Room,
  RoomEvent,
  type TextStreamReader,
  Track,
} from 'livekit-client';
import { createConversation, type RoomTicket } from '../helpers/emulator.js';

/** Waits until `predicate` holds, with a generous limit (the machine is shared and slow). */
export function eventually(predicate: () => boolean, message: string, timeout = 15_000) {
  return waitUntil(predicate, message, { timeout, interval: 50 });
}

/** Polls an async `read` until its value satisfies `done`; returns that value. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  message: string,
  timeout = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A real livekit-client Room, joined to a fresh conversation's room. */
export async function joinConversation(
  room = new Room(),
): Promise<{ room: Room; ticket: RoomTicket }> {
  const ticket = await createConversation();
  await room.connect(ticket.room_url, ticket.token);
  return { room, ticket };
}

/** The agent participant, once it is in the room. */
export async function agentOf(room: Room) {
  await eventually(
    () => [...room.remoteParticipants.values()].some((p) => p.isAgent),
    'the agent joins',
  );
  return [...room.remoteParticipants.values()].find((p) => p.isAgent)!;
}

/** Disconnects quietly, so one test's room never leaks into the next. */
export async function leave(room: Room | undefined): Promise<void> {
  if (!room) return;
  room.removeAllListeners(RoomEvent.Disconnected);
  await room.disconnect();
}

/**
 * What Chromium measured on a received audio track's `inbound-rtp` stats: the current level
 * (0 silence … 1 full scale) and the energy played so far (grows only with non-silent audio).
 */
export async function receivedAudio(
  track: RemoteAudioTrack,
): Promise<{ level: number; energy: number }> {
  const stats = await track.receiver!.getStats();
  const heard = { level: 0, energy: 0 };
  stats.forEach(
    (report: { type: string; kind?: string; audioLevel?: number; totalAudioEnergy?: number }) => {
      if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
      heard.level = Math.max(heard.level, report.audioLevel ?? 0);
      heard.energy = Math.max(heard.energy, report.totalAudioEnergy ?? 0);
    },
  );
  return heard;
}

/**
 * Reads an `lk.transcription` stream as the widget does (src/voice/live-transcripts.ts): reports
 * the text after each chunk (unless the header says final: then once, whole), then at the end
 * whether it is final: when the header or trailer says so, or, for a stream that is not of our
 * own microphone (the agent's delta stream, which Node closes with an empty trailer), at its end.
 */
export async function readTranscription(
  room: Room,
  reader: TextStreamReader,
  onText: (text: string, final: boolean) => void,
): Promise<void> {
  const finalFromStart = reader.info.attributes?.['lk.transcription_final'] === 'true';
  let text = '';
  for await (const chunk of reader) {
    text += chunk;
    if (!finalFromStart) onText(text, false);
  }
  const attributes = reader.info.attributes ?? {};
  const ourMicrophone = room.localParticipant.getTrackPublication(Track.Source.Microphone);
  const ofUs = attributes['lk.transcribed_track_id'] === ourMicrophone?.trackSid;
  onText(text, finalFromStart || attributes['lk.transcription_final'] === 'true' || !ofUs);
}
