import type { AgentConfig } from '../state-agents.js';
import { agentJson } from '../state-agents.js';
import { authenticate } from './auth.js';
import type { EmulatorContext } from './context.js';
import { HttpError, sendJson } from './http.js';
import type { Router } from './router.js';

/** When the agents "were created": fixed, so their JSON is stable across restarts. */
const AGENTS_CREATED_AT = '2025-01-01T00:00:00.000Z';

/** Finds an agent the caller may use: 404 when unknown, 403 when not allowed for this key. */
export function usableAgent(context: EmulatorContext, agentId: string, account: string) {
  const agent = context.agents.get(agentId);
  if (!agent) throw new HttpError(404, `Agent not found: ${agentId}`);
  if (!isAllowed(context, agent, account)) {
    throw new HttpError(403, 'This API key is not allowed to use this agent');
  }
  return agent;
}

function isAllowed(context: EmulatorContext, agent: AgentConfig, account: string): boolean {
  if (!agent.allowedApiKeys) return true;
  return agent.allowedApiKeys.some((key) => context.accounts.get(key) === account);
}

export function registerAgentRoutes(router: Router, context: EmulatorContext): void {
  router.add('GET /v1/agents', ({ req, res }) => {
    const account = authenticate(req, context.accounts);
    const visible = [...context.agents.values()].filter((a) => isAllowed(context, a, account));
    sendJson(
      res,
      200,
      visible.map((agent) => agentJson(agent, AGENTS_CREATED_AT)),
    );
  });

  router.add('GET /v1/agents/:id', ({ req, res, params }) => {
    const account = authenticate(req, context.accounts);
    sendJson(res, 200, agentJson(usableAgent(context, params.id, account), AGENTS_CREATED_AT));
  });
}
