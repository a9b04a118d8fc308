import { brandClass } from '../brand.js';
import type { KeyValueStorage } from './KeyValueStorage.js';
import { noWebStorage } from './storageErrors.js';

/**
 * The part of the Web Storage API that {@link WebKeyValueStorage} uses. `localStorage` and
 * `sessionStorage` fit it, as does any object with these three methods. Declared here rather than
 * using the DOM `Storage` type so that apps compiled without the DOM lib can use core's typings.
 */
export interface WebStorageLike {
  /** The item's value, or null when there is none. */
  getItem(key: string): string | null;
  /** Stores the item; throws when the storage refuses it (quota). */
  setItem(key: string, value: string): void;
  /** Removes the item. */
  removeItem(key: string): void;
}

/** The global `localStorage`, or undefined where there is none or access is denied. */
function defaultWebStorage(): WebStorageLike | undefined {
  try {
    return (globalThis as { localStorage?: WebStorageLike }).localStorage ?? undefined;
  } catch {
    // Browsers throw a SecurityError here when storage is disabled for the page.
    return undefined;
  }
}

/** Persists items in a Web Storage object: `localStorage` by default. */
export class WebKeyValueStorage implements KeyValueStorage {
  readonly #storage: WebStorageLike;

  constructor(storage?: WebStorageLike) {
    const resolved = storage ?? defaultWebStorage();
    if (resolved === undefined || resolved === null) throw noWebStorage();
    this.#storage = resolved;
  }

  /** The item's value, or null when there is none. */
  async getItem(key: string): Promise<string | null> {
    return this.#storage.getItem(key);
  }

  /** Rejects (e.g. with the browser's QuotaExceededError) when the storage refuses the write. */
  async setItem(key: string, value: string): Promise<void> {
    this.#storage.setItem(key, value);
  }

  /** Removes the item. */
  async removeItem(key: string): Promise<void> {
    this.#storage.removeItem(key);
  }
}
brandClass(WebKeyValueStorage, 'WebKeyValueStorage');
