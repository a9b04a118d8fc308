import { AmplifyException } from '@plugboard/core';
import { AuthError } from 'aws-amplify/auth';

/**
 * The Plugboard error as aws-amplify's `AuthError`: same name, message and recovery suggestion, the
 * whitelisted service metadata, and the Plugboard error itself as `underlyingError` and `cause`.
 * Plugboard messages never hold a secret, so nothing needs masking here.
 */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const plugboard = error instanceof AmplifyException ? error : undefined;
  const metadata = plugboard?.metadata;
  const authError = new AuthError({
    name: plugboard?.name ?? 'UnknownException',
    message: plugboard?.message ?? 'An unexpected error occurred in the Plugboard auth plugin.',
    recoverySuggestion:
      plugboard?.recoverySuggestion ??
      'See `underlyingError` for the original error and report it if it repeats.',
    underlyingError: error,
    ...(metadata && (metadata.httpStatusCode !== undefined || metadata.requestId !== undefined)
      ? { metadata: { httpStatusCode: metadata.httpStatusCode, requestId: metadata.requestId } }
      : {}),
  });
  // aws-amplify's errors do not pass `cause` to Error; set it the way Error would (not enumerable).
  Object.defineProperty(authError, 'cause', { value: error, configurable: true, writable: true });
  return authError;
}
