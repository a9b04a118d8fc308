import type { KeyValueStorage, Logger } from '@plugboard/core';
import type { PersistedSession } from './AuthState.js';
import type { AWSTemporaryCredentials } from '../model/types.js';
import { makeCredentials, storeCredentials, type StoredCredentials } from '../model/credentials.js';
import { isIdentityId, regionOf } from '../model/identityId.js';
import { earliestExpiry } from '../model/jwt.js';
import { SessionStorageException } from '../model/SessionStorageException.js';

const FORMAT_VERSION = 1;

type Json = Record<string, unknown>;

/**
 * Keeps the one current session under one key, namespaced by the user pool and identity pool ids, so a
 * write replaces the whole session at once and two apps (or pools) never read each other's session.
 */
export class SessionStore {
  readonly key: string;
  readonly #region: string | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    namespace: { userPoolId?: string; identityPoolId?: string },
    private readonly logger: Logger,
  ) {
    this.key = `plugboard.auth.${namespace.userPoolId ?? '-'}.${namespace.identityPoolId ?? '-'}.session`;
    this.#region = regionOf(namespace.identityPoolId);
  }

  /** The stored session, or null ("no session", with a warning) for anything unreadable or not ours. */
  async load(): Promise<PersistedSession | null> {
    let text: unknown;
    try {
      text = await this.storage.getItem(this.key);
    } catch (error) {
      this.logger.warn('Could not read the stored auth session; starting signed out.', error);
      return null;
    }
    if (text === null || text === undefined) return null;
    if (typeof text !== 'string') {
      this.logger.warn(`The stored auth session is a ${typeof text}, not text; starting signed out.`);
      return null;
    }
    const session = parse(text, this.#region);
    if (session === null) this.logger.warn('The stored auth session is unreadable; starting signed out.');
    return session;
  }

  async save(persisted: PersistedSession): Promise<void> {
    const text = JSON.stringify(serialize(persisted));
    await this.#write('store', () => this.storage.setItem(this.key, text));
  }

  async erase(): Promise<void> {
    await this.#write('remove', () => this.storage.removeItem(this.key));
  }

  /** A storage write; its failure becomes a SessionStorageException that keeps the cause. */
  async #write(verb: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
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
  if (typeof c.expiration !== 'number' || !Number.isFinite(c.expiration)) return null;
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
