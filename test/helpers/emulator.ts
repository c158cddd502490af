/**
 * Browser-side access to the emulator the test runner started (scripts/emulator-plugin.mjs).
 * REST lives under `${url}/v1`, LiveKit at `ws://…` of the same origin, the control API under
 * `${url}/control` (see emulator/README.md).
 */
export interface EmulatorInfo {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The default account's KrosAI API key. */
  apiKey: string;
  /** Further accepted keys, each its own account (for "someone else's conversation"). */
  extraApiKeys: string[];
}

let cached: Promise<EmulatorInfo> | undefined;

export function emulatorInfo(): Promise<EmulatorInfo> {
  cached ??= fetch('/__emulator.json').then((response) => {
    if (!response.ok) throw new Error(`/__emulator.json answered ${response.status}`);
    return response.json() as Promise<EmulatorInfo>;
  });
  return cached;
}

/**
 * Calls the control API and returns its JSON. `path` is `/control/…` (the prefix may be left
 * out). POST by default, since nearly every control call changes something; throws on non-2xx.
 */
export async function control<T = unknown>(
  path: string,
  body?: unknown,
  method: 'GET' | 'POST' | 'DELETE' = 'POST',
): Promise<T> {
  const { url } = await emulatorInfo();
  const fullPath = path.startsWith('/control/') ? path : `/control/${path.replace(/^\//, '')}`;
  const response = await fetch(url + fullPath, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`control ${fullPath} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Clears conversations, messages, faults, token TTL and every LiveKit room. */
export async function resetEmulator(): Promise<void> {
  await control('/control/reset');
}

/**
 * Which agent joins the rooms of conversations from now on (until the next reset, which brings
 * back the real agents framework): `scripted` for tests that drive the agent through the control
 * API (transcript, agent-attributes, send-data, received) or rely on its fixed replies.
 */
export async function selectAgent(kind: 'framework' | 'scripted'): Promise<void> {
  await control('/control/livekit/agent-kind', { kind });
}

/** The emulator's verdict on a LiveKit token right now (200 valid, 401 refused). */
export async function tokenStatus(token: string): Promise<number> {
  const { url } = await emulatorInfo();
  const response = await fetch(`${url}/rtc/v1/validate?access_token=${encodeURIComponent(token)}`);
  return response.status;
}

/** A KrosAI REST call with the default key (or `apiKey: null` for none) as `Authorization: Bearer`. */
export async function krosaiFetch(
  path: string,
  init: RequestInit & { apiKey?: string | null } = {},
): Promise<Response> {
  const info = await emulatorInfo();
  const { apiKey = info.apiKey, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (apiKey !== null && !headers.has('x-api-key'))
    headers.set('authorization', `Bearer ${apiKey}`);
  if (rest.body !== undefined && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  return fetch(info.url + path, { ...rest, headers });
}

/** What `POST /v1/conversations` hands a page to join its voice room. */
export interface RoomTicket {
  id: string;
  room_name: string;
  room_url: string;
  token: string;
}

/** Creates a conversation with the demo agent: its room URL and a token for the visitor. */
export async function createConversation(): Promise<RoomTicket> {
  const response = await krosaiFetch('/v1/conversations', {
    method: 'POST',
    body: JSON.stringify({ agent_id: 'agent_demo' }),
  });
  if (!response.ok) throw new Error(`create conversation answered ${response.status}`);
  return (await response.json()) as RoomTicket;
}

/** The emulator's view of a room, from `GET /control/livekit/rooms`. */
export interface RoomView {
  name: string;
  participants: Array<{
    identity: string;
    sid: string;
    kind: 'user' | 'agent';
    signalConnected?: boolean;
    microphoneTrackSids?: string[];
    trackSid?: string;
    attributes?: Record<string, string>;
  }>;
}

export async function roomView(name: string): Promise<RoomView | undefined> {
  const { rooms } = await control<{ rooms: RoomView[] }>(
    '/control/livekit/rooms',
    undefined,
    'GET',
  );
  return rooms.find((room) => room.name === name);
}

/**
 * Whether the room's framework agent knows every visitor now in the room. The framework ignores
 * typed text from a participant its room does not know yet, which can happen for a moment after
 * a full rejoin; a test that types at once waits for this first.
 */
export async function agentSeesVisitors(room: string): Promise<boolean> {
  const [view, agent] = await Promise.all([
    roomView(room),
    control<{ sees: { sid: string }[] }>(
      `/control/livekit/agent-view?room=${encodeURIComponent(room)}`,
      undefined,
      'GET',
    ),
  ]);
  const visitors = view?.participants.filter((p) => p.kind === 'user') ?? [];
  const seen = new Set(agent.sees.map((p) => p.sid));
  return visitors.length > 0 && visitors.every((visitor) => seen.has(visitor.sid));
}
