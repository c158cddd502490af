import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultBook } from './control/faults.js';
import { registerControlRoutes } from './control/routes.js';
import type { AgentKind } from './livekit/index.js';
import { DEFAULT_LIVEKIT_CREDENTIALS } from './livekit/tokens.js';
import { registerAgentRoutes } from './rest/agents.js';
import { accountIdFor } from './rest/auth.js';
import type { EmulatorContext } from './rest/context.js';
import { registerConversationRoutes } from './rest/conversations.js';
import { dispatch } from './rest/dispatch.js';
import { sendError } from './rest/http.js';
import { Router } from './rest/router.js';
import { EmulatorState } from './state.js';
import { type AgentConfig, DEFAULT_AGENTS } from './state-agents.js';
import { loadSnapshot, saveSnapshot } from './state-file.js';

export type { AgentKind } from './livekit/index.js';
export type { AgentConfig } from './state-agents.js';
export { DEFAULT_AGENT_ID, DEFAULT_AGENTS } from './state-agents.js';

export const DEFAULT_API_KEY = 'kros_test_emulator';
/** A second account, so tests can read "someone else's conversation" (403). */
export const OTHER_API_KEY = 'kros_test_other';
export const DEFAULT_TOKEN_TTL_SECONDS = 600;

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  apiKey?: string;
  /** More accepted keys, each its own account; defaults to [`kros_test_other`]. */
  extraApiKeys?: string[];
  /** Persist conversations and messages as JSON in this file, across restarts. */
  dataFile?: string;
  tokenTtlSeconds?: number;
  agents?: AgentConfig[];
  /**
   * The agent that joins a conversation's room with its first visitor: `framework` (the default,
   * the real LiveKit Agents framework) or `scripted` (see emulator/README.md).
   */
  agentKind?: AgentKind;
  /** Load the framework agent right after start-up, not with the first visitor (off by default). */
  warmUpAgent?: boolean;
}

export interface RunningEmulator {
  /** `http://host:port`: REST under `/v1`, LiveKit at `ws://host:port`, control under `/control`. */
  url: string;
  apiKey: string;
  extraApiKeys: string[];
  stop(): Promise<void>;
}

type LiveKitModule = typeof import('./livekit/index.js');

/**
 * Loaded lazily and guarded: if the LiveKit half fails to load, the REST half still runs (only
 * `/v1` and `/control` work) and the reason is printed.
 */
async function loadLiveKitModule(): Promise<LiveKitModule | undefined> {
  try {
    return await import('./livekit/index.js');
  } catch (error) {
    console.error('emulator: LiveKit module failed to load; REST only.', error);
    return undefined;
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const extraApiKeys = options.extraApiKeys ?? [OTHER_API_KEY];
  const initialTtl = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const { dataFile } = options;

  const state: EmulatorState = new EmulatorState(() => {
    if (dataFile) saveSnapshot(dataFile, state.snapshot());
  });
  const snapshot = dataFile ? loadSnapshot(dataFile) : undefined;
  if (snapshot) state.restore(snapshot);

  let address = '127.0.0.1:0';
  const context: EmulatorContext = {
    state,
    agents: new Map((options.agents ?? DEFAULT_AGENTS).map((agent) => [agent.id, agent])),
    accounts: new Map([apiKey, ...extraApiKeys].map((key) => [key, accountIdFor(key)])),
    faults: new FaultBook(),
    livekitCredentials: DEFAULT_LIVEKIT_CREDENTIALS,
    settings: { tokenTtlSeconds: initialTtl },
    fallbackHost: () => address,
  };

  const livekitModule = await loadLiveKitModule();
  const livekit = livekitModule?.createLiveKitServer({
    credentials: context.livekitCredentials,
    selfUrl: () => `ws://${address}`,
    agentKind: options.agentKind,
    // Final utterances in a conversation's room become its messages, as KrosAI records them.
    onTranscript(roomName, role, text) {
      const conversation = state.findByRoom(roomName);
      if (conversation) state.addMessage(conversation.id, role, text);
    },
  });

  const rest = new Router();
  registerConversationRoutes(rest, context);
  registerAgentRoutes(rest, context);
  const control = new Router();
  registerControlRoutes(control, {
    context,
    faultableRoutes: () => rest.patterns(),
    async reset() {
      state.clear();
      context.faults.clear();
      context.settings.tokenTtlSeconds = initialTtl;
      await livekit?.reset();
    },
  });

  const server = createServer((req, res) => {
    dispatch({ rest, control, faults: context.faults, livekit: () => livekit }, req, res).catch(
      (error) => {
        console.error('emulator: request failed', error);
        sendError(res, 500, 'Internal emulator error');
      },
    );
  });
  // Every socket, upgraded WebSockets included, so `stop()` leaves nothing open.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      if (livekit?.handleUpgrade(req, socket, head)) return;
    } catch (error) {
      // A request target that is no URL at all (`GET //`, say): a listener that throws here
      // would take the whole process down.
      console.error('emulator: upgrade failed', error);
    }
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
  });
  // Garbage that is not HTTP at all: answer 400 if the socket still listens, never crash.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  address = `${displayHost(options.host ?? '127.0.0.1')}:${port}`;
  if (options.warmUpAgent) {
    livekit?.warmUpAgent().catch((error: unknown) => {
      console.error('emulator: the framework agent failed to load', error);
    });
  }

  return {
    url: `http://${address}`,
    apiKey,
    extraApiKeys,
    async stop() {
      await livekit?.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A wildcard bind address is not something a browser can connect to. */
function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
