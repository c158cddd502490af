// The emulator runs everything built on rtc-node (framework agents, test participants) in a
// child process, the agent host. If rtc-node's native code crashes, that process ends, not the
// emulator: REST and signalling go on, and the next dispatch starts a new host.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { until, useRtcNodeRig } from './rtc-node-helpers.js';

const { rig, emulator } = useRtcNodeRig();

/** The agents the emulator lists in a room (a crashed one stays until its departure timeout). */
async function agentsIn(room: string): Promise<string[]> {
  const { rooms } = (await rig.control('rooms')) as {
    rooms: { name: string; participants: { identity: string; kind: string }[] }[];
  };
  const participants = rooms.find((r) => r.name === room)?.participants ?? [];
  return participants.filter((p) => p.kind === 'agent').map((p) => p.identity);
}

async function killHost(): Promise<void> {
  const [host] = childPids();
  assert.ok(host, 'the agent host runs in a child process');
  process.kill(host, 'SIGKILL');
  while (childPids().includes(host)) await new Promise((resolve) => setImmediate(resolve));
}

/** The pids of this process's children (the agent host is the only one). */
function childPids(): number[] {
  return readdirSync('/proc/self/task').flatMap((thread) =>
    readFileSync(`/proc/self/task/${thread}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number),
  );
}

async function control(path: string, body?: unknown) {
  const response = await fetch(`${emulator().url}/control/livekit/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function startTester(identity: string) {
  return control('test-participant', { room: 'host-room', identity });
}

test('a crashed agent host ends alone; the emulator goes on and starts a new one', async () => {
  const first = await startTester('before-crash');
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const [host] = childPids();
  await killHost();

  const rest = await fetch(`${emulator().url}/v1/agents`, {
    headers: { authorization: `Bearer ${emulator().apiKey}` },
  });
  assert.equal(rest.status, 200, 'REST still answers');
  const lost = await control('test-participant?room=host-room&identity=before-crash');
  assert.equal(lost.status, 400, 'the crashed host took its participant along');

  const second = await startTester('after-crash');
  assert.equal(second.status, 200, JSON.stringify(second.body));
  assert.equal(second.body['connected'], true);
  const [newHost] = childPids();
  assert.ok(newHost && newHost !== host, 'a new host runs it');
});

test("a visitor whose room's agent went with a crashed host gets a new agent", async () => {
  await rig.join('host-visited', 'visitor');
  let first: string | undefined;
  await until(async () => {
    [first] = await agentsIn('host-visited');
    return first !== undefined;
  }, 'an agent joins');
  await killHost();
  await until(
    async () => (await agentsIn('host-visited')).some((agent) => agent !== first),
    'a new agent joins the visitor',
  );
});
