/**
 * Wraps the real IndexedDB factory to count and fail read-write transactions, or to refuse opening,
 * the way browsers do when storage is full or blocked. The database behind it is the real one.
 */
export interface WrappedFactory {
  factory: IDBFactory;
  /** Read-write transactions started so far. */
  readwriteTransactions: number;
  /** How many of the next read-write transactions fail, and with which DOMException name. */
  failWrites: number;
  failWritesWith: string;
  /** When set, `open` throws a DOMException with this name (SecurityError: storage refused). */
  refuseOpenWith: string | undefined;
  /** Ends every open connection the way the browser does when it kills one (storage wiped). */
  terminate(): void;
}

export function wrapFactory(): WrappedFactory {
  const real = indexedDB;
  const connections: IDBDatabase[] = [];
  const wrapped: WrappedFactory = {
    readwriteTransactions: 0,
    failWrites: 0,
    failWritesWith: 'QuotaExceededError',
    refuseOpenWith: undefined,
    terminate() {
      for (const db of connections.splice(0)) {
        db.close();
        db.dispatchEvent(new Event('close'));
      }
    },
    factory: {
      open(name: string, version?: number) {
        if (wrapped.refuseOpenWith) {
          throw new DOMException(
            'The user denied permission to access the database.',
            wrapped.refuseOpenWith,
          );
        }
        const request = real.open(name, version);
        request.addEventListener('success', () => instrument(request.result));
        return request;
      },
      deleteDatabase: (name: string) => real.deleteDatabase(name),
      databases: () => real.databases(),
      cmp: (a: unknown, b: unknown) => real.cmp(a, b),
    },
  };

  function instrument(db: IDBDatabase) {
    connections.push(db);
    const original = db.transaction.bind(db);
    db.transaction = ((
      stores: string | string[],
      mode?: IDBTransactionMode,
      options?: IDBTransactionOptions,
    ) => {
      if (mode === 'readwrite') {
        wrapped.readwriteTransactions++;
        if (wrapped.failWrites > 0) {
          wrapped.failWrites--;
          throw new DOMException('Simulated storage failure.', wrapped.failWritesWith);
        }
      }
      return original(stores, mode, options);
    }) as IDBDatabase['transaction'];
  }

  return wrapped;
}
