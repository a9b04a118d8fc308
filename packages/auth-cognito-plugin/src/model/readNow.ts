// A storage whose reads need no waiting: the cookie storage (a request's cookies are in memory). Marked
// with a symbol so the session store can restore a session in the same turn, without a queued restore
// step and a storage deadline timer; any other storage is read through its promise as before.

/** The key of a storage's read at once: written in the storage's object literal. */
export const READ_NOW = Symbol('plugboard.auth.readNow');

/** Reads `key` at once: the same answer `getItem(key)` resolves to; undefined: not now, use `getItem`. */
export type ReadNow = (key: string) => string | null | undefined;

/**
 * A storage that may read at once. The key sits in the storage's object literal (not added afterwards),
 * so every storage of one maker keeps the literal's shape and nothing is defined per request.
 */
export interface ReadsNow {
  readonly [READ_NOW]?: ReadNow | undefined;
}

/** The synchronous read of a storage that has one ({@link ReadsNow}), else undefined. */
export function readNowOf(storage: object): ReadNow | undefined {
  const read = (storage as { [READ_NOW]?: unknown })[READ_NOW];
  return typeof read === 'function' ? (read as ReadNow) : undefined;
}
