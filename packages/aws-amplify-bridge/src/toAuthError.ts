import { AmplifyException } from '@plugboard/core';
import { AuthError } from 'aws-amplify/auth';

/**
 * The Plugboard error as aws-amplify's `AuthError`: same name, message and recovery suggestion, the
 * service metadata (aws-amplify keeps only the HTTP status and request ids), and the Plugboard error
 * itself as `underlyingError` and `cause`. Plugboard messages never hold a secret; anything else (not a
 * Plugboard error) gets a fixed message and is reachable only as the cause.
 */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const {
    name = 'UnknownException',
    message = 'Plugboard failed unexpectedly.',
    recoverySuggestion = 'See underlyingError.',
    metadata,
  }: Partial<AmplifyException> = error instanceof AmplifyException ? error : {};
  // aws-amplify's errors do not pass `cause` to Error; set it the way Error would (not enumerable).
  return Object.defineProperty(
    new AuthError({ name, message, recoverySuggestion, underlyingError: error, metadata }),
    'cause',
    { value: error, configurable: true, writable: true },
  );
}
