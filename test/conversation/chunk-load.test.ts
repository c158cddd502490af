import { expect } from '@open-wc/testing';
import { loadChunk } from '../../src/chunk-load.js';
import { KrosaiError } from '../../src/errors.js';
import { openSession } from './harness.js';

/** A chunk that was never uploaded next to the script: the real browser failure of import(). */
const missingChunk = () =>
  loadChunk('voice code', () => import(/* @vite-ignore */ `/chunks/not-uploaded-${Date.now()}.js`));

describe('a lazy chunk that cannot load', () => {
  it('rejects with reason load-failed, the browser failure kept as its cause', async () => {
    const error = await missingChunk().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(KrosaiError);
    expect((error as KrosaiError).reason).to.equal('load-failed');
    expect((error as KrosaiError).cause).to.be.instanceOf(TypeError);
  });

  it('fails the first call before a conversation is created on the server', async () => {
    const failure = await missingChunk().catch((error: unknown) => error as Error);
    const { session, api, callStates, of } = openSession({ loadFails: failure });
    expect(await session.start()).to.equal(false);
    expect(callStates()).to.deep.equal(['connecting', 'error']);
    expect(of('error').map((event) => event.error.reason)).to.deep.equal(['load-failed']);
    expect(api.calls).to.not.include('createConversation');
    expect(session.errors.canRetry, 'the visitor may try again').to.equal(true);
  });
});
