import {
  getLogger,
  isSharedKeyValueStorage,
  StorageException,
  type ExclusiveLockOptions,
  type KeyValueStorage,
  type SharedKeyValueStorage,
} from '@plugboard/core';
import { keepShape } from '../model/keepShape.js';
import { READ_NOW, readNowOf, type ReadsNow } from '../model/readNow.js';

/**
 * One refresh per session across the concurrent requests of one user in one server process.
 *
 * Every request has its own storage (its own cookies), so the plugin's cross-context refresh (a lock
 * and a re-read of a shared storage) would find nothing to share: four concurrent requests carrying the
 * same stale session would refresh it four times. This wrapper makes a request's storage look shared
 * within the process, keyed by the exact stored value:
 * - a write that replaces value A by value B (a refresh) is remembered for a short while as "A was
 *   replaced by B"; a later read of A, in any request of this process, gives B, and writes B to that
 *   request's storage too (so its response carries the refreshed cookies); a removal is remembered the
 *   same way (a session cleared by one request is not refreshed back by another);
 * - its lock is a process-wide lock named after the lock name and the values this storage has seen, so
 *   the requests of one session queue behind each other's refresh and the next holder re-reads, finds
 *   B, and takes it over without a request; requests of other sessions never wait for it, and a request
 *   with nothing stored takes no lock.
 * Only a holder of the exact value A learns B: someone who can present A could refresh it anyway.
 * Entries live {@link SUCCESSOR_TTL_MS} at most (a request started with A before B existed comes within
 * that time) and are dropped on later writes; nothing here holds a timer.
 */

/** How long a replacement is remembered. */
export const SUCCESSOR_TTL_MS = 60_000;
/** At most this many replacements are remembered (the oldest go first). */
const MAX_SUCCESSORS = 10_000;
/** A chain A -> B -> C is followed at most this far. */
const MAX_HOPS = 8;

interface Successor {
  readonly value: string | null;
  readonly at: number;
}

/** (key, replaced value) -> what replaced it, oldest first. Process-wide. */
const successors = /* @__PURE__ */ new Map<string, Successor>();
/** Lock key -> the end of its queue. Process-wide; an idle lock has no entry. */
const locks = /* @__PURE__ */ new Map<string, Promise<void>>();

const logger = /* @__PURE__ */ getLogger('AuthContext');

const entryKey = (key: string, value: string): string => `${key}\u0000${value}`;

function remember(key: string, replaced: string, by: string | null, now: number): void {
  const entry = entryKey(key, replaced);
  successors.delete(entry);
  successors.set(entry, { value: by, at: now });
  for (const [k, s] of successors) {
    if (successors.size <= MAX_SUCCESSORS && now - s.at <= SUCCESSOR_TTL_MS) break;
    successors.delete(k);
  }
}

function latest(key: string, value: string | null, now: number): string | null {
  if (successors.size === 0) return value; // the usual case: no key made of the whole value
  let current = value;
  for (let hop = 0; hop < MAX_HOPS && current !== null; hop++) {
    const next = successors.get(entryKey(key, current));
    if (next === undefined || now - next.at > SUCCESSOR_TTL_MS) break;
    current = next.value;
  }
  return current;
}

/** Runs `work` once every earlier holder of `lockKey` in this process is done (waiting at most `timeoutMs`). */
async function underProcessLock<T>(lockKey: string, work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const previous = locks.get(lockKey) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  locks.set(lockKey, tail);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      previous,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new StorageException(
                `Another request of the same session held the lock for more than ${timeoutMs} ms.`,
                'Repeat the call; a request that never finishes holds the lock only until its own deadline.',
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
    return await work();
  } finally {
    clearTimeout(timer);
    release();
    if (locks.get(lockKey) === tail) locks.delete(lockKey);
  }
}

/** Number of remembered replacements and held locks in this process (for leak tests). */
export function requestSessionsSize(): { successors: number; locks: number } {
  return { successors: successors.size, locks: locks.size };
}

/**
 * `storage` (one request's) as a storage shared with the other requests of this process holding the same
 * values; a storage that is already shared (a file, Web Storage) is returned as it is.
 */
export function shareAcrossRequests(storage: KeyValueStorage, now: () => number = Date.now): KeyValueStorage {
  if (isSharedKeyValueStorage(storage)) return storage;
  /** What this storage last read or wrote per key (null: no value), after following replacements. */
  const view = new Map<string, string | null>();

  const writeThrough = async (key: string, value: string | null): Promise<void> => {
    try {
      if (value === null) await storage.removeItem(key);
      else await storage.setItem(key, value);
    } catch (error) {
      // The value is still answered; only this response misses it (e.g. its headers already went out).
      logger.warn(
        `Could not pass a session refreshed by another request on to this one (key ${key}).`,
        error,
      );
    }
  };

  // A storage that reads at once (cookies) still does, unless a replacement must be written through.
  const readNow = readNowOf(storage);
  const shared: SharedKeyValueStorage & ReadsNow = {
    async getItem(key: string): Promise<string | null> {
      const raw = (await storage.getItem(key)) ?? null;
      const value = raw === null ? null : latest(key, raw, now());
      if (value !== raw) await writeThrough(key, value);
      view.set(key, value);
      return value;
    },
    async setItem(key: string, value: string): Promise<void> {
      const before = view.has(key) ? view.get(key)! : await shared.getItem(key);
      await storage.setItem(key, value);
      view.set(key, value);
      if (before !== null && before !== value) remember(key, before, value, now());
    },
    async removeItem(key: string): Promise<void> {
      const before = view.has(key) ? view.get(key)! : await shared.getItem(key);
      await storage.removeItem(key);
      view.set(key, null);
      if (before !== null) remember(key, before, null, now());
    },
    withExclusiveLock<T>(name: string, work: () => Promise<T>, options?: ExclusiveLockOptions): Promise<T> {
      const seen = [...view].filter(([, v]) => v !== null);
      // Nothing stored: no session to share with anyone (signed-out requests never queue behind each other).
      if (seen.length === 0) return work();
      seen.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const lockKey = JSON.stringify([name, seen]);
      return underProcessLock(lockKey, work, options?.timeoutMs ?? 20_000);
    },
    // A request reads its cookies once; changes by other requests reach it through getItem.
    onChange: () => () => undefined,
    [READ_NOW]:
      readNow &&
      ((key: string) => {
        const raw = readNow(key);
        if (raw === undefined || (raw !== null && latest(key, raw, now()) !== raw)) return undefined;
        view.set(key, raw);
        return raw;
      }),
  };
  return shared;
}

// The read at once is added to the literal's fixed part: one wrapper keeps that shape (keepShape.ts).
keepShape(
  shareAcrossRequests({
    getItem: async () => null,
    setItem: async () => undefined,
    removeItem: async () => undefined,
    [READ_NOW]: () => null,
  } as KeyValueStorage),
);
