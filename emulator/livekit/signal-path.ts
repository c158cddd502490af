import { gunzipSync } from 'node:zlib';
import { JoinRequest, WrappedJoinRequest, WrappedJoinRequest_Compression } from '@livekit/protocol';

/** Which LiveKit signalling endpoint a request path names. */
export interface SignalPath {
  /** `v1` is the single-PeerConnection path livekit-client 2.23 uses; `v0` the older one. */
  version: 'v0' | 'v1';
  validate: boolean;
}

/**
 * Matches `/rtc`, `/rtc/v1` and their `/validate` siblings, also behind a `/room/<name>` prefix
 * (a `room_url` may carry one; the token names the room anyway).
 */
export function matchSignalPath(pathname: string): SignalPath | undefined {
  const path = pathname.replace(/^\/room\/[^/]+/, '').replace(/\/+$/, '');
  switch (path) {
    case '/rtc':
      return { version: 'v0', validate: false };
    case '/rtc/validate':
      return { version: 'v0', validate: true };
    case '/rtc/v1':
      return { version: 'v1', validate: false };
    case '/rtc/v1/validate':
      return { version: 'v1', validate: true };
    default:
      return undefined;
  }
}

/** Decodes the `join_request` query parameter: base64url of a (usually gzipped) JoinRequest. */
export function decodeJoinRequest(param: string): JoinRequest {
  const wrapped = WrappedJoinRequest.fromBinary(Buffer.from(param, 'base64url'));
  const bytes =
    wrapped.compression === WrappedJoinRequest_Compression.GZIP
      ? gunzipSync(wrapped.joinRequest)
      : wrapped.joinRequest;
  return JoinRequest.fromBinary(bytes);
}
