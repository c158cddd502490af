import { wrap } from 'idb';
import { KrosaiError } from '../../errors.js';
import { DB_VERSION, type KrosaiDatabase, migrate } from './schema.js';

/**
 * The store's one connection to the database, opened on demand. It steps aside when another tab
 * needs to upgrade or delete the database (`versionchange`: close, reopen on the next use) and
 * after the browser ends it abnormally (`close`: reopen on the next use).
 */
export class Connection {
  private current: Promise<KrosaiDatabase> | undefined;
  private closed = false;

  constructor(
    private readonly factory: IDBFactory,
    readonly name: string,
    private readonly blockedTimeoutMs: number,
  ) {}

  get(): Promise<KrosaiDatabase> {
    if (this.closed)
      return Promise.reject(new DOMException('The store is closed.', 'InvalidStateError'));
    if (!this.current) {
      const opening = this.open();
      this.current = opening;
      // A failed open is not cached: the next use tries again.
      opening.catch(() => {
        if (this.current === opening) this.current = undefined;
      });
    }
    return this.current;
  }

  close(): void {
    this.closed = true;
    void this.current?.then((db) => db.close()).catch(() => {});
    this.current = undefined;
  }

  private async open(): Promise<KrosaiDatabase> {
    const db = await openDatabase({
      factory: this.factory,
      name: this.name,
      blockedTimeoutMs: this.blockedTimeoutMs,
    });
    const opened = this.current;
    const forget = () => {
      if (this.current === opened) this.current = undefined;
    };
    // Another tab upgrades or deletes the database: let it, and reopen on the next use.
    db.addEventListener('versionchange', () => {
      db.close();
      forget();
    });
    // The browser ended the connection (storage cleared, disk error): reopen on the next use.
    db.addEventListener('close', forget);
    if (this.closed) db.close();
    return db;
  }
}

interface OpenDatabaseOptions {
  /** The factory to open with: `globalThis.indexedDB`, or a wrapped one in tests. */
  factory: IDBFactory;
  name: string;
  /** How long to wait for other connections (older tabs) to let an upgrade through. */
  blockedTimeoutMs: number;
}

/**
 * Opens the database at the newest schema, migrating step by step. If a newer version of the
 * widget (in another tab) has already upgraded it, opens that version as it is rather than fail.
 */
async function openDatabase(options: OpenDatabaseOptions): Promise<KrosaiDatabase> {
  try {
    return await openAt(options, DB_VERSION);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      return openAt(options, undefined);
    }
    throw error;
  }
}

function openAt(
  { factory, name, blockedTimeoutMs }: OpenDatabaseOptions,
  version: number | undefined,
): Promise<KrosaiDatabase> {
  const request = factory.open(name, version);
  request.addEventListener('upgradeneeded', (event) => {
    migrate(
      wrap(request.result) as KrosaiDatabase,
      event.oldVersion,
      event.newVersion ?? DB_VERSION,
      wrap(request.transaction!) as unknown as Parameters<typeof migrate>[3],
    );
  });
  const opened = wrap(request) as unknown as Promise<KrosaiDatabase>;
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gaveUp = false;
    request.addEventListener('blocked', () => {
      timer ??= setTimeout(() => {
        gaveUp = true;
        reject(
          new KrosaiError(
            'storage-unavailable',
            'Another tab keeps an older version of the history database open.',
          ),
        );
      }, blockedTimeoutMs);
    });
    opened.then(
      (db) => {
        clearTimeout(timer);
        // Opened too late to be used: close it at once so it blocks nobody in turn.
        if (gaveUp) db.close();
        else resolve(db);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
