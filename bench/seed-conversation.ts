import { openConversationStore } from '../src/store/open-store.js';
import { krosaiFetch } from '../test/helpers/emulator.js';

export const AGENT = 'agent_demo';

/**
 * An active conversation on the emulator whose long transcript is already in the visitor's
 * IndexedDB, as after many earlier page views. The server's copy lacks those messages, and the
 * store keeps local messages the server lacks, so the widget opens all of them and can continue
 * the conversation with a call.
 */
export async function seedLongConversation(namespace: string, count: number): Promise<string> {
  const response = await krosaiFetch('/v1/conversations', {
    method: 'POST',
    body: JSON.stringify({ agent_id: AGENT, title: `${count} messages` }),
  });
  if (!response.ok) throw new Error(`Creating a conversation answered ${response.status}.`);
  const { id } = (await response.json()) as { id: string };
  const store = await openConversationStore();
  const start = Date.now() - count * 1000;
  await store.putConversation({
    id,
    namespace,
    agentId: AGENT,
    title: `${count} messages`,
    status: 'active',
    createdAt: start,
    updatedAt: start,
    current: true,
  });
  await store.reconcile(
    id,
    Array.from({ length: count }, (_, index) => ({
      id: `${id}-m${index}`,
      conversationId: id,
      role: index % 2 ? ('assistant' as const) : ('user' as const),
      content: `Message number ${index}, about as long as a sentence said out loud.`,
      createdAt: new Date(start + index * 1000),
    })),
  );
  await store.flush();
  store.close();
  return id;
}
