import {
  InvalidStateException,
  NetworkException,
  ServiceException,
  TooManyRequestsException,
  UnknownException,
  type AuthException,
} from '@plugboard/core';
import type { AWSCognitoAuthSession } from '@plugboard/auth-cognito-plugin';
import {
  decodeJWT,
  type AuthTokens,
  type CredentialsAndIdentityId,
  type CredentialsAndIdentityIdProvider,
  type GetCredentialsOptions,
  type TokenProvider,
} from 'aws-amplify/auth';
import { amplifyInitiatedSignOuts } from './amplifyInitiatedSignOuts.js';
import { endPlugboardSession } from './endPlugboardSession.js';
import { resolvePlugin, type PlugboardAuthProvidersOptions } from './resolvePlugin.js';
import { toAuthError } from './toAuthError.js';

/** aws-amplify's two auth providers, both backed by one Plugboard plugin. */
export interface PlugboardAuthProviders {
  /** aws-amplify's `CredentialsAndIdentityIdProvider`: the plugin's identity id and AWS credentials. */
  readonly credentialsProvider: CredentialsAndIdentityIdProvider;
  /** aws-amplify's `TokenProvider`: the plugin's user-pool tokens, decoded. */
  readonly tokenProvider: TokenProvider;
}

const ignore = (): void => undefined;

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
 *   either provider made meanwhile wait for it, and it returns the clear's promise, which aws-amplify's
 *   `signOut` awaits (it rejects with an `AuthError` if the clear failed).
 * - `getTokens` answers the plugin's user-pool tokens as decoded JWTs, or `null` when no user-pool user
 *   is signed in (signed out, or federated).
 */
export function plugboardAuthProviders(options: PlugboardAuthProvidersOptions = {}): PlugboardAuthProviders {
  const plugin = resolvePlugin(options);
  /** The running clear, which every call waits for. */
  let clearing: Promise<void> | undefined;
  /** The forced fetch that a forced call in the same turn of the event loop shares. */
  let forced: Promise<AWSCognitoAuthSession> | undefined;

  const session = async (forceRefresh: boolean): Promise<AWSCognitoAuthSession> => {
    for (let pending = clearing; pending; pending = clearing) await pending.then(ignore, ignore);
    try {
      if (!forceRefresh) return await plugin().fetchAuthSession();
      // aws-amplify's fetchAuthSession({ forceRefresh }) forces getTokens, then right after it (same turn
      // of the event loop) getCredentialsAndIdentityId: one forced Plugboard fetch answers both.
      if (!forced) {
        const fetch = plugin().fetchAuthSession({ forceRefresh: true });
        const forget = (): void => void setTimeout(() => forced === fetch && (forced = undefined), 0);
        fetch.then(forget, forget);
        forced = fetch;
      }
      return await forced;
    } catch (error) {
      throw toAuthError(error);
    }
  };

  const credentialsProvider: CredentialsAndIdentityIdProvider = {
    async getCredentialsAndIdentityId(
      request: GetCredentialsOptions,
    ): Promise<CredentialsAndIdentityId | undefined> {
      const current = await session(request?.forceRefresh === true);
      const result = current.awsCredentialsResult;
      if (result.type === 'FAILURE') {
        if (hasNoCredentialsToOffer(current, result.error)) return undefined;
        throw toAuthError(result.error);
      }
      const identity = current.identityIdResult;
      return {
        credentials: result.value,
        identityId: identity.type === 'SUCCESS' ? identity.value : undefined,
      };
    },
    clearCredentialsAndIdentityId(): Promise<void> {
      const run = (async () => {
        try {
          await endPlugboardSession(plugin());
        } catch (error) {
          throw toAuthError(error);
        }
      })();
      clearing = run;
      forced = undefined; // answered the session being cleared
      // A caller that treats the result as void must not see an unhandled rejection.
      amplifyInitiatedSignOuts.track(run).then(
        () => void (clearing === run && (clearing = undefined)),
        () => void (clearing === run && (clearing = undefined)),
      );
      return run;
    },
  };

  const tokenProvider: TokenProvider = {
    async getTokens(request?: { forceRefresh?: boolean }): Promise<AuthTokens | null> {
      const current = await session(request?.forceRefresh === true);
      // Signed out, or federated: no user-pool user, so no tokens (aws-amplify's "signed out").
      if (!current.isSignedIn || current.userSubResult.type === 'FAILURE') return null;
      const tokens = current.userPoolTokensResult;
      if (tokens.type === 'FAILURE') throw toAuthError(tokens.error);
      return { accessToken: decodeJWT(tokens.value.accessToken), idToken: decodeJWT(tokens.value.idToken) };
    },
  };

  return { credentialsProvider, tokenProvider };
}

/**
 * True when the failure only means there is no session to take credentials from; false for failures the
 * app must hear about (network, service, throttling, an expired federated or user-pool session).
 */
function hasNoCredentialsToOffer(current: AWSCognitoAuthSession, error: AuthException): boolean {
  const transient = [NetworkException, ServiceException, TooManyRequestsException, UnknownException];
  if (transient.some((type) => error instanceof type)) return false;
  return !current.isSignedIn || error instanceof InvalidStateException;
}
