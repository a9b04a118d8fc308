// The stored form of a session (one JSON text under one key) and its strict reading back.
import type { PersistedSession } from './AuthState.js';
import type { AWSTemporaryCredentials } from '../model/types.js';
import { makeCredentials, storeCredentials, type StoredCredentials } from '../model/credentials.js';
import { isIdentityId, regionOf } from '../model/identityId.js';
import { earliestExpiry } from '../model/jwt.js';

/** The latest time a JavaScript Date can hold (ms). */
const MAX_DATE_MS = 8.64e15;

const FORMAT_VERSION = 1;

type Json = Record<string, unknown>;

/** The JSON-ready form of `persisted`, as stored. */
export function serialize(persisted: PersistedSession): Json {
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
