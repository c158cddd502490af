import { KrosaiError } from '../errors.js';

/**
 * One call per conversation across the tabs of a site, with the Web Locks API: the tab in the call
 * holds an exclusive lock named after the conversation. KrosAI admits one visitor per voice session,
 * so a second tab must not join silently: it learns the call is live elsewhere and may take it over
 * (`steal`), which makes the first tab's lock fail and that tab hang up.
 */
export interface CallLock {
  /** Lets another tab call; resolves once the lock is free. Safe to call more than once. */
  release(): Promise<void>;
}

export interface CallLockOptions {
  /** Take the lock from the tab that holds it instead of failing with `call-elsewhere`. */
  takeOver?: boolean;
  /** Called when another tab took the lock over; not called after `release()`. */
  onLost?: () => void;
}

/** The lock name for a conversation's call. */
export function callLockName(conversationId: string): string {
  return `krosai-call:${conversationId}`;
}

function lockManager(): LockManager | undefined {
  // Web Locks exist only in secure contexts; without them each tab acts alone.
  return typeof navigator !== 'undefined' ? navigator.locks : undefined;
}

/**
 * Takes the call lock. Rejects with `call-elsewhere` when another tab holds it and `takeOver` is
 * not set.
 */
export function acquireCallLock(name: string, options: CallLockOptions = {}): Promise<CallLock> {
  const locks = lockManager();
  if (!locks) return Promise.resolve({ release: () => Promise.resolve() });
  return new Promise<CallLock>((resolve, reject) => {
    let released = false;
    let releaseHeld: () => void = () => {};
    const held = new Promise<void>((done) => {
      releaseHeld = done;
    });
    const release = () => {
      released = true;
      releaseHeld();
      return settled;
    };
    const request: Promise<unknown> = options.takeOver
      ? locks.request(name, { steal: true }, () => {
          resolve({ release });
          return held;
        })
      : locks.request(name, { ifAvailable: true }, (lock) => {
          if (!lock) {
            reject(new KrosaiError('call-elsewhere', 'The call is live in another tab.'));
            return undefined;
          }
          resolve({ release });
          return held;
        });
    // A stolen lock rejects the request with AbortError: that is how this tab learns it lost.
    const settled = request.then(
      () => undefined,
      (error: unknown) => {
        if (!released) options.onLost?.();
        reject(error);
      },
    );
  });
}
