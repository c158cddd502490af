import { RequestResponse, RequestResponse_Reason, type SignalRequest } from '@livekit/protocol';

/**
 * LiveKit's `requestResponse` for a request that carries a `requestId` (the SDKs wait for it:
 * rtc-node's `setAttributes` otherwise resolves only after a 5 s timeout). An error names the
 * request it refers to, in the response's own oneof.
 */
export function requestResponse(
  requestId: number,
  reason: RequestResponse_Reason,
  request?: SignalRequest['message'],
): RequestResponse {
  if (reason === RequestResponse_Reason.OK) return new RequestResponse({ requestId, reason });
  const echoed = echoOf(request);
  return new RequestResponse({
    requestId,
    reason,
    message: RequestResponse_Reason[reason],
    ...(echoed ? { request: echoed } : {}),
  });
}

function echoOf(
  request: SignalRequest['message'] | undefined,
): RequestResponse['request'] | undefined {
  switch (request?.case) {
    case 'updateMetadata':
      return { case: 'updateMetadata', value: request.value };
    case 'publishDataTrackRequest':
      return { case: 'publishDataTrack', value: request.value };
    case 'unpublishDataTrackRequest':
      return { case: 'unpublishDataTrack', value: request.value };
    default:
      return undefined;
  }
}
