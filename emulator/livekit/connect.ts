import type { IncomingMessage } from 'node:http';
import type { JoinRequest } from '@livekit/protocol';
import type { ClaimGrants } from 'livekit-server-sdk';
import { decodeJoinRequest, matchSignalPath, type SignalPath } from './signal-path.js';
import { type LiveKitCredentials, verifyRoomToken } from './tokens.js';

/** A checked connection attempt: who joins which room. */
export interface Admission {
  room: string;
  identity: string;
  /** Everything the token says about the participant (name, kind, metadata, grants…). */
  claims: ClaimGrants;
}

/** Why a connection attempt is refused, as an HTTP status and the body the client shows. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://emulator.local');
}

export function signalPathOf(req: IncomingMessage): SignalPath | undefined {
  return matchSignalPath(requestUrl(req).pathname);
}

/**
 * The token of a signalling or validate request: livekit-client puts it in the `access_token`
 * query, the server SDKs (rtc-node, Python) in an `Authorization: Bearer` header.
 */
export function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return header ?? url.searchParams.get('access_token') ?? undefined;
}

/** Verifies the token of a signalling or validate request; throws a `Refusal`. */
export async function admit(
  credentials: LiveKitCredentials,
  req: IncomingMessage,
  url: URL = requestUrl(req),
): Promise<Admission> {
  const token = tokenOf(req, url);
  if (!token) throw new Refusal(401, 'no access token given');
  let claims: ClaimGrants;
  try {
    claims = await verifyRoomToken(credentials, token);
  } catch (error) {
    const expired = error instanceof Error && /exp/i.test(error.message);
    throw new Refusal(401, expired ? 'token is expired' : 'invalid token');
  }
  const room = claims.video?.room;
  if (!claims.video?.roomJoin || !room) throw new Refusal(401, 'token has no permission to join');
  if (!claims.sub) throw new Refusal(401, 'token has no identity');
  return { room, identity: claims.sub, claims };
}

/** Reads the join request of a `/rtc/v1` connection; throws a `Refusal` for a malformed one. */
export function joinRequestOf(url: URL): JoinRequest {
  const param = url.searchParams.get('join_request');
  if (param === null) throw new Refusal(400, 'missing join_request');
  try {
    return decodeJoinRequest(param);
  } catch {
    throw new Refusal(400, 'malformed join_request');
  }
}
