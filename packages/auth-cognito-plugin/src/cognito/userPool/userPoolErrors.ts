import type { AuthException, NamedAuthExceptionClass } from '@plugboard/core';
import { mapServiceError } from '../mapServiceError.js';
import {
  CodeMismatchException,
  CodeExpiredException,
  UsernameExistsException,
  UserNotConfirmedException,
  UserNotFoundException,
  InvalidPasswordException,
  PasswordResetRequiredException,
  LimitExceededException,
} from '../../shared/eagerModules.js';

const DEDICATED: Record<string, [NamedAuthExceptionClass<string>, string]> = {
  CodeMismatchException: [CodeMismatchException, 'Check the code and try again.'],
  // A wrong code while setting TOTP up (VerifySoftwareToken): the setup can be retried.
  EnableSoftwareTokenMFAException: [
    CodeMismatchException,
    'Check the code of the authenticator app and try again.',
  ],
  ExpiredCodeException: [CodeExpiredException, 'Ask for a new code and use it.'],
  UsernameExistsException: [UsernameExistsException, 'Choose another username, or sign in.'],
  UserNotConfirmedException: [UserNotConfirmedException, 'Confirm the sign-up with confirmSignUp first.'],
  UserNotFoundException: [UserNotFoundException, 'Check the username.'],
  InvalidPasswordException: [InvalidPasswordException, "Choose a password that meets the pool's policy."],
  PasswordResetRequiredException: [PasswordResetRequiredException, 'Reset the password with resetPassword.'],
  LimitExceededException: [LimitExceededException, 'Wait a while before trying again.'],
};

/**
 * A user-pool failure as a typed AuthException that keeps the service's error name (on the class, or in
 * `metadata.serviceErrorName` and `cause`). Messages never carry the request's values.
 */
export function mapUserPoolError(error: unknown, action: string): AuthException {
  const mapped = mapServiceError(error, action);
  const name = mapped.metadata?.serviceErrorName;
  const dedicated = name ? DEDICATED[name] : undefined;
  if (!dedicated || mapped.name === name) return mapped;
  const [Class, recovery] = dedicated;
  return new Class(`${action} failed: ${name}.`, recovery, { cause: error, metadata: mapped.metadata });
}
