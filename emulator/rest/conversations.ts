import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { mintRoomToken } from '../livekit/tokens.js';
import type { StoredConversation } from '../state.js';
import { usableAgent } from './agents.js';
import { authenticate } from './auth.js';
import { type EmulatorContext, liveKitUrl } from './context.js';
import { HttpError, optionalString, readJsonObject, requiredString, sendJson } from './http.js';
import type { Router } from './router.js';

const DEFAULT_TITLE = 'New Conversation';

/** The participant identity of the visitor in a conversation's room. */
export function visitorIdentity(conversationId: string): string {
  return `visitor_${conversationId}`;
}

/**
 * The Conversation object of krosai-api.md. Room details are always there; a fresh token only
 * while the conversation is active, as KrosAI re-issues it on every read.
 */
async function conversationJson(
  context: EmulatorContext,
  req: IncomingMessage,
  conversation: StoredConversation,
  withToken: boolean,
) {
  const json = { ...conversation, room_url: liveKitUrl(context, req) };
  if (!withToken || conversation.status !== 'active') return json;
  const token = await mintRoomToken(
    context.livekitCredentials,
    conversation.room_name,
    visitorIdentity(conversation.id),
    context.settings.tokenTtlSeconds,
  );
  return { ...json, token };
}

/** The caller's own conversation: 404 when unknown, 403 when another account created it. */
function ownConversation(context: EmulatorContext, id: string, account: string) {
  const conversation = context.state.getConversation(id);
  if (!conversation) throw new HttpError(404, `Conversation not found: ${id}`);
  if (conversation.created_by !== account) {
    throw new HttpError(403, 'Not allowed to access this conversation');
  }
  return conversation;
}

export function registerConversationRoutes(router: Router, context: EmulatorContext): void {
  router.add('POST /v1/conversations', async ({ req, res }) => {
    const account = authenticate(req, context.accounts);
    const body = await readJsonObject(req);
    const agent = usableAgent(context, requiredString(body, 'agent_id'), account);
    const conversation = context.state.createConversation({
      agentId: agent.id,
      title: optionalString(body, 'title') ?? DEFAULT_TITLE,
      createdBy: account,
      systemPrompt: agent.systemPrompt,
    });
    sendJson(res, 201, await conversationJson(context, req, conversation, true));
  });

  router.add('GET /v1/conversations', async ({ req, res }) => {
    const account = authenticate(req, context.accounts);
    // Newest first; listing does not mint tokens (only Get re-issues one).
    const list = context.state.listConversations(account).reverse();
    sendJson(
      res,
      200,
      await Promise.all(list.map((c) => conversationJson(context, req, c, false))),
    );
  });

  router.add('GET /v1/conversations/:id', async ({ req, res, params }) => {
    const account = authenticate(req, context.accounts);
    const conversation = ownConversation(context, params.id, account);
    sendJson(res, 200, await conversationJson(context, req, conversation, true));
  });

  router.add('GET /v1/conversations/:id/messages', ({ req, res, params }) => {
    const account = authenticate(req, context.accounts);
    ownConversation(context, params.id, account);
    sendJson(res, 200, context.state.listMessages(params.id));
  });

  router.add('POST /v1/agents/:id/voice', async ({ req, res, params }) => {
    const account = authenticate(req, context.accounts);
    const agent = usableAgent(context, params.id, account);
    // A voice session has no conversation, so nothing in it is recorded.
    const session = randomUUID();
    const roomName = `voice_${agent.id}_${session}`;
    const token = await mintRoomToken(
      context.livekitCredentials,
      roomName,
      `visitor_${session}`,
      context.settings.tokenTtlSeconds,
    );
    sendJson(res, 200, { room_name: roomName, room_url: liveKitUrl(context, req), token });
  });
}
