import { openDatabase } from './idb-open.js';
import type { KrosaiDatabase } from './schema.js';

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
