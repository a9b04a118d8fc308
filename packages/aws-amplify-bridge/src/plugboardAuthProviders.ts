import {
  Amplify,
  InvalidParameterException,
  InvalidStateException,
  NetworkException,
  ServiceException,
  TooManyRequestsException,
  UnknownException,
} from '@plugboard/core';
import { AWSCognitoAuthPlugin, type AWSCognitoAuthSession } from '@plugboard/auth-cognito-plugin';
import {
  decodeJWT,
  type CredentialsAndIdentityIdProvider,
  type GetCredentialsOptions,
  type TokenProvider,
} from 'aws-amplify/auth';
import { amplifyInitiatedSignOuts } from './amplifyInitiatedSignOuts.js';
import { endPlugboardSession } from './endPlugboardSession.js';
import { toAuthError } from './toAuthError.js';

/** Options of {@link plugboardAuthProviders}. */
export interface PlugboardAuthProvidersOptions {
  /** The plugin whose session aws-amplify uses. Default: `Amplify.Auth.getPlugin('awsCognitoAuthPlugin')` of `@plugboard/core`, looked up on each call. */
  readonly plugin?: AWSCognitoAuthPlugin;
}

/** aws-amplify's two auth providers, both backed by one Plugboard plugin. */
export interface PlugboardAuthProviders {
  /** aws-amplify's `CredentialsAndIdentityIdProvider`: the plugin's identity id and AWS credentials. */
  readonly credentialsProvider: CredentialsAndIdentityIdProvider;
  /** aws-amplify's `TokenProvider`: the plugin's user-pool tokens, decoded. */
  readonly tokenProvider: TokenProvider;
}

/** Failures that do not mean "no session to take credentials from": the app must hear about them. */
const TRANSIENT = [NetworkException, ServiceException, TooManyRequestsException, UnknownException];

/** `work` with its rejection as an aws-amplify `AuthError`. */
const bridged = <T>(work: Promise<T>): Promise<T> =>
  work.catch((error: unknown) => Promise.reject(toAuthError(error)));

/**
 * aws-amplify's credentials and token providers backed by the Plugboard plugin's session:
 * `Amplify.configure(config, { Auth: plugboardAuthProviders() })` (aws-amplify's `Amplify`). Every
 * aws-amplify category then signs with Plugboard's federated or user-pool session.
 *
 * - `getCredentialsAndIdentityId` answers the plugin's credentials and identity id (`forceRefresh` asks
 *   for new ones; `authenticated` and `tokens` are not needed: the plugin's session decides). Without a
 *   session (signed out, no guest access, no identity pool) it resolves `undefined`, as aws-amplify's own
 *   provider does; a failure (network, service, expired provider token) rejects with an `AuthError`.
 * - `clearCredentialsAndIdentityId` ends the plugin's session (clears the federation, or signs the
 *   user-pool user out locally). aws-amplify declares it synchronous: the clear starts at once, calls to
 *   either provider made meanwhile wait for it (the plugin runs them after it, see
 *   `endPlugboardSession`), and it returns the clear's promise, which aws-amplify's `signOut` awaits (it
 *   rejects with an `AuthError` if the clear failed).
 * - `getTokens` answers the plugin's user-pool tokens as decoded JWTs, or `null` when no user-pool user
 *   is signed in (signed out, or federated).
 */
export function plugboardAuthProviders(options: PlugboardAuthProvidersOptions = {}): PlugboardAuthProviders {
  const { plugin: given, ...unknown } = Object(options) as PlugboardAuthProvidersOptions;
  if (
    typeof options != 'object' ||
    !options ||
    Array.isArray(options) ||
    Object.keys(unknown).length ||
    (given !== undefined && !(given instanceof AWSCognitoAuthPlugin))
  )
    throw new InvalidParameterException(
      'plugboardAuthProviders: options must be { plugin?: AWSCognitoAuthPlugin }.',
      'Pass no options, or { plugin }.',
    );
  /** The plugin; the default lookup may throw. */
  const plugin = (): AWSCognitoAuthPlugin => given ?? Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
  /** The forced fetch that a forced call in the same turn of the event loop shares. */
  let forced: Promise<AWSCognitoAuthSession> | undefined;

  const session = async (request?: { forceRefresh?: boolean }): Promise<AWSCognitoAuthSession> => {
    if (request?.forceRefresh !== true) return plugin().fetchAuthSession();
    // aws-amplify's fetchAuthSession({ forceRefresh }) forces getTokens, then right after it (same turn
    // of the event loop) getCredentialsAndIdentityId: one forced Plugboard fetch answers both.
    return (forced ??= plugin()
      .fetchAuthSession({ forceRefresh: true })
      .finally(() => setTimeout(() => (forced = undefined))));
  };

  const credentialsProvider: CredentialsAndIdentityIdProvider = {
    getCredentialsAndIdentityId: (request: GetCredentialsOptions) =>
      bridged(
        session(request).then(({ isSignedIn, awsCredentialsResult: result, identityIdResult: id }) => {
          if (result.type === 'SUCCESS')
            return { credentials: result.value, identityId: id.type === 'SUCCESS' ? id.value : undefined };
          // No session to take credentials from: signed out (unless the failure is transient), or
          // signed in without an identity pool. aws-amplify's own provider answers undefined then.
          const { error } = result;
          if (
            isSignedIn ? !(error instanceof InvalidStateException) : TRANSIENT.some((t) => error instanceof t)
          )
            throw error;
          return undefined;
        }),
      ),
    clearCredentialsAndIdentityId(): Promise<void> {
      const run = bridged(endPlugboardSession(plugin));
      forced = undefined; // it answered the session being cleared
      // Also handles `run`'s rejection: a caller that treats the result as void sees none.
      amplifyInitiatedSignOuts.track(run);
      return run;
    },
  };

  const tokenProvider: TokenProvider = {
    getTokens: (request) =>
      bridged(
        session(request).then(({ userSubResult, userPoolTokensResult: tokens }) => {
          // Signed out, or federated: no user-pool user, so no tokens (aws-amplify's "signed out").
          if (userSubResult.type === 'FAILURE') return null;
          if (tokens.type === 'FAILURE') throw tokens.error;
          const { accessToken, idToken } = tokens.value;
          return { accessToken: decodeJWT(accessToken), idToken: decodeJWT(idToken) };
        }),
      ),
  };

  return { credentialsProvider, tokenProvider };
}
