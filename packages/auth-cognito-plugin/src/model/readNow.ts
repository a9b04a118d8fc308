// A storage whose reads need no waiting: the cookie storage (a request's cookies are in memory). Marked
// with a symbol so the session store can restore a session in the same turn, without a queued restore
// step and a storage deadline timer; any other storage is read through its promise as before.

const READ_NOW = Symbol('plugboard.auth.readNow');

/** Reads `key` at once: the same answer `getItem(key)` resolves to; undefined: not now, use `getItem`. */
export type ReadNow = (key: string) => string | null | undefined;

/** Marks `storage` (a new object of its maker) as answering reads at once through `read`. */
export function withReadNow<S extends object>(storage: S, read: ReadNow): S {
  // A plain assignment: cheaper per request than defining a hidden property (one is made per request).
  (storage as { [READ_NOW]?: ReadNow })[READ_NOW] = read;
  return storage;
}

/** The synchronous read of a storage marked by {@link withReadNow}, else undefined. */
export function readNowOf(storage: object): ReadNow | undefined {
  const read = (storage as { [READ_NOW]?: unknown })[READ_NOW];
  return typeof read === 'function' ? (read as ReadNow) : undefined;
}
