import type { EmulatorContext } from '../rest/context.js';
import { HttpError, readJsonObject, requiredString, sendJson } from '../rest/http.js';
import type { Router } from '../rest/router.js';
import type { MessageRole } from '../state.js';
import { parseFault } from './faults.js';

const ROLES: MessageRole[] = ['system', 'user', 'assistant'];

export interface ControlDependencies {
  context: EmulatorContext;
  /** Route patterns faults may target (the REST routes). */
  faultableRoutes: () => string[];
  /** Clears state, faults and settings, and the LiveKit side's rooms. */
  reset: () => Promise<void>;
}

/** The test-only control API under `/control` (no auth: the emulator is local). */
export function registerControlRoutes(router: Router, deps: ControlDependencies): void {
  const { context } = deps;

  router.add('POST /control/reset', async ({ res }) => {
    await deps.reset();
    sendJson(res, 200, { ok: true });
  });

  router.add('GET /control/faults', ({ res }) => sendJson(res, 200, context.faults.list()));

  router.add('POST /control/faults', async ({ req, res }) => {
    const fault = parseFault(await readJsonObject(req), deps.faultableRoutes());
    context.faults.add(fault);
    sendJson(res, 200, fault);
  });

  router.add('POST /control/token-ttl', async ({ req, res }) => {
    const { seconds } = await readJsonObject(req);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
      throw new HttpError(400, "Field 'seconds' must be a positive integer");
    }
    context.settings.tokenTtlSeconds = seconds;
    sendJson(res, 200, { seconds });
  });

  router.add('GET /control/state', ({ res }) => sendJson(res, 200, context.state.snapshot()));

  router.add('GET /control/conversations/:id', ({ res, params }) => {
    const conversation = existing(context, params.id);
    sendJson(res, 200, { ...conversation, messages: context.state.listMessages(params.id) });
  });

  router.add('POST /control/conversations/:id/status', async ({ req, res, params }) => {
    existing(context, params.id);
    const status = requiredString(await readJsonObject(req), 'status');
    sendJson(res, 200, context.state.setStatus(params.id, status));
  });

  router.add('POST /control/conversations/:id/messages', async ({ req, res, params }) => {
    existing(context, params.id);
    const body = await readJsonObject(req);
    const role = requiredString(body, 'role') as MessageRole;
    if (!ROLES.includes(role)) throw new HttpError(400, `Field 'role' must be one of ${ROLES}`);
    const content = body.content;
    if (typeof content !== 'string') throw new HttpError(400, "Field 'content' must be a string");
    sendJson(res, 201, context.state.addMessage(params.id, role, content));
  });
}

function existing(context: EmulatorContext, id: string) {
  const conversation = context.state.getConversation(id);
  if (!conversation) throw new HttpError(404, `Conversation not found: ${id}`);
  return conversation;
}
