import { brandClass } from '../brand.js';
import type { Logger } from '../logger/Logger.js';
import { getLogger } from '../logger/getLogger.js';
import {
  checkChangeListener,
  lockTimeout,
  type ExclusiveLockOptions,
  type SharedKeyValueStorage,
} from './SharedKeyValueStorage.js';
import { badWebStorageOptions, lockNotGranted, noWebStorage } from './storageErrors.js';
import { runWebLock } from './webLock.js';
import {
  defaultEventSource,
  defaultLocks,
  listenForStorageEvents,
  HANDOVER_PREFIX,
  type StorageEventSourceLike,
  type WebLockManagerLike,
} from './webSharing.js';

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

/** Throws a `ConfigurationException` when `options` is not what {@link WebKeyValueStorageOptions} describes. */
function checkWebStorageOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null)
    throw badWebStorageOptions('options must be an object');
  const { locks, events, logger } = options as Record<string, unknown>;
  const has = (value: unknown, ...methods: string[]): boolean =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');
  if (locks !== undefined && locks !== null && !has(locks, 'request'))
    throw badWebStorageOptions('options.locks must have a request method, like navigator.locks');
  if (events !== undefined && events !== null && !has(events, 'addEventListener', 'removeEventListener'))
    throw badWebStorageOptions(
      'options.events must have addEventListener and removeEventListener, like window',
    );
  if (logger !== undefined && !has(logger, 'warn'))
    throw badWebStorageOptions('options.logger must be a Logger');
}

/** Options of {@link WebKeyValueStorage}. */
export interface WebKeyValueStorageOptions {
  /**
   * The lock manager behind `withExclusiveLock`: `navigator.locks` by default. Null (or a browser
   * without the Web Locks API, e.g. a page not served from a secure origin) falls back to a lock that
   * covers this tab only.
   */
  readonly locks?: WebLockManagerLike | null;
  /** Where `storage` events arrive, for `onChange`: the `window` by default. Null: `onChange` hears nothing. */
  readonly events?: StorageEventSourceLike | null;
  /** Receives warnings (lock fallback, malformed events); defaults to the `WebKeyValueStorage` logger. */
  readonly logger?: Logger;
}

/**
 * Persists items in a Web Storage object: `localStorage` by default.
 *
 * Shared by the tabs of one origin ({@link SharedKeyValueStorage}): `withExclusiveLock` uses the Web
 * Locks API, so the lock spans every tab and worker of the origin and the browser frees it when the
 * holding page closes or crashes; where Web Locks is missing it covers this tab only (with a
 * warning). `onChange` hears the window's `storage` events, which the browser sends to every OTHER
 * page of the origin using the same storage area, never to the page that wrote. With
 * `sessionStorage` that means same-tab frames only (each tab has its own `sessionStorage`); with a
 * `storage` that is neither `localStorage` nor `sessionStorage` no events arrive.
 */
export class WebKeyValueStorage implements SharedKeyValueStorage {
  readonly #storage: WebStorageLike;
  readonly #locks: WebLockManagerLike | undefined;
  readonly #events: StorageEventSourceLike | undefined;
  readonly #logger: Logger;
  /** Keys this object has read or written: what a `clear()` in another tab is reported as. */
  readonly #knownKeys = new Set<string>();
  #warnedNoLocks = false;

  constructor(storage?: WebStorageLike, options: WebKeyValueStorageOptions = {}) {
    const resolved = storage ?? defaultWebStorage();
    if (resolved === undefined || resolved === null) throw noWebStorage();
    this.#storage = resolved;
    checkWebStorageOptions(options);
    this.#locks = options.locks === undefined ? defaultLocks() : (options.locks ?? undefined);
    this.#events = options.events === undefined ? defaultEventSource() : (options.events ?? undefined);
    this.#logger = options.logger ?? getLogger('WebKeyValueStorage');
  }

  /** The item's value, or null when there is none. */
  async getItem(key: string): Promise<string | null> {
    this.#knownKeys.add(key);
    return this.#storage.getItem(key);
  }

  /** Rejects (e.g. with the browser's QuotaExceededError) when the storage refuses the write. */
  async setItem(key: string, value: string): Promise<void> {
    this.#knownKeys.add(key);
    this.#storage.setItem(key, value);
  }

  /** Removes the item. */
  async removeItem(key: string): Promise<void> {
    this.#knownKeys.add(key);
    this.#storage.removeItem(key);
  }

  /**
   * Runs `work` holding the Web Lock `name` (exclusive across the origin's tabs), waiting at most
   * `options.timeoutMs` (default 20 s) before rejecting with a `StorageException`. A tab that closes
   * while holding it frees it at once; one that hangs holds it, and the others time out.
   */
  async withExclusiveLock<T>(
    name: string,
    work: () => Promise<T>,
    options?: ExclusiveLockOptions,
  ): Promise<T> {
    const timeoutMs = lockTimeout('WebKeyValueStorage', name, work, options);
    const timedOut = () =>
      lockNotGranted(
        'WebKeyValueStorage',
        name,
        timeoutMs,
        'close the tab that holds it, which frees it at once.',
      );
    const request = {
      storage: this.#storage,
      locks: this.#locks,
      logger: this.#logger,
      onFallback: () => {
        if (this.#warnedNoLocks) return;
        this.#warnedNoLocks = true;
        this.#logger.warn(
          'The Web Locks API is missing here: withExclusiveLock covers this tab only, not other tabs.',
        );
      },
    };
    return runWebLock(request, name, timeoutMs, work, timedOut);
  }

  /**
   * Calls `listener` with each key that another page of this origin changed or removed in this
   * storage area (a `clear()` there: each key this object has used). Returns the function that stops.
   */
  onChange(listener: (key: string) => void): () => void {
    checkChangeListener('WebKeyValueStorage', listener);
    if (this.#events === undefined) return () => undefined;
    const own = (key: string): void => {
      if (!key.startsWith(HANDOVER_PREFIX)) listener(key);
    };
    return listenForStorageEvents(this.#events, this.#storage, this.#knownKeys, own, this.#logger);
  }
}
brandClass(WebKeyValueStorage, 'WebKeyValueStorage');
