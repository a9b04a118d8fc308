// The user-pool exceptions apps can catch by class. Kept apart from their mapping (`clients/userPool/userPoolErrors.ts`)
// so that importing them does not bring in the service-error mapping.
import type { NamedAuthException, NamedAuthExceptionClass } from '@plugboard/core';
import { defineAuthException } from '@plugboard/core/internals';

const define: <N extends string>(name: N) => NamedAuthExceptionClass<N> = defineAuthException;

/** The confirmation or MFA code is wrong; the same step can be retried with the right code. */
export const CodeMismatchException = /* @__PURE__ */ define('CodeMismatchException');
/** The type of a thrown {@link CodeMismatchException}. */
export type CodeMismatchException = NamedAuthException<'CodeMismatchException'>;
/** The code has expired; ask for a new one. */
export const CodeExpiredException = /* @__PURE__ */ define('CodeExpiredException');
/** The type of a thrown {@link CodeExpiredException}. */
export type CodeExpiredException = NamedAuthException<'CodeExpiredException'>;
/** A user with that username already exists. */
export const UsernameExistsException = /* @__PURE__ */ define('UsernameExistsException');
/** The type of a thrown {@link UsernameExistsException}. */
export type UsernameExistsException = NamedAuthException<'UsernameExistsException'>;
/** The user has not confirmed the sign-up yet. */
export const UserNotConfirmedException = /* @__PURE__ */ define('UserNotConfirmedException');
/** The type of a thrown {@link UserNotConfirmedException}. */
export type UserNotConfirmedException = NamedAuthException<'UserNotConfirmedException'>;
/** There is no such user in the pool. */
export const UserNotFoundException = /* @__PURE__ */ define('UserNotFoundException');
/** The type of a thrown {@link UserNotFoundException}. */
export type UserNotFoundException = NamedAuthException<'UserNotFoundException'>;
/** The password does not satisfy the pool's password policy. */
export const InvalidPasswordException = /* @__PURE__ */ define('InvalidPasswordException');
/** The type of a thrown {@link InvalidPasswordException}. */
export type InvalidPasswordException = NamedAuthException<'InvalidPasswordException'>;
/** The pool requires a password reset before the user can sign in. */
export const PasswordResetRequiredException = /* @__PURE__ */ define('PasswordResetRequiredException');
/** The type of a thrown {@link PasswordResetRequiredException}. */
export type PasswordResetRequiredException = NamedAuthException<'PasswordResetRequiredException'>;
/** Too many attempts or codes; wait before trying again. */
export const LimitExceededException = /* @__PURE__ */ define('LimitExceededException');
/** The type of a thrown {@link LimitExceededException}. */
export type LimitExceededException = NamedAuthException<'LimitExceededException'>;
/** Passkeys need WebAuthn in a secure browser context, which this environment lacks (or refused). */
export const WebAuthnNotSupportedException = /* @__PURE__ */ define('WebAuthnNotSupportedException');
/** The type of a thrown {@link WebAuthnNotSupportedException}. */
export type WebAuthnNotSupportedException = NamedAuthException<'WebAuthnNotSupportedException'>;
