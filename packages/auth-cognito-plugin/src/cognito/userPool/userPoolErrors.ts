import type { AuthException, NamedAuthException, NamedAuthExceptionClass } from '@plugboard/core';
import { defineAuthException } from '@plugboard/core/internals';
import { mapServiceError } from '../mapServiceError.js';

const define = defineAuthException;

/** The confirmation or MFA code is wrong; the same step can be retried with the right code. */
export const CodeMismatchException = /* @__PURE__ */ define('CodeMismatchException');
export type CodeMismatchException = NamedAuthException<'CodeMismatchException'>;
/** The code has expired; ask for a new one. */
export const CodeExpiredException = /* @__PURE__ */ define('CodeExpiredException');
export type CodeExpiredException = NamedAuthException<'CodeExpiredException'>;
/** A user with that username already exists. */
export const UsernameExistsException = /* @__PURE__ */ define('UsernameExistsException');
export type UsernameExistsException = NamedAuthException<'UsernameExistsException'>;
/** The user has not confirmed the sign-up yet. */
export const UserNotConfirmedException = /* @__PURE__ */ define('UserNotConfirmedException');
export type UserNotConfirmedException = NamedAuthException<'UserNotConfirmedException'>;
/** There is no such user in the pool. */
export const UserNotFoundException = /* @__PURE__ */ define('UserNotFoundException');
export type UserNotFoundException = NamedAuthException<'UserNotFoundException'>;
/** The password does not satisfy the pool's password policy. */
export const InvalidPasswordException = /* @__PURE__ */ define('InvalidPasswordException');
export type InvalidPasswordException = NamedAuthException<'InvalidPasswordException'>;
/** The pool requires a password reset before the user can sign in. */
export const PasswordResetRequiredException = /* @__PURE__ */ define('PasswordResetRequiredException');
export type PasswordResetRequiredException = NamedAuthException<'PasswordResetRequiredException'>;
/** Too many attempts or codes; wait before trying again. */
export const LimitExceededException = /* @__PURE__ */ define('LimitExceededException');
export type LimitExceededException = NamedAuthException<'LimitExceededException'>;

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
