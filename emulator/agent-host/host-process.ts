// The agent host: a child process of the emulator that runs everything built on
// `@livekit/rtc-node` (the framework agents and the test participants). rtc-node is a native
// library (libwebrtc behind Rust FFI); if it ever crashes, it takes only this process down, and the
// emulator (REST, signalling, every page's call) goes on and starts a new host when it needs one.
import { FrameworkDispatcher } from '../agent/framework/dispatcher.js';
import { TestParticipants } from '../livekit/test-participants.js';
import type { LiveKitCredentials } from '../livekit/tokens.js';
import { CREDENTIALS_ENV, type FromHost, type HostRequest, type ToHost } from './protocol.js';

const credentials = JSON.parse(process.env[CREDENTIALS_ENV] ?? '{}') as LiveKitCredentials;
let selfUrl = '';
const agents = new FrameworkDispatcher(
  credentials,
  () => selfUrl,
  (room, identity) => tell({ event: 'agent-gone', room, identity }),
);
const testers = new TestParticipants(credentials);

function tell(message: FromHost): void {
  if (process.connected) process.send?.(message);
}

async function carryOut(request: HostRequest): Promise<unknown> {
  switch (request.op) {
    case 'dispatch':
      selfUrl = request.url;
      return agents.dispatch(request.room, request.identity);
    case 'dismiss':
      return agents.dismiss(request.room);
    case 'dismiss-all':
      return agents.dismissAll();
    case 'warm-up':
      return agents.warmUp();
    case 'agent-view':
      return agents.view(request.room) ?? null;
    case 'tester-start':
      return testers.start(request.url, request.request);
    case 'tester-view':
      return testers.view(request.room, request.identity);
    case 'tester-stop':
      return testers.stop(request.room, request.identity);
    case 'tester-stop-all':
      return testers.stopAll();
    case 'close':
      await testers.stopAll();
      await agents.close();
      return undefined;
  }
}

process.on('message', (message: ToHost) => {
  carryOut(message).then(
    (value) => {
      tell({ id: message.id, ok: true, value });
      if (message.op === 'close') process.exit(0);
    },
    (error: unknown) => {
      tell({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    },
  );
});
// A rejection the framework leaves unhandled (rtc-node's `captureFrame` rejects with InvalidState
// when speech is cut while its frames are still being pushed) would end the process, and with it
// every room's agent: log it, and let the other sessions go on.
process.on('unhandledRejection', (reason) => {
  console.error('[agent-host] unhandled rejection, the host goes on:', reason);
});
// The emulator is gone (even killed): nothing here has a reason to live on.
process.on('disconnect', () => process.exit(0));
