/** The lock and change-listening parts of WebKeyValueStorage (kept apart to keep that file small). */
import type { Logger } from '../logger/Logger.js';

/**
 * The part of the Web Locks API (`navigator.locks`) that {@link WebKeyValueStorage} uses. Declared
 * here so that apps compiled without the DOM lib can use core's typings; `navigator.locks` fits it.
 */
export interface WebLockManagerLike {
  /** Requests the lock `name`; calls `callback` once granted and holds the lock until its promise settles. */
  request<T>(
    name: string,
    options: { readonly mode?: string; readonly signal?: unknown },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

/** Where `storage` events arrive: the `window` fits it. */
export interface StorageEventSourceLike {
  /** Adds a listener for `type`. */
  addEventListener(type: string, listener: (event: unknown) => void): void;
  /** Removes a listener added with `addEventListener`. */
  removeEventListener(type: string, listener: (event: unknown) => void): void;
}

/** Items of this prefix hold the generations of WebKeyValueStorage's locks; `onChange` does not report them. */
export const HANDOVER_PREFIX = 'plugboard.lockGeneration.';

/** `navigator.locks`, or undefined where the Web Locks API is missing (old browsers, insecure origins). */
export function defaultLocks(): WebLockManagerLike | undefined {
  try {
    const locks = (globalThis as { navigator?: { locks?: WebLockManagerLike } }).navigator?.locks;
    return typeof locks?.request === 'function' ? locks : undefined;
  } catch {
    return undefined;
  }
}

/** The global object when it receives events (a window), else undefined. */
export function defaultEventSource(): StorageEventSourceLike | undefined {
  const global = globalThis as Partial<StorageEventSourceLike>;
  return typeof global.addEventListener === 'function' && typeof global.removeEventListener === 'function'
    ? (global as StorageEventSourceLike)
    : undefined;
}

/**
 * Listens to `storage` events about `area` and calls `listener` with each changed key. A `clear()`
 * in another context (the event's key is null) is reported as each of `knownKeys`. Events about other
 * storage areas are skipped; an event that is not a well-formed storage event is ignored with a warning.
 */
export function listenForStorageEvents(
  source: StorageEventSourceLike,
  area: unknown,
  knownKeys: ReadonlySet<string>,
  listener: (key: string) => void,
  logger: Logger,
): () => void {
  const call = (key: string): void => {
    try {
      listener(key);
    } catch (error) {
      logger.warn('A change listener of WebKeyValueStorage threw; the other listeners still run.', error);
    }
  };
  const handler = (event: unknown): void => {
    let key: unknown;
    let eventArea: unknown;
    try {
      ({ key, storageArea: eventArea } = event as { key?: unknown; storageArea?: unknown });
    } catch {
      key = undefined;
    }
    if ((typeof key !== 'string' && key !== null) || eventArea === undefined) {
      logger.warn('Ignoring a "storage" event that is not a well-formed storage event.');
      return;
    }
    if (eventArea !== area) return;
    if (key === null) [...knownKeys].forEach(call);
    else call(key);
  };
  source.addEventListener('storage', handler);
  return () => source.removeEventListener('storage', handler);
}
