import { brandClass, processSingleton } from '../brand.js';
import { ConfigurationException } from '../errors/ConfigurationException.js';
import type { StorageException } from '../errors/StorageException.js';
import type { Logger } from '../logger/Logger.js';
import { getLogger } from '../logger/getLogger.js';
import {
  readJsonObject,
  removeLeftoverTemporaries,
  LOCK_STALE_MS,
  LockWaitExpired,
  withFileLock,
  withNamedFileLock,
  writeFileAtomically,
} from './fileOperations.js';
import { listenForFileChanges, noteOwnWrite } from './fileChanges.js';
import { withLocalLock } from './localLock.js';
import {
  checkChangeListener,
  lockTimeout,
  type ExclusiveLockOptions,
  type SharedKeyValueStorage,
} from './SharedKeyValueStorage.js';
import { lockNotGranted, missingFilePath, storageWriteFailed } from './storageErrors.js';

/** Per file path, the tail of its operation queue: shared by every instance and copy of core. */
const fileQueues = processSingleton('storage.fileQueues.v1', () => new Map<string, Promise<unknown>>());

/** Options of {@link FileKeyValueStorage}. */
export interface FileKeyValueStorageOptions {
  /** Receives the warning about a corrupt or unreadable file; defaults to the `FileKeyValueStorage` logger. */
  readonly logger?: Logger;
}

/**
 * Persists items as one JSON object in a file (Node only), safe to share between processes.
 *
 * - Every change is a read-modify-write under a cross-process lock (a `<file>.lock` folder), so two
 *   processes never lose each other's updates and never bring back an item the other removed.
 * - The file is replaced atomically (temporary file, flush, rename) with mode 0600: a reader, or a
 *   process that restarts after a crash (even `kill -9` mid-write), sees the old or the new contents,
 *   never a file that fails to parse. Temporary files left by a crashed writer are removed.
 * - A corrupt or unreadable file reads as empty and logs a warning.
 * - A write that fails (a directory in the way, no permission, disk full) rejects with a
 *   `StorageException` whose `cause` is the system error; the file stays as it was.
 * - Shared ({@link SharedKeyValueStorage}): `withExclusiveLock` is a named cross-process lock (a
 *   `<file>.x-<name>-<hash>.lock` folder, taken in this process first, then across processes); a process
 *   killed while holding it stops refreshing it and loses it after 10 s (the stale bound), so the
 *   others wait at most that long for a dead holder. `onChange` watches the file's folder and reports
 *   the keys another process changed, about 25 ms after the change (once a second where the platform
 *   cannot watch folders); its watch does not keep the process alive.
 *
 * Node modules load lazily, on first use; browser bundlers swap in a stub (the package's `browser`
 * field) whose operations reject with a `ConfigurationException`.
 */
export class FileKeyValueStorage implements SharedKeyValueStorage {
  /** The file the items are kept in. */
  readonly filePath: string;
  readonly #logger: Logger;

  constructor(filePath: string, options: FileKeyValueStorageOptions = {}) {
    if (typeof filePath !== 'string' || filePath === '') throw missingFilePath();
    this.filePath = filePath;
    this.#logger = options.logger ?? getLogger('FileKeyValueStorage');
  }

  /** The item's value, or null when there is none. */
  getItem(key: string): Promise<string | null> {
    // No lock: the file is only ever replaced whole, so a read sees one complete version.
    return this.#enqueue(async () => {
      const value = (await this.#read())[key];
      return typeof value === 'string' ? value : null;
    });
  }

  /** Stores the item: a locked read-modify-write and an atomic replace of the file. */
  setItem(key: string, value: string): Promise<void> {
    const text = String(value);
    return this.#enqueue(() =>
      this.#change('write', key, text, (items) => {
        items[key] = text;
        return true;
      }),
    );
  }

  /** Removes the item; nothing is written when there was none. */
  removeItem(key: string): Promise<void> {
    return this.#enqueue(() =>
      this.#change('remove an item from', key, null, (items) => {
        if (!Object.hasOwn(items, key)) return false;
        delete items[key];
        return true;
      }),
    );
  }

  /** Under the file lock: reads the latest contents, applies `edit`, and writes back if it changed anything. */
  async #change(
    operation: string,
    key: string,
    value: string | null,
    edit: (items: Record<string, unknown>) => boolean,
  ): Promise<void> {
    try {
      await withFileLock(
        this.filePath,
        async () => {
          await removeLeftoverTemporaries(this.filePath);
          const items = await this.#read();
          if (!edit(items)) return;
          await writeFileAtomically(this.filePath, JSON.stringify(items));
          noteOwnWrite(this.filePath, key, value);
        },
        (error) => this.#logger.warn(`The lock of ${this.filePath} was taken over while held.`, error),
      );
    } catch (error) {
      if (error instanceof ConfigurationException) throw error;
      throw storageWriteFailed(operation, this.filePath, error);
    }
  }

  /**
   * Runs `work` holding the lock `name`, exclusive across every process using this file (and every
   * caller in this one). Waits at most `options.timeoutMs` (default 20 s), then rejects with a
   * `StorageException`; a killed holder frees the lock within 10 s. `work` may read and write items.
   */
  async withExclusiveLock<T>(
    name: string,
    work: () => Promise<T>,
    options?: ExclusiveLockOptions,
  ): Promise<T> {
    const timeoutMs = lockTimeout('FileKeyValueStorage', name, work, options);
    const deadline = Date.now() + timeoutMs;
    const timedOut = (): StorageException =>
      lockNotGranted(
        'FileKeyValueStorage',
        name,
        timeoutMs,
        `a process that ended frees it within ${LOCK_STALE_MS / 1000} s (${this.filePath}).`,
      );
    return withLocalLock(
      `file:${this.filePath}:${name}`,
      timeoutMs,
      async () => {
        let started = false;
        const run = (): Promise<T> => {
          started = true;
          return work();
        };
        try {
          return await withNamedFileLock(this.filePath, name, deadline, run, (error) =>
            this.#logger.warn(`The lock "${name}" of ${this.filePath} was taken over while held.`, error),
          );
        } catch (error) {
          if (error instanceof LockWaitExpired) throw timedOut();
          if (!started) throw storageWriteFailed(`take the lock "${name}" of`, this.filePath, error);
          throw error;
        }
      },
      timedOut,
    );
  }

  /**
   * Calls `listener` with each key that another process changed or removed in the file. This
   * process's own writes (through any instance) are not reported. Returns the function that stops.
   */
  onChange(listener: (key: string) => void): () => void {
    checkChangeListener('FileKeyValueStorage', listener);
    return listenForFileChanges(this.filePath, listener, this.#logger);
  }

  async #read(): Promise<Record<string, unknown>> {
    const { items, problem } = await readJsonObject(this.filePath);
    if (problem !== undefined) {
      this.#logger.warn(`Ignoring the contents of ${this.filePath}: ${problem} Starting empty.`);
    }
    return items;
  }

  /** Runs `operation` after every earlier operation on the same path in this process has settled. */
  #enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const previous = fileQueues.get(this.filePath) ?? Promise.resolve();
    const result = previous.then(operation, operation);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    fileQueues.set(this.filePath, tail);
    void tail.then(() => {
      if (fileQueues.get(this.filePath) === tail) fileQueues.delete(this.filePath);
    });
    return result;
  }
}
brandClass(FileKeyValueStorage, 'FileKeyValueStorage');
