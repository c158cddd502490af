/**
 * Counts IndexedDB transactions by wrapping `IDBDatabase.prototype.transaction`, so a benchmark can
 * report how many its operations used. Install before opening a database.
 */
export interface TransactionCounts {
  readonly: number;
  readwrite: number;
}

const counts: TransactionCounts = { readonly: 0, readwrite: 0 };
let installed = false;

export function installTransactionCounter(): void {
  if (installed) return;
  installed = true;
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function transaction(
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    counts[args[1] === 'readwrite' ? 'readwrite' : 'readonly']++;
    return original.apply(this, args);
  } as IDBDatabase['transaction'];
}

/** Runs `work` and returns how long it took and the transactions it started. */
export async function measure(
  work: () => Promise<unknown>,
): Promise<{ ms: number } & TransactionCounts> {
  const before = { ...counts };
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  return {
    ms,
    readonly: counts.readonly - before.readonly,
    readwrite: counts.readwrite - before.readwrite,
  };
}
