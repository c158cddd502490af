import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A LiveKit-style id such as `PA_x7Kq…`; livekit-client tells tracks from others by the prefix. */
export function newSid(prefix: 'RM' | 'PA' | 'TR'): string {
  const bytes = randomBytes(12);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${id}`;
}
