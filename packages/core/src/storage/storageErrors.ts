import { ConfigurationException } from '../errors/ConfigurationException.js';
import { StorageException } from '../errors/StorageException.js';

/** `new FileKeyValueStorage()` without a usable file path. */
export function missingFilePath(): ConfigurationException {
  return new ConfigurationException(
    'FileKeyValueStorage needs a file path.',
    "Pass the path of the file to keep items in, e.g. join(homedir(), '.myapp', 'session.json').",
  );
}

/** `new WebKeyValueStorage()` where no Web Storage exists and none was given. */
export function noWebStorage(): ConfigurationException {
  return new ConfigurationException(
    'WebKeyValueStorage needs Web Storage, and no localStorage is available here.',
    'Pass a Storage object (e.g. sessionStorage), or use FileKeyValueStorage on Node or InMemoryKeyValueStorage.',
  );
}

/** `new WebKeyValueStorage(storage, options)` with options it cannot use. */
export function badWebStorageOptions(problem: string): ConfigurationException {
  return new ConfigurationException(
    `WebKeyValueStorage: ${problem}.`,
    'Leave the option out for the browser default (navigator.locks, window, the WebKeyValueStorage logger), or pass null to turn it off.',
  );
}

/** The `code` of a Node system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  try {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

const RECOVERY: Record<string, string> = {
  EISDIR: 'A directory is in the way: remove it, or give FileKeyValueStorage another file path.',
  ENOTDIR: 'A file is in the way of the folder: give FileKeyValueStorage a path inside a folder.',
  EEXIST: 'A file is in the way of the folder: give FileKeyValueStorage a path inside a folder.',
  EACCES: 'Give this process write permission on the folder and file, or choose another path.',
  EPERM: 'Give this process write permission on the folder and file, or choose another path.',
  ENAMETOOLONG: 'The path is too long for the file system: choose a shorter file name or folder.',
  EROFS: 'The file system is read-only: choose a path on a writable file system.',
  ENOSPC: 'The disk is full: free some space, then try again.',
  EDQUOT: 'The disk quota is used up: free some space, then try again.',
  ELOCKED:
    'Another process kept the lock for too long. If no other process uses this file, remove the ".lock" folder next to it.',
};

/** A failed `operation` on the file at `filePath`, as a `StorageException` keeping the system error as `cause`. */
export function storageWriteFailed(operation: string, filePath: string, cause: unknown): StorageException {
  const code = errorCode(cause);
  return new StorageException(
    `FileKeyValueStorage could not ${operation} ${filePath}${code === undefined ? '' : ` (${code})`}; nothing was changed.`,
    (code !== undefined ? RECOVERY[code] : undefined) ??
      'Check that the path is a writable file in an existing or creatable folder, then try again.',
    { cause },
  );
}

/** `withExclusiveLock` waited `timeoutMs` without getting the lock. */
export function lockNotGranted(
  owner: string,
  name: string,
  timeoutMs: number,
  holderEnds: string,
): StorageException {
  return new StorageException(
    `${owner} did not get the lock "${name}" within ${timeoutMs} ms: another context holds it; the work was not run.`,
    `Try again later, or pass a larger timeoutMs. If the holder is stuck, end it: ${holderEnds}`,
  );
}
