import { isSharedKeyValueStorage, type KeyValueStorage, type Logger } from '@plugboard/core';
import type { PersistedSession } from './AuthState.js';
import type { AWSTemporaryCredentials } from '../model/types.js';
import { makeCredentials, storeCredentials, type StoredCredentials } from '../model/credentials.js';
import { isIdentityId, regionOf } from '../model/identityId.js';
import { earliestExpiry } from '../model/jwt.js';
import { SessionStorageException } from '../model/SessionStorageException.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, withDeadline } from '../clients/deadline.js';

/** What {@link SessionStore.reread} found: what this context last saw, nothing usable, or what is stored (null: removed). */
export type StoredChange =
  | { readonly kind: 'unchanged' | 'unreadable' }
  | { readonly kind: 'stored'; readonly persisted: PersistedSession | null };

/** A storage that can run a read-compare-write under its own exclusive (cross-process) lock. */
interface LockingStorage {
  withExclusiveLock?<T>(key: string, action: () => Promise<T>): Promise<T>;
}

/** The latest time a JavaScript Date can hold (ms). */
const MAX_DATE_MS = 8.64e15;

const FORMAT_VERSION = 1;

type Json = Record<string, unknown>;

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
      this.logger.warn('Could not read the stored auth session; starting signed out.', error);
      return null;
    }
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

function serialize(persisted: PersistedSession): Json {
  const creds = (c: AWSTemporaryCredentials | undefined): StoredCredentials | undefined =>
    c ? storeCredentials(c) : undefined;
  switch (persisted.kind) {
    case 'guest':
      return {
        v: FORMAT_VERSION,
        kind: 'guest',
        identityId: persisted.guest.identityId,
        credentials: creds(persisted.guest.credentials),
      };
    case 'federated':
      return {
        v: FORMAT_VERSION,
        kind: 'federated',
        ...persisted.session,
        credentials: creds(persisted.session.credentials),
        credentialsIssuedAt: undefined, // not kept: a restored session knows only the expiry
      };
    case 'signedIn':
      return {
        v: FORMAT_VERSION,
        kind: 'signedIn',
        ...persisted.session,
        credentials: creds(persisted.session.credentials),
        credentialsIssuedAt: undefined, // not kept: a restored session knows only the expiry
      };
  }
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optionalString = (v: unknown): string | undefined | null =>
  v === undefined ? undefined : isString(v) ? v : null;

function parseCredentials(value: unknown): AWSTemporaryCredentials | undefined | null {
  if (value === undefined) return undefined;
  const c = value as Partial<StoredCredentials> | null;
  if (!c || !isString(c.accessKeyId) || !isString(c.secretAccessKey) || !isString(c.sessionToken))
    return null;
  if (
    typeof c.expiration !== 'number' ||
    !Number.isFinite(c.expiration) ||
    Math.abs(c.expiration) > MAX_DATE_MS
  )
    return null;
  return makeCredentials(c as StoredCredentials);
}

/**
 * Reads a stored session back; null for anything malformed, from another format version, or tampered
 * with, including an identity id that is not `<region>:<uuid>` (of `region`, when given).
 */
export function parse(text: string, region?: string): PersistedSession | null {
  let raw: Json;
  try {
    raw = JSON.parse(text) as Json;
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || raw.v !== FORMAT_VERSION) return null;
  const credentials = parseCredentials(raw.credentials);
  const identityId = optionalString(raw.identityId);
  if (credentials === null || identityId === null) return null;
  if (
    identityId !== undefined &&
    (!isIdentityId(identityId) || (region && regionOf(identityId) !== region))
  ) {
    return null;
  }
  switch (raw.kind) {
    case 'guest':
      return { kind: 'guest', guest: { identityId, credentials } };
    case 'federated':
      if (!isString(raw.providerName) || !isString(raw.providerToken) || !identityId) return null;
      return {
        kind: 'federated',
        session: {
          providerName: raw.providerName,
          providerToken: raw.providerToken,
          identityId,
          credentials,
          tokenRejected: raw.tokenRejected === true,
        },
      };
    case 'signedIn': {
      const t = raw.tokens as Json | undefined;
      if (!isString(raw.username) || !isString(raw.userId) || !t) return null;
      if (
        !isString(t.accessToken) ||
        !isString(t.idToken) ||
        !isString(t.refreshToken) ||
        typeof t.expiresAt !== 'number'
      ) {
        return null;
      }
      return {
        kind: 'signedIn',
        session: {
          username: raw.username,
          userId: raw.userId,
          // Trust the tokens' own expiry over the stored number: an unreadable token forces a refresh.
          tokens: {
            accessToken: t.accessToken,
            idToken: t.idToken,
            refreshToken: t.refreshToken,
            expiresAt: Math.min(t.expiresAt, earliestExpiry(t.accessToken, t.idToken)),
          },
          identityId,
          credentials,
        },
      };
    }
  }
  return null;
}

/** A write found the session cleared since this context last saw it. */
class SessionClearedElsewhereError extends Error {
  constructor() {
    super('The stored session was cleared since this context last read or wrote it.');
    this.name = 'SessionClearedElsewhereError';
  }
}
