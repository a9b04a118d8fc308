import { NotAuthorizedException, SessionExpiredException } from '@plugboard/core';
import { toAuthException } from '../api/callbacks.js';
import { validateToken } from '../api/validate.js';
import { answeredIdentityId } from '../cognito/IdentityPoolService.js';
import { buildSession, type SessionFailures } from '../session/buildSession.js';
import { needsRefresh } from '../session/credentials.js';
import type { AuthState } from '../state/AuthState.js';
import type { AWSCognitoAuthSession } from '../types.js';
import type { PluginRuntime } from './PluginRuntime.js';

type Federated = Extract<AuthState, { kind: 'federated' }>;
type SignedOut = Extract<AuthState, { kind: 'signedOut' }>;
type SignedIn = Extract<AuthState, { kind: 'signedIn' }>;

/** The session from memory when nothing needs refreshing, else undefined. Synchronous, no I/O. */
export function cachedSession(runtime: PluginRuntime, state: AuthState): AWSCognitoAuthSession | undefined {
  const now = runtime.now();
  const fresh = (c: Parameters<typeof needsRefresh>[0]): boolean =>
    !needsRefresh(c, now, runtime.refreshMarginMs);
  const ok =
    (state.kind === 'federated' && !state.session.tokenRejected && fresh(state.session.credentials)) ||
    (state.kind === 'signedOut' &&
      (runtime.identityPool === undefined ||
        state.guest.refusal !== undefined ||
        fresh(state.guest.credentials))) ||
    (state.kind === 'signedIn' &&
      state.session.tokens.expiresAt - now > runtime.refreshMarginMs &&
      (runtime.identityPool === undefined || fresh(state.session.credentials)));
  if (!ok) return undefined;
  // States are immutable, so while a state stays fresh its session is the same object: the warm path
  // builds nothing (no error objects, no stack traces).
  let session = runtime.answered.get(state);
  if (!session) {
    session = buildSession(state, now, runtime.identityPool !== undefined);
    runtime.answered.set(state, session);
  }
  return session;
}

/** Answers fetchAuthSession, refreshing what is about to expire (or everything when forced). */
export async function fetchSession(
  runtime: PluginRuntime,
  forceRefresh: boolean,
): Promise<AWSCognitoAuthSession> {
  const state = runtime.machine.state;
  if (!forceRefresh) {
    const cached = cachedSession(runtime, state);
    if (cached) return cached;
  }
  const failures =
    state.kind === 'federated'
      ? await refreshFederated(runtime, state, forceRefresh)
      : state.kind === 'signedOut'
        ? await refreshGuest(runtime, state)
        : state.kind === 'signedIn'
          ? await refreshSignedIn(runtime, state, forceRefresh)
          : {};
  return buildSession(runtime.machine.state, runtime.now(), runtime.identityPool !== undefined, failures);
}

async function refreshFederated(
  runtime: PluginRuntime,
  { session }: Federated,
  forceRefresh: boolean,
): Promise<SessionFailures> {
  const pool = runtime.identityPool;
  const refresher = runtime.federatedTokenRefresher;
  // A rejected token stays rejected: only a forced fetch or the app's refresher may try again.
  if (!pool || (session.tokenRejected && !forceRefresh && !refresher)) return {};
  const { identityId, providerName } = session;

  const exchange = async (providerToken: string, isNewToken: boolean): Promise<'refreshed' | 'rejected'> => {
    let credentials;
    try {
      credentials = await pool.service.getCredentialsForIdentity(identityId, {
        [providerName]: providerToken,
      });
    } catch (error) {
      if (error instanceof NotAuthorizedException) return 'rejected';
      throw error;
    }
    await runtime.machine.dispatch({
      type: 'federatedCredentialsRefreshed',
      credentials,
      ...(isNewToken ? { providerToken } : {}),
    });
    return 'refreshed';
  };

  try {
    let outcome =
      session.tokenRejected && !forceRefresh ? 'rejected' : await exchange(session.providerToken, false);
    if (outcome === 'rejected' && refresher) {
      const freshToken = await askRefresher(runtime, refresher, providerName);
      if (freshToken !== undefined) outcome = await exchange(freshToken, true);
    }
    if (outcome === 'rejected') await runtime.machine.dispatch({ type: 'federatedTokenRejected' });
    return {};
  } catch (error) {
    runtime.logger.warn(
      'Refreshing federated credentials failed; the stored session is kept for the next try.',
      error,
    );
    return { credentials: toAuthException(error) };
  }
}

/** A new provider token from the app's refresher, or undefined (logged) when it fails or returns junk. */
async function askRefresher(
  runtime: PluginRuntime,
  refresher: (providerName: string) => Promise<string>,
  providerName: string,
): Promise<string | undefined> {
  try {
    return validateToken(await refresher(providerName), 'The token from federatedTokenRefresher');
  } catch (error) {
    runtime.logger.warn(`federatedTokenRefresher failed for ${providerName}.`, error);
    return undefined;
  }
}

async function refreshGuest(runtime: PluginRuntime, { guest }: SignedOut): Promise<SessionFailures> {
  const pool = runtime.identityPool;
  if (!pool) return {};
  try {
    const askedId = guest.identityId ?? (await pool.service.getId(pool.poolId, undefined));
    const credentials = await pool.service.getCredentialsForIdentity(askedId, undefined);
    const identityId = answeredIdentityId(credentials, askedId);
    await runtime.machine.dispatch({ type: 'guestCredentialsObtained', identityId, credentials });
    return {};
  } catch (error) {
    runtime.logger.debug('No guest credentials.', error);
    if (error instanceof NotAuthorizedException) {
      await runtime.machine.dispatch({ type: 'guestAccessRefused', error });
      return {};
    }
    return { identityId: toAuthException(error) };
  }
}

/**
 * Refreshes the user-pool tokens when near expiry (or forced), then the identity-pool credentials
 * federated from the id token. A rejected refresh token ends the session (SESSION_EXPIRED); any other
 * failure keeps it for the next try.
 */
async function refreshSignedIn(
  runtime: PluginRuntime,
  state: SignedIn,
  forceRefresh: boolean,
): Promise<SessionFailures> {
  const userPool = runtime.userPool;
  if (!userPool) return {};
  let { session } = state;
  let credentialsStale = forceRefresh;
  const now = runtime.now();
  if (forceRefresh || session.tokens.expiresAt - now <= runtime.refreshMarginMs) {
    try {
      const tokens = await userPool.service.refresh(session.tokens.refreshToken, session.username);
      await runtime.machine.dispatch({ type: 'userPoolTokensRefreshed', tokens });
    } catch (error) {
      if (error instanceof NotAuthorizedException) {
        await runtime.machine.dispatch({ type: 'refreshTokenRejected' });
        return {
          session: new SessionExpiredException(
            'The user-pool session has expired: its refresh token was rejected.',
            'Sign in again.',
            { cause: error },
          ),
        };
      }
      runtime.logger.warn(
        'Refreshing the user-pool tokens failed; the stored session is kept for the next try.',
        error,
      );
      return { userPoolTokens: toAuthException(error) };
    }
    const next = runtime.machine.state;
    if (next.kind !== 'signedIn') return {};
    session = next.session;
    credentialsStale = true; // a new id token means new credentials
  }
  const pool = runtime.identityPool;
  if (!pool || (!credentialsStale && !needsRefresh(session.credentials, now, runtime.refreshMarginMs)))
    return {};
  try {
    const logins = { [userPool.providerName]: session.tokens.idToken };
    const askedId = session.identityId ?? (await pool.service.getId(pool.poolId, logins));
    const credentials = await pool.service.getCredentialsForIdentity(askedId, logins);
    const identityId = answeredIdentityId(credentials, askedId); // the surviving id after a merge
    await runtime.machine.dispatch({ type: 'userPoolCredentialsObtained', identityId, credentials });
    return {};
  } catch (error) {
    runtime.logger.warn('Getting AWS credentials for the signed-in user failed; the session is kept.', error);
    const failed = toAuthException(error);
    return session.identityId ? { credentials: failed } : { identityId: failed, credentials: failed };
  }
}
