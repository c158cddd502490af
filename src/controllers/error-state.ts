import type { ReactiveControllerHost } from 'lit';
import { type KrosaiError, toKrosaiError } from '../errors.js';
import { KrosaiErrorEvent } from '../events.js';

/**
 * The failure on show and how to retry it. Each error is reported once, as a `krosai-error`
 * event and on screen; aborts are not failures and are never reported.
 */
export class ErrorState {
  error: KrosaiError | undefined;
  private retryAction: (() => Promise<unknown>) | undefined;
  private readonly reported = new WeakSet<KrosaiError>();

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {}

  report(error: unknown, retry?: () => Promise<unknown>): void {
    const krosaiError = toKrosaiError(error);
    if (krosaiError.reason === 'aborted' || this.reported.has(krosaiError)) return;
    this.reported.add(krosaiError);
    this.error = krosaiError;
    this.retryAction = retry;
    this.host.dispatchEvent(new KrosaiErrorEvent(krosaiError));
    this.host.requestUpdate();
  }

  get canRetry(): boolean {
    return Boolean(this.error && this.retryAction);
  }

  /** Clears the error and returns the action that failed, to run again. */
  takeRetry(): (() => Promise<unknown>) | undefined {
    const action = this.retryAction;
    this.clear();
    return action;
  }

  clear(): void {
    this.error = undefined;
    this.retryAction = undefined;
    this.host.requestUpdate();
  }
}
