import { KrosaiError, toKrosaiError } from '../errors.js';
import { KrosaiBeforeStartEvent } from '../events.js';
import type { StoredConversation } from '../store/types.js';
import type { VoiceSessionEvent } from '../voice/voice-session.js';
import { callTarget } from './call-target.js';
import type { ConversationContext } from './context.js';
import { keepTypedText, showTranscript } from './live-messages.js';
import { refOf } from './run.js';
import { syncFromServer } from './server-sync.js';

export interface StartOptions {
  /** Take the call over from another tab of this site that holds it. */
  takeOver?: boolean;
}

/** Starts (or joins) the call; resolves true once connecting succeeded. */
export function startCall(context: ConversationContext, options: StartOptions = {}) {
  return context.call.startOnce(() => joinCall(context, options));
}

async function joinCall(context: ConversationContext, options: StartOptions): Promise<boolean> {
  const { run, shown, call, errors, host } = context;
  // A call started during page load continues the stored conversation, not a new one.
  await run.shown;
  if (run.stale) return false;
  const before = new KrosaiBeforeStartEvent(shown.active ?? null);
  host.dispatchEvent(before);
  if (before.defaultPrevented) {
    call.cancelWaits();
    return false;
  }
  errors.clear();
  const signal = call.begin(run.signal);
  try {
    const { api } = run;
    if (!api || !run.config.agentId) {
      throw new KrosaiError('config', 'Set agent-id and session-url (or api-key in development).');
    }
    const session = call.takeSession();
    const { conversation, roomUrl, token } = await callTarget(context, api, signal);
    const voice = await session;
    if (signal.aborted) {
      await voice.disconnect();
      return false;
    }
    call.attach(voice, (event) => onVoiceEvent(context, conversation, event));
    await voice.connect({
      roomUrl,
      token,
      signal,
      lockName: context.callLockName?.(conversation.id),
      takeOver: options.takeOver,
      refreshToken: async () => {
        const fresh = await api.getConversation(refOf(conversation), { signal });
        if (!fresh.token) throw new KrosaiError('token-expired', 'No fresh token was issued.');
        return fresh.token;
      },
    });
    return !signal.aborted;
  } catch (error) {
    if (signal.aborted || run.stale) return false;
    call.fail();
    errors.report(error, retryStart(context, error));
    return false;
  }
}

/** How to try a failed call again: a call live in another tab is taken over from it. */
function retryStart(context: ConversationContext, error: unknown): () => Promise<boolean> {
  const takeOver = toKrosaiError(error).reason === 'call-elsewhere';
  return () => startCall(context, { takeOver });
}

function onVoiceEvent(
  context: ConversationContext,
  conversation: StoredConversation,
  event: VoiceSessionEvent,
): void {
  const { run, errors } = context;
  if (run.stale) return;
  if (event.type === 'transcript') showTranscript(context, conversation, event.update);
  else if (event.type === 'error') errors.report(event.error, retryStart(context, event.error));
  else if (event.type === 'call-state' && (event.state === 'ended' || event.state === 'error')) {
    if (event.reason === 'call-elsewhere') {
      const error = new KrosaiError('call-elsewhere', 'The call continued in another tab.');
      errors.report(error, retryStart(context, error));
    }
    void afterCall(context, conversation);
  }
}

/** After a call the server's transcript is authoritative: fetch it and reconcile. */
async function afterCall(context: ConversationContext, conversation: StoredConversation) {
  const { run, call } = context;
  call.detach();
  const store = await run.store;
  await store?.flush();
  if (!run.stale) await syncFromServer(context, conversation);
}

/** Hangs up, if a call is live or starting. Resolves when the call is over. */
export async function hangUp({ call, errors }: Pick<ConversationContext, 'call' | 'errors'>) {
  if (!call.busy) return;
  try {
    await call.end();
  } catch (error) {
    errors.report(error);
  }
}

/**
 * Sends typed text to the agent. With no call live it starts one first and sends once the agent
 * is there. Resolves true when the text went out.
 */
export async function sendText(context: ConversationContext, text: string): Promise<boolean> {
  const { run, shown, call, errors } = context;
  if (!call.connected) {
    const connected = call.whenConnected();
    if (!call.live && !(await startCall(context))) {
      call.cancelWaits();
      return false;
    }
    // startCall() resolves once the room is joined; the agent may not be there yet.
    if (!(await connected)) return false;
  }
  const voice = call.current;
  const conversation = shown.conversation;
  if (!voice || !conversation || run.stale) return false;
  try {
    await voice.sendText(text);
  } catch (error) {
    if (!run.stale) errors.report(error, () => sendText(context, text));
    return false;
  }
  try {
    await keepTypedText(context, conversation, text);
  } catch (error) {
    // The agent has the text already: a retry would send it twice, so report the failed save only.
    if (!run.stale) errors.report(error);
  }
  return true;
}
