import {
  InvalidStateException,
  SessionExpiredException,
  SignedOutException,
  type AuthException,
} from '@plugboard/core';
import { noIdentityPool } from '../model/errors.js';
import type { AuthState, GuestSession } from './AuthState.js';
import type {
  AuthSessionResult,
  AWSCognitoAuthSession,
  AWSCognitoUserPoolTokens,
  AWSTemporaryCredentials,
} from '../model/types.js';
import { makeUserPoolTokens } from '../model/credentials.js';

const success = <T>(value: T): AuthSessionResult<T> => Object.freeze({ type: 'SUCCESS', value });
/** Where a lazy FAILURE keeps how to make its error, and the error once made. */
const LAZY = Symbol('lazyError');
interface Lazy {
  readonly cause: () => AuthException;
  error?: AuthException;
}

/** The `error` getter every lazy FAILURE shares. */
function lazyError(this: { [LAZY]: Lazy }): AuthException {
  const lazy = this[LAZY];
  return (lazy.error ??= lazy.cause());
}

/**
 * A FAILURE; given a function, its error is made when first read. A session carries failures few callers
 * read (no identity pool, no user-pool data), and making an error (its stack) costs more than the rest
 * of a warm fetch. The getter is one shared function: a getter made per object would be held by V8's
 * accessor record (kept until a full collection) with everything it closes over.
 */
function failure<T>(cause: AuthException | (() => AuthException)): AuthSessionResult<T> {
  if (typeof cause !== 'function') return Object.freeze({ type: 'FAILURE', error: cause });
  const result = { type: 'FAILURE' } as AuthSessionResult<T>;
  Object.defineProperty(result, 'error', { get: lazyError, enumerable: true });
  Object.defineProperty(result, LAZY, { value: { cause } satisfies Lazy });
  return Object.freeze(result);
}

/** Why a part of the session is missing, when a fetch could not get it. */
export interface SessionFailures {
  readonly identityId?: AuthException;
  readonly credentials?: AuthException;
  /** The user-pool tokens could not be refreshed (they are reported only while still valid). */
  readonly userPoolTokens?: AuthException;
  /** Why a user-pool session just ended. */
  readonly session?: AuthException;
}

const noCredentialsPool = (): AuthException => noIdentityPool('there are no AWS credentials');

function credentialsResult(
  credentials: AWSTemporaryCredentials | undefined,
  now: number,
  failed: AuthException | undefined,
  fallback: () => AuthException,
  forced: boolean,
): AuthSessionResult<AWSTemporaryCredentials> {
  // Credentials that are still valid stay usable when their refresh failed, unless new ones were asked for.
  if (credentials && credentials.expiration.getTime() > now && !(forced && failed))
    return success(credentials);
  return failure(failed ?? fallback);
}

/**
 * The session a fetch answers with, read from the state and what the fetch could not get. `forced`: the
 * caller asked for new credentials, so a failed refresh is a FAILURE even while the old ones are valid.
 */
export function buildSession(
  state: AuthState,
  now: number,
  hasIdentityPool: boolean,
  failures: SessionFailures = {},
  forced = false,
): AWSCognitoAuthSession {
  switch (state.kind) {
    case 'federated': {
      const { session } = state;
      const noUserPool = (): AuthException =>
        new InvalidStateException(
          'Users federated to an identity pool have no user-pool data.',
          'Use a user-pool sign-in method to get user-pool tokens and a user sub.',
        );
      return Object.freeze({
        isSignedIn: true,
        identityIdResult: success(session.identityId),
        awsCredentialsResult: session.tokenRejected
          ? failure<AWSTemporaryCredentials>(() => expired(session.providerName))
          : credentialsResult(
              session.credentials,
              now,
              failures.credentials,
              () => expired(session.providerName),
              forced,
            ),
        userSubResult: failure<never>(noUserPool),
        userPoolTokensResult: failure<never>(noUserPool),
      });
    }
    case 'signedIn': {
      const { session } = state;
      const missing = (): AuthException => (hasIdentityPool ? unknownCredentials() : noCredentialsPool());
      return Object.freeze({
        isSignedIn: true,
        identityIdResult: session.identityId
          ? success(session.identityId)
          : failure<string>(failures.identityId ?? missing),
        awsCredentialsResult: credentialsResult(
          session.credentials,
          now,
          failures.credentials ?? failures.identityId,
          missing,
          forced,
        ),
        userSubResult: success(session.userId),
        userPoolTokensResult:
          failures.userPoolTokens && (forced || session.tokens.expiresAt <= now)
            ? failure<AWSCognitoUserPoolTokens>(failures.userPoolTokens)
            : success(makeUserPoolTokens(session.tokens)),
      });
    }
    default: {
      const guest: GuestSession =
        state.kind === 'signedOut' ? state.guest : { identityId: undefined, credentials: undefined };
      const signedOut = (): AuthException =>
        failures.session ??
        new SignedOutException('There is no user signed in.', 'Sign in or federate to get user data.');
      const missing = (): AuthException => (hasIdentityPool ? unknownCredentials() : noCredentialsPool());
      return Object.freeze({
        isSignedIn: false,
        identityIdResult: guest.identityId
          ? success(guest.identityId)
          : failure<string>(failures.identityId ?? guest.refusal ?? missing),
        awsCredentialsResult: credentialsResult(
          guest.credentials,
          now,
          failures.credentials ?? failures.identityId ?? guest.refusal,
          missing,
          forced,
        ),
        userSubResult: failure<string>(signedOut),
        userPoolTokensResult: failure<never>(signedOut),
      });
    }
  }
}

function expired(providerName: string): AuthException {
  return new SessionExpiredException(
    `The identity provider token for ${providerName} was rejected; the federated session has expired.`,
    'Get a fresh token from the provider and call federateToIdentityPool with it again.',
  );
}

function unknownCredentials(): AuthException {
  return new SessionExpiredException(
    'There are no valid AWS credentials for this session.',
    'Call fetchAuthSession again; if it keeps failing, sign in or federate again.',
  );
}
