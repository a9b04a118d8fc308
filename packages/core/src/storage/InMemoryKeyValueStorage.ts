import { brandClass } from '../brand.js';
import type { KeyValueStorage } from './KeyValueStorage.js';

/**
 * Keeps items in memory for the life of the object: the default for tests and short-lived scripts.
 * Not shared: each tab or process has its own items, so it has no cross-context lock and no change
 * news (it is not a `SharedKeyValueStorage`); a session kept in it lives in one context only.
 */
export class InMemoryKeyValueStorage implements KeyValueStorage {
  readonly #items = new Map<string, string>();

  /** The item's value, or null when there is none. */
  async getItem(key: string): Promise<string | null> {
    return this.#items.get(key) ?? null;
  }

  /** Stores the item. */
  async setItem(key: string, value: string): Promise<void> {
    this.#items.set(key, value);
  }

  /** Removes the item. */
  async removeItem(key: string): Promise<void> {
    this.#items.delete(key);
  }

  /** Removes every item. */
  async clear(): Promise<void> {
    this.#items.clear();
  }
}
brandClass(InMemoryKeyValueStorage, 'InMemoryKeyValueStorage');
