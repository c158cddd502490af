// What livekit-client's reasons mean to a visitor, keyed by the names of its enums' members, so
// this module needs livekit-client's types only: the session passes `DisconnectReason[reason]`.
import type { ConnectionErrorReason, DisconnectReason } from 'livekit-client';
import { KrosaiError } from '../errors.js';
import type { CallEndReason } from './voice-session.js';

const END_REASONS: Readonly<Record<string, CallEndReason>> = {
  CLIENT_INITIATED: 'hung-up',
  PARTICIPANT_REMOVED: 'kicked',
  DUPLICATE_IDENTITY: 'call-elsewhere',
  ROOM_DELETED: 'room-closed',
  ROOM_CLOSED: 'room-closed',
  SERVER_SHUTDOWN: 'room-closed',
} satisfies Partial<Record<keyof typeof DisconnectReason, CallEndReason>>;

/** Why a call that was up ended; anything the server does not explain is a lost connection. */
export function endReasonOf(name: string | undefined): CallEndReason {
  return (name === undefined ? undefined : END_REASONS[name]) ?? 'connection-lost';
}

/** A failed join (other than a refused token, which is retried with a fresh one). */
export function joinError(name: string, cause: unknown): KrosaiError {
  switch (name as keyof typeof ConnectionErrorReason) {
    case 'Cancelled':
      return new KrosaiError('aborted', 'Joining the call was cancelled.', { cause });
    case 'Timeout':
      return new KrosaiError('timeout', 'Joining the call timed out.', { cause });
    default:
      return new KrosaiError('network', 'Could not reach the voice server.', { cause });
  }
}
