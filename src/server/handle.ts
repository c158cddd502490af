/*
 * Ownership without a session store. At creation the route gives the visitor a handle,
 * `v1.<issued-at seconds>.<HMAC-SHA256(secret, "<conversation id>\n<issued-at>") in base64url>`;
 * later calls must bring it back. Only the holder of `secret` can make one, so a visitor can
 * read only the conversations it created, even knowing other conversation ids.
 */

const VERSION = 'v1';
const encoder = new TextEncoder();

export interface HandleSigner {
  /** A fresh handle for a conversation this route just created. */
  sign(conversationId: string, issuedAt?: Date): Promise<string>;
  /** Whether `handle` was issued by this route for exactly this conversation (and is not too old). */
  verify(conversationId: string, handle: string, now?: Date): Promise<boolean>;
}

/** `maxAgeSeconds` undefined: handles never expire (the visitor's history lives on). */
export function createHandleSigner(secret: string, maxAgeSeconds?: number): HandleSigner {
  const key = crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = async (conversationId: string, issuedAt: string) =>
    new Uint8Array(
      await crypto.subtle.sign('HMAC', await key, encoder.encode(`${conversationId}\n${issuedAt}`)),
    );

  return {
    async sign(conversationId, issuedAt = new Date()) {
      const seconds = String(Math.floor(issuedAt.getTime() / 1000));
      return `${VERSION}.${seconds}.${toBase64Url(await mac(conversationId, seconds))}`;
    },
    async verify(conversationId, handle, now = new Date()) {
      const [version, seconds, signature, ...rest] = handle.split('.');
      if (version !== VERSION || !seconds || !signature || rest.length > 0) return false;
      if (!/^\d{1,12}$/.test(seconds)) return false;
      // Compared as text, not decoded bytes: base64 has several spellings of the same bytes, and
      // only the one this route wrote is accepted.
      const expected = toBase64Url(await mac(conversationId, seconds));
      if (!equalInConstantTime(encoder.encode(signature), encoder.encode(expected))) return false;
      if (maxAgeSeconds === undefined) return true;
      return now.getTime() / 1000 - Number(seconds) <= maxAgeSeconds;
    },
  };
}

/** Compares every byte whatever the first difference, so timing tells nothing of the MAC. */
function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false; // the length of the MAC is no secret
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
