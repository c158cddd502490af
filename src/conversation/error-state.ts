import { type KrosaiError, toKrosaiError } from '../errors.js';

/**
 * The failure on show and how to retry it. Each error is reported once (`onReport`, which the
 * session turns into a `krosai-error` event); aborts are not failures and are never reported.
 */
export class ErrorState {
  error: KrosaiError | undefined;
  private retryAction: (() => Promise<unknown>) | undefined;
  private readonly reported = new WeakSet<KrosaiError>();

  constructor(private readonly onChange: (reported?: KrosaiError) => void) {}

  report(error: unknown, retry?: () => Promise<unknown>): void {
    const krosaiError = toKrosaiError(error);
    if (krosaiError.reason === 'aborted' || this.reported.has(krosaiError)) return;
    this.reported.add(krosaiError);
    this.error = krosaiError;
    this.retryAction = retry;
    this.onChange(krosaiError);
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
    this.onChange();
  }
}
