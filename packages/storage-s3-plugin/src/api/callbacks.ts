import { StorageException, type Logger } from '@plugboard/core';
import { StorageServiceException, ValidationException } from '../errors.js';
import type { StorageErrorCallback } from '../types.js';

/** The error a callback receives: always a `StorageException`. */
function asStorageException(error: unknown): StorageException {
  if (error instanceof StorageException) return error;
  return new StorageServiceException(
    'The storage operation failed unexpectedly.',
    'Try again; report it if it persists.',
    { cause: error },
  );
}

/**
 * Android's callback form: delivers `work`'s outcome to `onSuccess` / `onError`. A callback that throws
 * is logged, never re-thrown into the plugin.
 */
/** Checks a callback pair before any work starts: otherwise there is nowhere to report the outcome. */
export function requireCallbacks(onSuccess: unknown, onError: unknown, method: string): void {
  if (typeof onSuccess !== 'function' || typeof onError !== 'function')
    throw new ValidationException(
      `${method} was called in callback style without both an onSuccess and an onError function.`,
      `Pass both callbacks, or leave them out and use the promise ${method} returns.`,
    );
}

export function deliver<T>(
  work: Promise<T>,
  onSuccess: unknown,
  onError: unknown,
  method: string,
  logger: Logger,
): void {
  requireCallbacks(onSuccess, onError, method);
  const call = (callback: (value: never) => void, value: unknown): void => {
    try {
      callback(value as never);
    } catch {
      logger.error(`A ${method} callback threw; the storage operation itself is unaffected.`);
    }
  };
  work.then(
    (value) => call(onSuccess as (v: T) => void, value),
    (error: unknown) => call(onError as StorageErrorCallback, asStorageException(error)),
  );
}
