import { AuthException, UnknownException } from '@plugboard/core';

/**
 * Any thrown value as an AuthException, for `onError` callbacks and rejected promises. Never throws,
 * whatever the value is (a Proxy whose traps throw included).
 */
export function toAuthException(error: unknown): AuthException {
  try {
    if (error instanceof AuthException) return error;
  } catch {
    // a Proxy with a throwing getPrototypeOf trap: not one of ours
  }
  return new UnknownException(
    'An unexpected error occurred in the auth plugin.',
    'See the cause for details.',
    {
      cause: error,
    },
  );
}
