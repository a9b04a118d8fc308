/** The small async key-value store sessions persist in. */
export interface KeyValueStorage {
  /** The item's value, or null when there is none. */
  getItem(key: string): Promise<string | null>;
  /** Stores the item; rejects when the store refuses the write. */
  setItem(key: string, value: string): Promise<void>;
  /** Removes the item; removing a missing item is not an error. */
  removeItem(key: string): Promise<void>;
}
