import { ConfigurationException } from '../errors/ConfigurationException.js';
import type { KeyValueStorage } from './KeyValueStorage.js';

/** Options of {@link SharedKeyValueStorage.withExclusiveLock}. */
export interface ExclusiveLockOptions {
  /**
   * How long to wait for the lock before giving up with a `StorageException`, in milliseconds
   * (default 20 000, at most 600 000). It bounds the wait only, not the work run under the lock.
   */
  readonly timeoutMs?: number;
}

/**
 * A {@link KeyValueStorage} that several contexts (browser tabs of one origin, Node processes sharing
 * one file) use at the same time, with the two things they need to keep one session between them:
 * an exclusive lock and news of changes made elsewhere. `WebKeyValueStorage` and
 * `FileKeyValueStorage` implement it; `InMemoryKeyValueStorage` does not (its items live in one
 * context only). An app's own storage opts in by implementing both methods.
 */
export interface SharedKeyValueStorage extends KeyValueStorage {
  /**
   * Runs `work` holding the lock called `name`, exclusive across every context sharing this storage,
   * and resolves or rejects as `work` does. Waits at most `options.timeoutMs` for the lock (then
   * rejects with a `StorageException`, `work` not run). The lock is released when `work` settles, and
   * also when its holder ends (a closed tab, a killed process; see each storage for its bound).
   * Reads and writes of the storage inside `work` are allowed: the lock is advisory, between callers
   * of this method, and does not block `getItem`/`setItem`/`removeItem`.
   */
  withExclusiveLock<T>(name: string, work: () => Promise<T>, options?: ExclusiveLockOptions): Promise<T>;
  /**
   * Calls `listener` with the key of each item that ANOTHER context changed or removed (never for
   * this context's own writes). Returns the function that stops listening. A listener may be called
   * after the fact and more than once for one change: it should re-read the item.
   */
  onChange(listener: (key: string) => void): () => void;
}

/** Whether `storage` implements {@link SharedKeyValueStorage} (both of its methods). */
export function isSharedKeyValueStorage(storage: unknown): storage is SharedKeyValueStorage {
  try {
    const candidate = storage as Partial<SharedKeyValueStorage> | null | undefined;
    return (
      typeof candidate === 'object' &&
      candidate !== null &&
      typeof candidate.withExclusiveLock === 'function' &&
      typeof candidate.onChange === 'function' &&
      typeof candidate.getItem === 'function'
    );
  } catch {
    return false;
  }
}

/** The wait for a lock when no `timeoutMs` is given. */
export const DEFAULT_LOCK_TIMEOUT_MS = 20_000;
const MAX_LOCK_TIMEOUT_MS = 600_000;
const MAX_LOCK_NAME_LENGTH = 200;

/**
 * Checks the arguments of `withExclusiveLock` and returns the wait in milliseconds. Throws a
 * `ConfigurationException` before anything is locked.
 */
export function lockTimeout(owner: string, name: unknown, work: unknown, options: unknown): number {
  if (typeof name !== 'string' || name === '' || name.length > MAX_LOCK_NAME_LENGTH) {
    throw new ConfigurationException(
      `${owner}.withExclusiveLock needs a lock name: a non-empty string of at most ${MAX_LOCK_NAME_LENGTH} characters.`,
      "Pass a fixed name for what the lock protects, e.g. 'plugboard.auth.session'.",
    );
  }
  if (typeof work !== 'function') {
    throw new ConfigurationException(
      `${owner}.withExclusiveLock needs the work to run under the lock, as a function.`,
      'Pass an async function: withExclusiveLock(name, async () => { ... }).',
    );
  }
  if (options === undefined) return DEFAULT_LOCK_TIMEOUT_MS;
  const timeoutMs =
    typeof options === 'object' && options !== null ? (options as ExclusiveLockOptions).timeoutMs : NaN;
  if (timeoutMs === undefined) return DEFAULT_LOCK_TIMEOUT_MS;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > MAX_LOCK_TIMEOUT_MS
  ) {
    throw new ConfigurationException(
      `${owner}.withExclusiveLock: options.timeoutMs must be a number of milliseconds above 0 and at most ${MAX_LOCK_TIMEOUT_MS}.`,
      `Pass e.g. { timeoutMs: 10000 }, or leave it out for the default of ${DEFAULT_LOCK_TIMEOUT_MS}.`,
    );
  }
  return timeoutMs;
}

/** Checks the listener given to `onChange`. */
export function checkChangeListener(owner: string, listener: unknown): void {
  if (typeof listener !== 'function') {
    throw new ConfigurationException(
      `${owner}.onChange needs a listener function.`,
      'Pass a function that receives the key of the changed item: onChange((key) => { ... }).',
    );
  }
}
