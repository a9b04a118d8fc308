import { NotAuthorizedException, type AuthException } from '@plugboard/core';
import { mapServiceError, serviceMetadata } from '../mapServiceError.js';
import { serviceErrorRule } from '../serviceErrors.js';

/** Cognito's answer to a wrong password or unknown user is NotAuthorizedException; some emulators differ. */
const SIGN_IN_REFUSALS = new Set(['InvalidPasswordException', 'UserNotFoundException']);

/**
 * A user-pool failure as a typed AuthException that keeps the service's error name (on the class, or in
 * `metadata.serviceErrorName` and `cause`): `fromUserPool` of the one table in `serviceErrors.ts`.
 * `session`: a call of the session itself (password sign-in, new password, refresh, sign-out, delete),
 * where a refused user or password is NotAuthorizedException and no other name gets a dedicated class.
 * Messages never carry the request's values.
 */
export function mapUserPoolError(error: unknown, action: string, session = false): AuthException {
  const name = (error as { name?: unknown } | null)?.name;
  if (session && typeof name === 'string' && SIGN_IN_REFUSALS.has(name)) {
    return new NotAuthorizedException(
      `${action} failed: incorrect username or password.`,
      'Check the username and password and try again.',
      { cause: error, metadata: serviceMetadata(error) },
    );
  }
  const mapped = mapServiceError(error, action);
  const mappedName = mapped.metadata?.serviceErrorName;
  const dedicated = mappedName && !session ? serviceErrorRule(mappedName)?.fromUserPool : undefined;
  if (!dedicated || mapped.name === mappedName) return mapped;
  const [Exception, recovery] = dedicated;
  return new Exception(`${action} failed: ${mappedName}.`, recovery, {
    cause: error,
    metadata: mapped.metadata,
  });
}
