// At protocol level: the upgrade takes its token from an Authorization header, every signal
// request carrying a requestId gets its requestResponse, and a participant is sent its own
// updated info. A raw WebSocket client, so nothing hides the wire.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  JoinRequest,
  ParticipantInfo_Kind,
  RequestResponse_Reason,
  SignalRequest,
  SignalResponse,
  StoreDataBlobRequest,
  UpdateParticipantMetadata,
  WrappedJoinRequest,
} from '@livekit/protocol';
import { AccessToken } from 'livekit-server-sdk';
import WebSocket from 'ws';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { DEFAULT_LIVEKIT_CREDENTIALS } from '../../emulator/livekit/tokens.js';

let emulator: RunningEmulator;
before(async () => {
  // Raw signalling only: the light scripted agent, not the real framework.
  emulator = await startEmulator({ agentKind: 'scripted' });
});
after(() => emulator.stop());

type Response = SignalResponse['message'];

/** A raw signalling client: the token in an Authorization header, as the server SDKs send it. */
class RawClient {
  readonly received: Response[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.received.push(SignalResponse.fromBinary(data as Buffer).message);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(
    identity: string,
    grants: { canUpdateOwnMetadata?: boolean } = {},
    authorization?: string,
  ) {
    const { apiKey, apiSecret } = DEFAULT_LIVEKIT_CREDENTIALS;
    const token = new AccessToken(apiKey, apiSecret, { identity, name: 'Raw' });
    token.kind = 'agent';
    token.addGrant({ room: 'raw-room', roomJoin: true, agent: true, ...grants });
    const joinRequest = new JoinRequest({}).toBinary();
    const wrapped = Buffer.from(new WrappedJoinRequest({ joinRequest }).toBinary());
    const url = `${emulator.url.replace(/^http/, 'ws')}/rtc/v1?join_request=${wrapped.toString('base64url')}`;
    const headers = { Authorization: authorization ?? `Bearer ${await token.toJwt()}` };
    const socket = new WebSocket(url, { headers });
    // Listening from the start: the join can arrive in the same chunk as the upgrade answer.
    const client = new RawClient(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`HTTP ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
    return client;
  }

  send(message: SignalRequest['message']): void {
    this.socket.send(new SignalRequest({ message }).toBinary());
  }

  /** Resolves with the first received message (past or future) that matches. */
  async next<T extends Response>(matches: (m: Response) => m is T): Promise<T> {
    // A generous limit turns a missing response into a failure rather than a hang.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = this.received.find(matches);
      if (found) return found;
      if (Date.now() > deadline) assert.fail('the expected response never came');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }
}

const isJoin = (m: Response): m is Extract<Response, { case: 'join' }> => m.case === 'join';
const isResponse = (m: Response): m is Extract<Response, { case: 'requestResponse' }> =>
  m.case === 'requestResponse';

test('the upgrade takes its token from an Authorization header; a bad one is a 401', async () => {
  const client = await RawClient.open('raw-header');
  const join = await client.next(isJoin);
  assert.equal(join.value.participant?.identity, 'raw-header');
  client.socket.close();
  await assert.rejects(RawClient.open('raw-forger', {}, 'Bearer not-a-jwt'), /HTTP 401/);
});

test('updateMetadata with a requestId: own update first, then requestResponse OK', async () => {
  const client = await RawClient.open('raw-ok');
  const join = await client.next(isJoin);
  const self = join.value.participant;
  assert.equal(self?.kind, ParticipantInfo_Kind.AGENT);
  assert.equal(self?.permission?.agent, true);
  client.send({
    case: 'updateMetadata',
    value: new UpdateParticipantMetadata({ requestId: 42, attributes: { 'lk.agent.state': 'x' } }),
  });
  const response = await client.next(isResponse);
  assert.equal(response.value.requestId, 42);
  assert.equal(response.value.reason, RequestResponse_Reason.OK);
  const ownUpdate = client.received
    .slice(0, client.received.indexOf(response))
    .flatMap((m) => (m.case === 'update' ? m.value.participants : []))
    .find((p) => p.sid === self?.sid);
  assert.equal(ownUpdate?.attributes['lk.agent.state'], 'x');
  assert.ok((ownUpdate?.version ?? 0) > (self?.version ?? 0));
  client.socket.close();
});

test('updateMetadata without the permission is answered NOT_ALLOWED', async () => {
  const client = await RawClient.open('raw-denied', { canUpdateOwnMetadata: false });
  await client.next(isJoin);
  client.send({
    case: 'updateMetadata',
    value: new UpdateParticipantMetadata({ requestId: 7, metadata: 'nope' }),
  });
  const response = await client.next(isResponse);
  assert.equal(response.value.requestId, 7);
  assert.equal(response.value.reason, RequestResponse_Reason.NOT_ALLOWED);
  assert.equal(response.value.request.case, 'updateMetadata');
  client.socket.close();
});

test('a data blob request is answered UNSUPPORTED_TYPE with its requestId', async () => {
  const client = await RawClient.open('raw-blob');
  await client.next(isJoin);
  client.send({ case: 'storeDataBlobRequest', value: new StoreDataBlobRequest({ requestId: 9 }) });
  const response = await client.next(isResponse);
  assert.equal(response.value.requestId, 9);
  assert.equal(response.value.reason, RequestResponse_Reason.UNSUPPORTED_TYPE);
  client.socket.close();
});
