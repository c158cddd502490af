import { type APIConnectOptions, llm } from '@livekit/agents';
import { GREETING, replyTo } from './script.js';

/**
 * A stand-in LLM: the reply to the last user message of the chat context (`replyTo`), or the
 * greeting when the visitor has said nothing yet. Streams word by word, as a provider does.
 */
export class ScriptedLLM extends llm.LLM {
  label(): string {
    return 'emulator.ScriptedLLM';
  }

  chat({
    chatCtx,
    toolCtx,
    connOptions,
  }: {
    chatCtx: llm.ChatContext;
    toolCtx?: llm.ToolContext;
    connOptions?: APIConnectOptions;
  }): llm.LLMStream {
    return new ScriptedLLMStream(this, { chatCtx, toolCtx, connOptions: connOptions! });
  }
}

class ScriptedLLMStream extends llm.LLMStream {
  protected async run(): Promise<void> {
    const text = replyFor(this.chatCtx);
    const id = `emulator-${Date.now().toString(36)}`;
    for (const word of text.split(/(?<= )/)) {
      this.queue.put({ id, delta: { role: 'assistant', content: word } });
    }
  }
}

/** What the agent says next, given the conversation so far. */
export function replyFor(chatCtx: llm.ChatContext): string {
  const last = chatCtx.items.findLast(
    (item): item is llm.ChatMessage =>
      item.type === 'message' && (item.role === 'user' || item.role === 'assistant'),
  );
  if (last?.role === 'user') return replyTo(last.textContent ?? '');
  return GREETING;
}
