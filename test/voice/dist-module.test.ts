import { expect } from '@open-wc/testing';
import type * as VoiceModule from '../../src/voice/livekit-voice-session.js';
import type { VoiceSession } from '../../src/voice/voice-session.js';
import { createConversation, resetEmulator, selectAgent } from '../helpers/emulator.js';
import { connectOptions, EventLog } from './call-helpers.js';

// The npm package's voice module as built (`npm run build`, which `npm test` runs first): one ES
// module with livekit-client inside, so that the package does not depend on it (issue 12). It
// must still make a whole call against the emulator, and fetch nothing from livekit-client.
const BUILT = '/dist/lib/voice/livekit-voice-session.js';

describe('dist/lib voice module (livekit-client bundled in)', () => {
  let session: VoiceSession | undefined;

  beforeEach(async () => {
    await resetEmulator();
    await selectAgent('scripted');
  });

  afterEach(async () => {
    await session?.disconnect();
  });

  it('connects to the emulator and hears the greeting, loading no livekit-client of its own', async () => {
    const module = (await import(/* @vite-ignore */ BUILT)) as typeof VoiceModule;
    session = module.createLiveKitVoiceSession();
    const log = new EventLog(session);
    const conversation = await createConversation();
    await session.connect(connectOptions(conversation));
    await log.waitForCallState('connected');
    const greeting = await log.waitFor(
      'the final greeting',
      (event) => event.type === 'transcript' && event.update.final,
    );
    if (greeting.type !== 'transcript') throw new Error('not a transcript');
    expect(greeting.update.role).to.equal('assistant');
    await session.disconnect();
    expect(session.callState).to.equal('ended');

    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.some((url) => url.endsWith(BUILT))).to.equal(true);
    expect(fetched.filter((url) => /livekit-client|@livekit/.test(url))).to.deep.equal([]);
  });
});
