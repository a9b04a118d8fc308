/**
 * Hands the writes made under a Web Lock over to the next holder in another tab. Chromium keeps a
 * copy of `localStorage` in each page's process and updates the other pages' copies asynchronously,
 * on a different path from the lock's grant: a tab granted the lock right after another released it
 * may still read the older values (seen in sharedStorage.chromium.test.ts: lost appends). So each
 * holder, when done, counts one more generation of the lock in `localStorage` (after its writes, so a
 * page that sees the count has seen the writes) and then in IndexedDB (which has no per-page copy);
 * the next holder reads the count from IndexedDB and waits until its `localStorage` shows it.
 */

/** The two methods of the Web Storage object the handover uses. */
export interface ItemStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

import { HANDOVER_PREFIX } from './webSharing.js';
const DATABASE = 'plugboard-locks';
const STORE = 'generations';
/** How long a new holder waits for its localStorage to show the last holder's writes. */
const CATCH_UP_MS = 2000;

interface IdbLike {
  open(name: string, version: number): IDBOpenDBRequest;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function openDatabase(idb: IdbLike): Promise<IDBDatabase> {
  const request = idb.open(DATABASE, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return requestResult(request);
}

/** The handover for `storage`, or undefined where it is not needed or not possible. */
export function handoverFor(storage: ItemStore): LockHandover | undefined {
  try {
    const global = globalThis as { localStorage?: unknown; indexedDB?: IdbLike };
    // Only the origin-wide localStorage needs it: sessionStorage is the tab's own.
    if (storage !== global.localStorage || typeof global.indexedDB?.open !== 'function') return undefined;
    return new LockHandover(storage, global.indexedDB);
  } catch {
    return undefined;
  }
}

export class LockHandover {
  #database: Promise<IDBDatabase> | undefined;

  constructor(
    private readonly storage: ItemStore,
    private readonly idb: IdbLike,
  ) {}

  /** Runs `work` between {@link arrive} and {@link leave}; trouble with either is reported to `warn` and does not stop the work. */
  async around<T>(
    name: string,
    work: () => Promise<T>,
    warn: (message: string, error?: unknown) => void,
  ): Promise<T> {
    let generation: number | undefined;
    try {
      const arrival = await this.arrive(name, Date.now() + CATCH_UP_MS);
      generation = arrival.generation;
      if (!arrival.caughtUp) {
        warn(
          `This tab's localStorage did not show the last holder's writes within ${CATCH_UP_MS} ms of getting the lock "${name}".`,
        );
      }
    } catch (error) {
      warn(
        `Could not read the generation of the lock "${name}" from IndexedDB; the work may read older values.`,
        error,
      );
    }
    try {
      return await work();
    } finally {
      if (generation !== undefined) {
        await this.leave(name, generation).catch((error: unknown) =>
          warn(`Could not count the generation of the lock "${name}" in IndexedDB.`, error),
        );
      }
    }
  }

  #db(): Promise<IDBDatabase> {
    this.#database ??= openDatabase(this.idb).catch((error: unknown) => {
      this.#database = undefined;
      throw error;
    });
    return this.#database;
  }

  /** Under the lock: waits (until `deadline`) for this page's storage to show the last holder's writes; returns their generation. */
  async arrive(name: string, deadline: number): Promise<{ generation: number; caughtUp: boolean }> {
    const db = await this.#db();
    const store = db.transaction(STORE, 'readonly').objectStore(STORE);
    const stored: unknown = await requestResult(store.get(name));
    const generation = typeof stored === 'number' && Number.isSafeInteger(stored) ? stored : 0;
    const shown = (): number => Number(this.storage.getItem(HANDOVER_PREFIX + name) ?? 0) || 0;
    while (shown() < generation) {
      if (Date.now() >= deadline) return { generation, caughtUp: false };
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return { generation, caughtUp: true };
  }

  /** Under the lock, after the work: counts one more generation, in localStorage first, then IndexedDB. */
  async leave(name: string, generation: number): Promise<void> {
    const next = generation + 1;
    this.storage.setItem(HANDOVER_PREFIX + name, String(next));
    const db = await this.#db();
    const transaction = db.transaction(STORE, 'readwrite');
    transaction.objectStore(STORE).put(next, name);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
}
