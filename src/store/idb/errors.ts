import { KrosaiError } from '../../errors.js';

export function isQuotaExceeded(error: unknown): boolean {
  return (
    (error instanceof DOMException && error.name === 'QuotaExceededError') ||
    (error instanceof KrosaiError && error.reason === 'storage-full')
  );
}

/** Any IndexedDB failure as the KrosaiError the widget reports. */
export function toStorageError(error: unknown): KrosaiError {
  if (error instanceof KrosaiError) return error;
  if (isQuotaExceeded(error)) {
    return new KrosaiError(
      'storage-full',
      'The browser has no room left for the conversation history.',
      { cause: error },
    );
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new KrosaiError(
    'storage-unavailable',
    'The conversation history cannot be stored in this browser.',
    { cause: error, detail },
  );
}
