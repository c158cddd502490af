import {
  ParticipantInfo,
  ParticipantInfo_Kind,
  ParticipantInfo_State,
  ParticipantPermission,
  RequestResponse_Reason,
  type UpdateParticipantMetadata,
} from '@livekit/protocol';
import type { ClaimGrants } from 'livekit-server-sdk';
import { newSid } from './ids.js';

/** The token's `kind` claim, as LiveKit's server reads it. */
const KINDS: Record<string, ParticipantInfo_Kind> = {
  standard: ParticipantInfo_Kind.STANDARD,
  ingress: ParticipantInfo_Kind.INGRESS,
  egress: ParticipantInfo_Kind.EGRESS,
  sip: ParticipantInfo_Kind.SIP,
  agent: ParticipantInfo_Kind.AGENT,
  connector: ParticipantInfo_Kind.CONNECTOR,
};

/**
 * A new participant as the token describes it: identity, name, metadata, attributes, kind (AGENT
 * for `kind: agent` or the `agent` grant, which the agents framework's tokens carry) and the
 * permissions its grants give.
 */
export function participantInfoFrom(claims: ClaimGrants): ParticipantInfo {
  const now = Date.now();
  const video = claims.video ?? {};
  const identity = claims.sub ?? '';
  const agent = video.agent === true || claims.kind === 'agent';
  return new ParticipantInfo({
    sid: newSid('PA'),
    identity,
    name: claims.name ?? identity,
    metadata: claims.metadata ?? '',
    attributes: { ...claims.attributes },
    kind: agent
      ? ParticipantInfo_Kind.AGENT
      : (KINDS[claims.kind ?? ''] ?? ParticipantInfo_Kind.STANDARD),
    state: ParticipantInfo_State.ACTIVE,
    joinedAt: BigInt(Math.floor(now / 1000)),
    joinedAtMs: BigInt(now),
    version: 1,
    permission: new ParticipantPermission({
      // LiveKit treats an absent publish/subscribe grant as allowed.
      canSubscribe: video.canSubscribe ?? true,
      canPublish: video.canPublish ?? true,
      canPublishData: video.canPublishData ?? true,
      // LiveKit's default is false; the emulator's own tokens never set it and its pages and
      // scripted agent always could, so only an explicit `false` forbids it here.
      canUpdateMetadata: video.canUpdateOwnMetadata ?? true,
      hidden: video.hidden ?? false,
      agent,
    }),
  });
}

/**
 * Applies `updateMetadata` as LiveKit does: an empty name or metadata leaves it as it was, an
 * attribute set to "" is deleted, others are merged. Answers the reason for `requestResponse`
 * and whether anything changed.
 */
export function applyMetadataUpdate(
  info: ParticipantInfo,
  update: UpdateParticipantMetadata,
): { reason: RequestResponse_Reason; changed: boolean } {
  if (!info.permission?.canUpdateMetadata) {
    return { reason: RequestResponse_Reason.NOT_ALLOWED, changed: false };
  }
  let changed = false;
  if (update.name && update.name !== info.name) {
    info.name = update.name;
    changed = true;
  }
  if (update.metadata && update.metadata !== info.metadata) {
    info.metadata = update.metadata;
    changed = true;
  }
  for (const [key, value] of Object.entries(update.attributes)) {
    if (value === '') {
      if (key in info.attributes) {
        delete info.attributes[key];
        changed = true;
      }
    } else if (info.attributes[key] !== value) {
      info.attributes[key] = value;
      changed = true;
    }
  }
  return { reason: RequestResponse_Reason.OK, changed };
}
