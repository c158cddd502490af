import { AccessToken, type ClaimGrants, TokenVerifier } from 'livekit-server-sdk';

/** LiveKit API credentials of the emulator's own "LiveKit server". Local only, never secret. */
export interface LiveKitCredentials {
  apiKey: string;
  apiSecret: string;
}

export const DEFAULT_LIVEKIT_CREDENTIALS: LiveKitCredentials = {
  apiKey: 'emulator-livekit-key',
  apiSecret: 'emulator-livekit-secret-that-is-long-enough-for-hs256',
};

/** Mints a LiveKit access token for one participant of one room, valid for `ttlSeconds`. */
export async function mintRoomToken(
  credentials: LiveKitCredentials,
  room: string,
  identity: string,
  ttlSeconds: number,
  /** `kind: 'agent'` makes an agent participant, as the agents framework's tokens do. */
  claims: { kind?: 'standard' | 'agent'; name?: string } = {},
): Promise<string> {
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity,
    ttl: ttlSeconds,
    name: claims.name,
  });
  if (claims.kind) token.kind = claims.kind;
  token.addGrant({
    room,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    agent: claims.kind === 'agent',
  });
  return token.toJwt();
}

/** Verifies signature and expiry; rejects for a bad, expired or foreign token. */
export function verifyRoomToken(
  credentials: LiveKitCredentials,
  jwt: string,
): Promise<ClaimGrants> {
  return new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(jwt, 0);
}
