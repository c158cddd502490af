import { expect, waitUntil } from '@open-wc/testing';
import { acquireCallLock, callLockName } from '../../src/voice/call-lock.js';
import { failureOf } from './call-helpers.js';

/** Whether some holder (this page included) has the lock now, as the browser sees it. */
async function isHeld(name: string): Promise<boolean> {
  const { held = [] } = await navigator.locks.query();
  return held.some((lock) => lock.name === name);
}

let counter = 0;
const freshName = () => callLockName(`lock-test-${Date.now()}-${counter++}`);

describe('call lock (Web Locks)', () => {
  it('refuses a second holder with call-elsewhere until the first releases', async () => {
    const name = freshName();
    const first = await acquireCallLock(name);
    expect(await isHeld(name)).to.equal(true);
    const refused = await failureOf(acquireCallLock(name));
    expect(refused?.reason).to.equal('call-elsewhere');
    await first.release();
    const second = await acquireCallLock(name);
    await second.release();
  });

  it('lets a second holder take over, telling the first it lost the lock', async () => {
    const name = freshName();
    let lost = false;
    const first = await acquireCallLock(name, {
      onLost: () => {
        lost = true;
      },
    });
    const second = await acquireCallLock(name, { takeOver: true });
    await waitUntil(() => lost, 'the first holder never heard it lost the lock', { timeout: 5000 });
    await first.release();
    expect(await isHeld(name)).to.equal(true);
    await second.release();
    expect(await isHeld(name)).to.equal(false);
  });

  it('does not report a loss after its own release, and frees the name', async () => {
    const name = freshName();
    let lost = false;
    const lock = await acquireCallLock(name, {
      onLost: () => {
        lost = true;
      },
    });
    // release() resolves once the browser has let the lock go.
    await lock.release();
    expect(lost).to.equal(false);
    expect(await isHeld(name)).to.equal(false);
  });
});
