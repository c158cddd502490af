// `npm run emulator`: the local KrosAI API + LiveKit server, for the demo and for development.
// Flags win over environment variables, which win over the defaults.
import { parseArgs } from 'node:util';
import {
  DEFAULT_AGENT_ID,
  DEFAULT_TOKEN_TTL_SECONDS,
  OTHER_API_KEY,
  startEmulator,
} from './index.js';

const DEFAULT_PORT = 8790;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.EMULATOR_PORT },
    host: { type: 'string', default: process.env.EMULATOR_HOST },
    'api-key': { type: 'string', default: process.env.EMULATOR_API_KEY },
    'extra-key': { type: 'string', multiple: true },
    data: { type: 'string', default: process.env.EMULATOR_DATA },
    'token-ttl': { type: 'string', default: process.env.EMULATOR_TOKEN_TTL },
    agent: { type: 'string', default: process.env.EMULATOR_AGENT ?? 'framework' },
    json: { type: 'boolean', default: false },
    // Set by the test runner plugin: if the parent dies without stopping us, stdin closes.
    'exit-on-stdin-close': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run emulator -- [options]
  --port N            port to listen on (env EMULATOR_PORT, default ${DEFAULT_PORT}; 0 = any free port)
  --host H            address to bind (env EMULATOR_HOST, default 127.0.0.1)
  --api-key K         the accepted KrosAI API key (env EMULATOR_API_KEY, default kros_test_emulator)
  --extra-key K       another accepted key, its own account (repeatable; default ${OTHER_API_KEY})
  --data FILE         persist conversations and messages in FILE (env EMULATOR_DATA)
  --token-ttl S       LiveKit token lifetime in seconds (env EMULATOR_TOKEN_TTL, default ${DEFAULT_TOKEN_TTL_SECONDS})
  --agent KIND        the agent that joins rooms: framework (real LiveKit Agents) or scripted
                      (env EMULATOR_AGENT, default framework)
  --json              print one JSON line {"url","apiKey"} when ready instead of the banner`);
  process.exit(0);
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`emulator: ${name} must be a non-negative integer, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

const agentKind = values.agent;
if (agentKind !== 'framework' && agentKind !== 'scripted') {
  console.error(`emulator: --agent must be framework or scripted, got "${agentKind}"`);
  process.exit(2);
}

const emulator = await startEmulator({
  port: integer(values.port, '--port') ?? DEFAULT_PORT,
  host: values.host,
  apiKey: values['api-key'],
  extraApiKeys: values['extra-key'],
  dataFile: values.data,
  tokenTtlSeconds: integer(values['token-ttl'], '--token-ttl'),
  agentKind,
  // The demo's and the test run's first visitor should not wait for the framework to load.
  warmUpAgent: true,
});

if (values.json) {
  console.log(
    JSON.stringify({
      url: emulator.url,
      apiKey: emulator.apiKey,
      extraApiKeys: emulator.extraApiKeys,
    }),
  );
} else {
  const ws = emulator.url.replace(/^http/, 'ws');
  console.log(`
KrosAI emulator running
  REST API      ${emulator.url}/v1
  LiveKit       ${ws}
  Control API   ${emulator.url}/control
  API key       ${emulator.apiKey}   (other account: ${emulator.extraApiKeys.join(', ')})
  Agent         ${DEFAULT_AGENT_ID} (${agentKind === 'framework' ? 'the real LiveKit Agents framework' : 'scripted'})
  Data          ${values.data ?? 'in memory'}
(Ctrl+C stops it)`);
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // A stuck shutdown must not leave the process behind.
  setTimeout(() => process.exit(1), 5000).unref();
  await emulator.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (values['exit-on-stdin-close']) {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
