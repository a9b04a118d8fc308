import { AmplifyException } from '@plugboard/core';
import { AuthError } from 'aws-amplify/auth';

/**
 * The Plugboard error as aws-amplify's `AuthError`: same name, message and recovery suggestion, the
 * service metadata (aws-amplify keeps only the HTTP status and request ids), and the Plugboard error
 * itself as `underlyingError` and `cause`. Plugboard messages never hold a secret.
 */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const known = error instanceof AmplifyException ? error : undefined;
  const authError = new AuthError({
    name: known?.name ?? 'UnknownException',
    message: known?.message ?? 'The Plugboard auth plugin failed unexpectedly.',
    recoverySuggestion: known?.recoverySuggestion ?? 'See underlyingError.',
    underlyingError: error,
    metadata: known?.metadata,
  });
  // aws-amplify's errors do not pass `cause` to Error; set it the way Error would (not enumerable).
  Object.defineProperty(authError, 'cause', { value: error, configurable: true, writable: true });
  return authError;
}
