/**
 * Browser stand-in for `fileOperations`: the package's `browser` field maps `fileOperations.js` to this
 * file, so a browser bundle of core never sees the `node:fs` imports or the lock library. A
 * `FileKeyValueStorage` can still be constructed there; each of its operations rejects with a
 * `ConfigurationException`.
 */
import { ConfigurationException } from '../errors/ConfigurationException.js';
import type { ReadResult } from './fileOperations.js';

function noFileSystem(): ConfigurationException {
  return new ConfigurationException(
    'FileKeyValueStorage needs a file system, and this is a browser build of @plugboard/core.',
    'Use WebKeyValueStorage (localStorage) or InMemoryKeyValueStorage in the browser; FileKeyValueStorage is for Node.',
  );
}

export async function readJsonObject(_filePath: string): Promise<ReadResult> {
  throw noFileSystem();
}

export async function withFileLock<T>(
  _filePath: string,
  _action: () => Promise<T>,
  _onCompromised: (error: Error) => void,
): Promise<T> {
  throw noFileSystem();
}

export async function removeLeftoverTemporaries(_filePath: string): Promise<void> {
  throw noFileSystem();
}

export async function writeFileAtomically(_filePath: string, _contents: string): Promise<void> {
  throw noFileSystem();
}

export const LOCK_STALE_MS = 10_000;

export class LockWaitExpired extends Error {}

export async function withNamedFileLock<T>(
  _filePath: string,
  _name: string,
  _deadline: number,
  _action: () => Promise<T>,
  _onCompromised: (error: Error) => void,
): Promise<T> {
  throw noFileSystem();
}

export async function watchFileChanges(
  _filePath: string,
  _onEvent: () => void,
  _onProblem: (message: string, error: unknown) => void,
): Promise<() => void> {
  throw noFileSystem();
}
