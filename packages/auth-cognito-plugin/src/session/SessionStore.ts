import { isSharedKeyValueStorage, type KeyValueStorage, type Logger } from '@plugboard/core';
import type { PersistedSession } from './AuthState.js';
import { regionOf } from '../model/identityId.js';
import { SessionStorageException } from '../model/SessionStorageException.js';
import { readNowOf } from '../model/readNow.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, withDeadline } from '../clients/deadline.js';
import { parse, serialize } from './sessionFormat.js';

export { parse } from './sessionFormat.js';

/** What {@link SessionStore.reread} found: what this context last saw, nothing usable, or what is stored (null: removed). */
export type StoredChange =
  | { readonly kind: 'unchanged' | 'unreadable' }
  | { readonly kind: 'stored'; readonly persisted: PersistedSession | null };

/** A storage that can run a read-compare-write under its own exclusive (cross-process) lock. */
interface LockingStorage {
  withExclusiveLock?<T>(key: string, action: () => Promise<T>): Promise<T>;
}

/**
 * Keeps the one current session under one key, namespaced by the user pool and identity pool ids, so a
 * write replaces the whole session at once and two apps (or pools) never read each other's session.
 */
export class SessionStore {
  readonly key: string;
  readonly #region: string | undefined;
  /**
   * The generation this context last saw: the stored text it last read or wrote (null: nothing stored;
   * undefined: not read yet). A write finds the stored value changed to nothing (another process or
   * plugin cleared) and loses: a cleared session is never written back (BEHAVIOUR 9).
   */
  #seen: string | null | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    namespace: { userPoolId?: string; identityPoolId?: string },
    private readonly logger: Logger,
    /** Deadline of each storage wait: a storage that never settles fails the call instead of hanging it. */
    private readonly timeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    this.key = `plugboard.auth.${namespace.userPoolId ?? '-'}.${namespace.identityPoolId ?? '-'}.session`;
    this.#region = regionOf(namespace.identityPoolId);
  }

  /** The stored session, or null ("no session", with a warning) for anything unreadable or not ours. */
  async load(): Promise<PersistedSession | null> {
    let text: unknown;
    try {
      text = await this.#bounded('read', () => this.storage.getItem(this.key));
    } catch (error) {
      return this.#unread(error);
    }
    return this.#loaded(text);
  }

  /** {@link load} at once, from a storage that reads without waiting (`readNow.ts`); else undefined. */
  loadNow(): PersistedSession | null | undefined {
    const read = readNowOf(this.storage);
    if (!read) return undefined;
    let text: unknown;
    try {
      text = read(this.key);
    } catch (error) {
      return this.#unread(error);
    }
    return text === undefined ? undefined : this.#loaded(text);
  }

  #unread(error: unknown): null {
    this.logger.warn('Could not read the stored auth session; starting signed out.', error);
    return null;
  }

  #loaded(text: unknown): PersistedSession | null {
    if (text === null || text === undefined) {
      this.#seen = null;
      return null;
    }
    if (typeof text !== 'string') {
      this.logger.warn(`The stored auth session is a ${typeof text}, not text; starting signed out.`);
      return null;
    }
    this.#seen = text;
    const session = parse(text, this.#region);
    if (session === null) this.logger.warn('The stored auth session is unreadable; starting signed out.');
    return session;
  }

  /** The stored session after another context changed it; a corrupt value or failed read is ignored with a warning. */
  async reread(): Promise<StoredChange> {
    let text: unknown;
    try {
      text = (await this.#bounded('read', () => this.storage.getItem(this.key))) ?? null;
    } catch (error) {
      this.logger.warn('Could not read the auth session another context changed; keeping this one.', error);
      return { kind: 'unreadable' };
    }
    if (text === this.#seen) return { kind: 'unchanged' };
    const persisted = typeof text === 'string' ? parse(text, this.#region) : null;
    if (text !== null && persisted === null) {
      this.logger.warn('Another context stored an unreadable auth session; ignored, keeping this one.');
      return { kind: 'unreadable' };
    }
    this.#seen = text as string | null;
    return { kind: 'stored', persisted };
  }

  /** Calls `changed` whenever another context changes the stored session (shared storage only); returns the stop. */
  watch(changed: () => void): () => void {
    if (!isSharedKeyValueStorage(this.storage)) return () => undefined;
    return this.storage.onChange((key) => {
      if (key === this.key) changed();
    });
  }

  /** Whether other contexts (tabs, processes) share this storage and its lock. */
  get shared(): boolean {
    return isSharedKeyValueStorage(this.storage);
  }

  /**
   * `work` under the shared storage's refresh lock (one holder across every context), waiting at most
   * `timeoutMs` for it; without a shared storage, `work` alone. A separate name from the write lock, so
   * `work` may save (the lock is not re-entrant).
   */
  underRefreshLock<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
    if (!isSharedKeyValueStorage(this.storage)) return work();
    return this.storage.withExclusiveLock(`${this.key}.refresh`, work, { timeoutMs });
  }

  async save(persisted: PersistedSession): Promise<void> {
    const text = JSON.stringify(serialize(persisted));
    await this.#write('store', async () => {
      if (this.#seen !== undefined && this.#seen !== null) {
        // Compare what is stored with what this context last saw: a newer clear wins.
        const stored = await this.storage.getItem(this.key);
        if (stored === null || stored === undefined) {
          this.#seen = null;
          throw new SessionClearedElsewhereError();
        }
      }
      await this.storage.setItem(this.key, text);
      this.#seen = text;
    });
  }

  async erase(): Promise<void> {
    await this.#write('remove', async () => {
      await this.storage.removeItem(this.key);
      this.#seen = null;
    });
  }

  /** `action` bounded by the storage deadline. */
  #bounded<T>(verb: string, action: () => Promise<T>): Promise<T> {
    return withDeadline(
      Promise.resolve().then(action),
      this.timeoutMs,
      () => new Error(`The storage did not ${verb} the auth session within ${this.timeoutMs} ms.`),
    );
  }

  /** A storage write (under the storage's lock when it has one, bounded); a failure becomes a SessionStorageException. */
  async #write(verb: string, write: () => Promise<void>): Promise<void> {
    const locking = this.storage as KeyValueStorage & LockingStorage;
    try {
      await this.#bounded(verb, () =>
        typeof locking.withExclusiveLock === 'function'
          ? locking.withExclusiveLock(this.key, write)
          : write(),
      );
    } catch (error) {
      if (error instanceof SessionClearedElsewhereError) {
        this.logger.warn(
          'The auth session was cleared by another process or plugin; it is not written back.',
        );
        throw new SessionStorageException(
          'The auth session was cleared elsewhere (another process or plugin on the same storage); it was not written back.',
          'Sign in or federate again in this process.',
          { cause: error },
        );
      }
      throw new SessionStorageException(
        `Could not ${verb} the auth session: the storage refused the write; nothing changed.`,
        'Check the storage (free space, permissions, a directory or file in the way), then repeat the call.',
        { cause: error },
      );
    }
  }
}

/** A write found the session cleared since this context last saw it. */
class SessionClearedElsewhereError extends Error {
  constructor() {
    super('The stored session was cleared since this context last read or wrote it.');
    this.name = 'SessionClearedElsewhereError';
  }
}
