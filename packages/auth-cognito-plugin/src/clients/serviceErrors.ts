import {
  InvalidParameterException,
  NotAuthorizedException,
  ServiceException,
  TooManyRequestsException,
  type AmplifyExceptionOptions,
  type AuthException,
} from '@plugboard/core';
import { InvalidIdentityPoolConfigurationException } from '../model/InvalidIdentityPoolConfigurationException.js';
import {
  CodeExpiredException,
  CodeMismatchException,
  InvalidPasswordException,
  LimitExceededException,
  PasswordResetRequiredException,
  UsernameExistsException,
  UserNotConfirmedException,
  UserNotFoundException,
} from '../model/userPoolExceptions.js';

/** An exception class the table maps to: a core class or one defined by the plugin. */
type ExceptionClass = new (
  message: string,
  recoverySuggestion: string,
  options?: AmplifyExceptionOptions,
) => AuthException;

/** What becomes of one service error name: retried (and how), and the typed exception with its recovery. */
export interface ServiceErrorRule {
  /** Retried by the plugin's own client (the SDK clients retry the same names in their standard mode). */
  readonly retry?: 'throttling' | 'transient';
  /** The typed exception and recovery suggestion; absent: classified by HTTP status or network failure. */
  readonly becomes?: readonly [ExceptionClass, string];
  /** A different exception when a user-pool call failed (the same name means something else there). */
  readonly fromUserPool?: readonly [ExceptionClass, string];
}

const THROTTLED = [
  TooManyRequestsException,
  'Wait a moment and try again; the service is throttling requests.',
] as const;

/**
 * The one classification of the errors Amazon Cognito (and AWS services in general) answer: which ones
 * the plugin retries and which typed exception each becomes. Names not listed here are final and are
 * classified by HTTP status (`mapServiceError`).
 */
export const SERVICE_ERRORS: Readonly<Record<string, ServiceErrorRule>> = {
  TooManyRequestsException: { retry: 'throttling', becomes: THROTTLED },
  LimitExceededException: {
    retry: 'throttling',
    becomes: THROTTLED,
    fromUserPool: [LimitExceededException, 'Wait a while before trying again.'],
  },
  ThrottlingException: { retry: 'throttling', becomes: THROTTLED },
  Throttling: { retry: 'throttling', becomes: THROTTLED },
  RequestLimitExceeded: { retry: 'throttling', becomes: THROTTLED },
  RequestThrottled: { retry: 'throttling', becomes: THROTTLED },
  RequestThrottledException: { retry: 'throttling', becomes: THROTTLED },
  ThrottledException: { retry: 'throttling', becomes: THROTTLED },
  SlowDown: { retry: 'throttling', becomes: THROTTLED },
  TimeoutError: { retry: 'transient' },
  // The plugin's own refusals of an answer (clients/http): never retried, never followed.
  UnexpectedRedirect: {
    becomes: [
      ServiceException,
      'The endpoint answered with a redirect, which the plugin does not follow: check the configured endpoint (a proxy or a moved host).',
    ],
  },
  AnswerTooLarge: {
    becomes: [
      ServiceException,
      'The endpoint answered with more data than any Cognito answer holds: check the configured endpoint.',
    ],
  },
  RequestTimeout: { retry: 'transient' },
  RequestTimeoutException: { retry: 'transient' },
  NotAuthorizedException: {
    becomes: [NotAuthorizedException, 'Check that the token is valid, unexpired and accepted by the pool.'],
  },
  InvalidParameterException: {
    becomes: [InvalidParameterException, 'Check the values sent; the service refused them.'],
  },
  ValidationException: {
    becomes: [
      InvalidParameterException,
      'A value is outside the limits of the service (length, pattern or range): check the pool id, identity id and Logins named in the message.',
    ],
  },
  InvalidIdentityPoolConfigurationException: {
    becomes: [
      InvalidIdentityPoolConfigurationException,
      'Give the identity pool an IAM role for this kind of identity (authenticated or guest) with SetIdentityPoolRoles or in the console, and check its role mappings.',
    ],
  },
  CodeMismatchException: { fromUserPool: [CodeMismatchException, 'Check the code and try again.'] },
  // A wrong code while setting TOTP up (VerifySoftwareToken): the setup can be retried.
  EnableSoftwareTokenMFAException: {
    fromUserPool: [CodeMismatchException, 'Check the code of the authenticator app and try again.'],
  },
  ExpiredCodeException: { fromUserPool: [CodeExpiredException, 'Ask for a new code and use it.'] },
  UsernameExistsException: {
    fromUserPool: [UsernameExistsException, 'Choose another username, or sign in.'],
  },
  UserNotConfirmedException: {
    fromUserPool: [UserNotConfirmedException, 'Confirm the sign-up with confirmSignUp first.'],
  },
  UserNotFoundException: { fromUserPool: [UserNotFoundException, 'Check the username.'] },
  InvalidPasswordException: {
    fromUserPool: [InvalidPasswordException, "Choose a password that meets the pool's policy."],
  },
  PasswordResetRequiredException: {
    fromUserPool: [PasswordResetRequiredException, 'Reset the password with resetPassword.'],
  },
};

/** The rule for a service error name (undefined: not listed, final). */
export const serviceErrorRule = (name: string): ServiceErrorRule | undefined =>
  Object.hasOwn(SERVICE_ERRORS, name) ? SERVICE_ERRORS[name] : undefined;
