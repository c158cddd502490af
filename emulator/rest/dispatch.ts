import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault, type FaultBook } from '../control/faults.js';
import { answerPreflight, applyCors } from './cors.js';
import { sendError } from './http.js';
import type { Router } from './router.js';

/** The part of the LiveKit server the HTTP dispatcher needs. */
export interface LiveKitRequestHandler {
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export interface Dispatcher {
  rest: Router;
  control: Router;
  faults: FaultBook;
  livekit: () => LiveKitRequestHandler | undefined;
}

/**
 * One HTTP port for everything: `/v1/*` is KrosAI REST (faults apply there), `/control/*` the test
 * control API, and everything else (`/rtc…/validate`, `/control/livekit/*`) goes to LiveKit.
 */
export async function dispatch(d: Dispatcher, req: IncomingMessage, res: ServerResponse) {
  applyCors(req, res);
  if (req.method === 'OPTIONS') return answerPreflight(req, res);
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const method = req.method ?? 'GET';
  const isLiveKitControl = url.pathname.startsWith('/control/livekit/');
  const router = url.pathname.startsWith('/v1/')
    ? d.rest
    : url.pathname.startsWith('/control/') && !isLiveKitControl
      ? d.control
      : undefined;

  if (!router) {
    const livekit = d.livekit();
    if (livekit && (await livekit.handleRequest(req, res))) return;
    const missing = isLiveKitControl && !livekit ? 'LiveKit is not loaded' : 'Not Found';
    return sendError(res, 404, missing);
  }

  const match = router.match(method, url.pathname);
  if (!('route' in match)) {
    return sendError(
      res,
      match.methodMismatch ? 405 : 404,
      match.methodMismatch ? 'Method Not Allowed' : 'Not Found',
    );
  }
  if (router === d.rest) {
    const fault = d.faults.take(match.route.pattern);
    if (fault && (await applyFault(fault, res))) return;
  }
  await router.run(match, req, res, url);
}
