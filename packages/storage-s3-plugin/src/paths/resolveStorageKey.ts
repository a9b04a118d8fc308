import { AccessDeniedException, ValidationException } from '../errors.js';
import type { StorageAccessLevel, StoragePath } from '../types.js';

/** What an operation does with the key: access rules differ for reads, writes and listings. */
export type AccessMode = 'read' | 'write' | 'list';

/** A location as given by the app (the union's two forms, read loosely: the input is checked here). */
export interface LocationInput {
  readonly path?: unknown;
  readonly key?: unknown;
}

export interface LocationOptions {
  readonly accessLevel?: unknown;
  readonly targetIdentityId?: unknown;
}

const LEVEL_PREFIX: Record<StorageAccessLevel, string> = {
  guest: 'public/',
  protected: 'protected/',
  private: 'private/',
};
/** S3 keys are at most 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

/** True when the location needs the caller's identity id to be resolved or checked. */
export function needsIdentity(
  input: LocationInput,
  options: LocationOptions | undefined,
  defaultLevel: StorageAccessLevel,
): boolean {
  if (typeof input.path === 'function') return true;
  if (typeof input.path === 'string') return /^(private|protected)\//.test(input.path);
  const level = options?.accessLevel ?? defaultLevel;
  return level !== 'guest';
}

function checkKey(key: unknown, what: string, allowEmpty: boolean): string {
  if (typeof key !== 'string')
    throw new ValidationException(
      `${what} must be a string.`,
      'Give the object path as a string, or a function of { identityId } that returns one.',
    );
  if (!allowEmpty && key === '')
    throw new ValidationException(`${what} is empty.`, 'Give the path of the object, e.g. public/photo.jpg.');
  if (key.startsWith('/'))
    throw new ValidationException(
      `${what} '${key}' starts with '/'.`,
      'Paths are S3 keys: leave out the leading slash.',
    );
  // Control characters break signing and listings; S3 advises against them.
  if ([...key].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw new ValidationException(
      `${what} contains a control character.`,
      'Use printable characters in paths.',
    );
  if (new TextEncoder().encode(key).length > MAX_KEY_BYTES)
    throw new ValidationException(`${what} is longer than ${MAX_KEY_BYTES} bytes.`, 'Use a shorter path.');
  return key;
}

/**
 * The S3 key of a location: `path` as is (a function receives the identity id), or `key` under its
 * access level's prefix. Then the access rules of Amplify's levels, checked before any request:
 * `private/{id}/` is the owner's alone; `protected/{id}/` is readable by anyone, writable by its owner.
 */
export function resolveStorageKey(
  input: LocationInput,
  options: LocationOptions | undefined,
  context: {
    readonly identityId: string | undefined;
    readonly defaultAccessLevel: StorageAccessLevel;
    readonly mode: AccessMode;
  },
  what = 'path',
): string {
  const { identityId, mode } = context;
  const hasPath = input.path !== undefined;
  if (hasPath === (input.key !== undefined))
    throw new ValidationException(
      `Give exactly one of ${what === 'path' ? '' : `${what}.`}path and ${what === 'path' ? '' : `${what}.`}key.`,
      'Use `path` (v6 form), or `key` with options.accessLevel.',
    );
  let key: string;
  if (hasPath) {
    const path = input.path as StoragePath;
    const value: unknown =
      typeof path === 'function' ? path(identityId === undefined ? {} : { identityId }) : path;
    key = checkKey(value, what, mode === 'list');
    if (typeof path === 'function' && identityId === undefined && key.includes('undefined'))
      throw new AccessDeniedException(
        'The path function needed an identity id, and the caller has none.',
        'Sign in or federate first, or allow guest identities on the identity pool.',
      );
  } else {
    const level = (options?.accessLevel ?? context.defaultAccessLevel) as StorageAccessLevel;
    if (!Object.hasOwn(LEVEL_PREFIX, level))
      throw new ValidationException(
        `accessLevel '${String(level)}' is not guest, protected or private.`,
        'Use guest, protected or private.',
      );
    const target = options?.targetIdentityId;
    if (target !== undefined && (typeof target !== 'string' || target === '' || level !== 'protected'))
      throw new ValidationException(
        'targetIdentityId is only for protected objects, as a non-empty string.',
        "Use targetIdentityId with accessLevel 'protected'.",
      );
    const owner = (target as string | undefined) ?? identityId;
    if (level !== 'guest' && owner === undefined)
      throw new AccessDeniedException(
        `The ${level} access level needs an identity id, and the caller has none.`,
        'Sign in or federate first, or use the guest access level.',
      );
    key =
      LEVEL_PREFIX[level] +
      (level === 'guest' ? '' : `${owner}/`) +
      checkKey(input.key, 'key', mode === 'list');
  }
  checkAccess(key, identityId, mode);
  return key;
}

function checkAccess(key: string, identityId: string | undefined, mode: AccessMode): void {
  const match = /^(private|protected)(?:\/([^/]*))?/.exec(key);
  if (!match) return;
  const [, level, owner] = match;
  const whole = owner === undefined || (!key.startsWith(`${level}/${owner}/`) && mode === 'list');
  if (level === 'protected' && mode === 'read') return;
  if (level === 'protected' && mode === 'list' && !whole) return;
  if (!whole && owner === identityId) return;
  throw new AccessDeniedException(
    `The path '${key}' is outside the caller's access: ${level}/ objects ${level === 'private' ? 'belong to their owner alone' : 'are written by their owner alone'}.`,
    identityId === undefined
      ? 'Sign in or federate first; then use your own identity id in the path.'
      : `Use ${level}/${identityId}/... for your own objects.`,
  );
}
