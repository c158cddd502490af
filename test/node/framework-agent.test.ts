// The emulator's framework agent: a real `voice.AgentSession` of @livekit/agents joins a
// conversation's room with its first visitor. Here the visitor is a stock @livekit/rtc-node
// participant: it types on `lk.chat` and reads the agent's replies on `lk.transcription`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dispose, ParticipantKind, Room, type TextStreamReader } from '@livekit/rtc-node';
import { GREETING } from '../../emulator/agent/framework/script.js';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';

interface Transcript {
  from: string;
  text: string;
  attributes: Record<string, string>;
}

let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator({ agentKind: 'framework' });
});

after(async () => {
  await emulator.stop();
  // rtc-node's native side keeps the process alive until it is disposed of.
  await dispose();
});

/** A conversation as the widget gets it: its room and the visitor's token. */
async function createConversation(): Promise<{ room: string; token: string; id: string }> {
  const response = await fetch(`${emulator.url}/v1/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ agent_id: 'agent_demo' }),
  });
  assert.equal(response.status, 201);
  const body = (await response.json()) as { id: string; room_name: string; token: string };
  return { id: body.id, room: body.room_name, token: body.token };
}

/** The visitor, connected, collecting every `lk.transcription` stream it receives. */
async function joinAsVisitor(token: string) {
  const room = new Room();
  const transcripts: Transcript[] = [];
  const waiters = new Set<() => void>();
  room.registerTextStreamHandler('lk.transcription', (reader: TextStreamReader, from) => {
    reader.readAll().then((text) => {
      transcripts.push({ from: from.identity, text, attributes: reader.info.attributes ?? {} });
      for (const wake of waiters) wake();
    });
  });
  await room.connect(emulator.url.replace(/^http/, 'ws'), token, {
    autoSubscribe: true,
    dynacast: false,
  });
  /** Resolves with the first transcript that satisfies `match`, now or once it arrives. */
  const transcript = (match: (t: Transcript) => boolean) =>
    new Promise<Transcript>((resolve) => {
      const check = () => {
        const found = transcripts.find(match);
        if (!found) return;
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });
  return { room, transcripts, transcript };
}

test('the framework agent joins with the first visitor, greets, and answers typed text', async () => {
  const conversation = await createConversation();
  const visitor = await joinAsVisitor(conversation.token);
  try {
    const greeting = await visitor.transcript((t) => t.text.trim() === GREETING);
    const agent = visitor.room.remoteParticipants.get(greeting.from);
    assert.equal(agent?.kind, ParticipantKind.AGENT);

    await visitor.room.localParticipant?.sendText('Hello there, agent', { topic: 'lk.chat' });
    const reply = await visitor.transcript((t) => t.text.includes('Hello there, agent'));
    assert.equal(reply.text.trim(), 'You said: "Hello there, agent".');
    assert.equal(reply.from, greeting.from);
  } finally {
    await visitor.room.disconnect();
  }
});
