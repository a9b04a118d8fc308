import { NotAuthorizedException, SessionExpiredException } from '@plugboard/core';
import { InvalidIdentityPoolConfigurationException } from '../../model/InvalidIdentityPoolConfigurationException.js';
import type { SessionFailures } from '../../session/buildSession.js';
import { freshness, type Freshness, type Judge } from '../../session/freshness.js';
import type { AuthState, PersistedSession } from '../../session/AuthState.js';
import { toAuthException } from '../../model/toAuthException.js';
import { validateToken } from '../../model/validate.js';
import type { PluginRuntime } from '../PluginRuntime.js';
import { abandonable } from '../abandonable.js';

type Federated = Extract<AuthState, { kind: 'federated' }>;
type SignedOut = Extract<AuthState, { kind: 'signedOut' }>;
type SignedIn = Extract<AuthState, { kind: 'signedIn' }>;

/**
 * Renews what the freshness policy says is not fresh (everything when forced), and says what could not
 * be renewed. The session itself is then built from the state by the caller.
 */
export async function fetchSession(
  runtime: PluginRuntime,
  forceRefresh: boolean,
  judge: Judge = (state) => freshness(state, runtime.now(), runtime.margin),
  /** Re-reads the stored session (shared storage only): a rejected refresh token may have been rotated elsewhere. */
  reread?: () => Promise<PersistedSession | null>,
): Promise<SessionFailures> {
  const state = runtime.machine.state;
  const levels = judge(state);
  if (!forceRefresh && levels.session === 'fresh') return {};
  switch (state.kind) {
    case 'federated':
      return refreshFederated(runtime, state, forceRefresh);
    case 'signedOut':
      return refreshGuest(runtime, state);
    case 'signedIn':
      return refreshSignedIn(runtime, state, forceRefresh, levels, reread);
    default:
      return {};
  }
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
    let answer;
    try {
      answer = await abandonable(pool.service, runtime.machine.signal, pool.poolId).getCredentialsForIdentity(
        identityId,
        {
          [providerName]: providerToken,
        },
      );
    } catch (error) {
      if (error instanceof NotAuthorizedException) return 'rejected';
      throw error;
    }
    // After a merge the service answers the surviving identity id: store it from now on.
    const answeredId = answer.identityId;
    await runtime.machine.dispatch({
      type: 'federatedCredentialsRefreshed',
      credentials: answer.credentials,
      issuedAt: answer.issuedAt,
      identityId: answeredId,
      ...(isNewToken ? { providerToken } : {}),
    });
    if (answeredId !== identityId) {
      runtime.logger.info(
        `The identity pool merged identity ${identityId} into ${answeredId}; it is stored now.`,
      );
    }
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
    if (runtime.machine.signal.aborted) throw error;
    runtime.logger.warn(
      'Refreshing federated credentials failed; the stored session is kept for the next try.',
      error,
    );
    return { credentials: toAuthException(error) };
  }
}

/** A new provider token from the app's refresher, or undefined (logged) when it fails, times out or returns junk. */
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
  if (pool.allowGuests === false) {
    // The configuration says the pool has no guest access: no GetId that can only be refused.
    const refused = new InvalidIdentityPoolConfigurationException(
      'The identity pool is configured without guest access (AllowUnauthenticatedIdentities: false); there are no credentials while signed out.',
      'Sign in or federate to get AWS credentials, or enable unauthenticated identities on the pool and in the configuration.',
    );
    return { identityId: refused, credentials: refused };
  }
  let askedId = guest.identityId;
  try {
    askedId ??= await abandonable(pool.service, runtime.machine.signal, pool.poolId).getId(
      pool.poolId,
      undefined,
    );
    const answer = await abandonable(
      pool.service,
      runtime.machine.signal,
      pool.poolId,
    ).getCredentialsForIdentity(askedId, undefined);
    await runtime.machine.dispatch({ type: 'guestCredentialsObtained', ...answer });
    return {};
  } catch (error) {
    if (runtime.machine.signal.aborted) throw error;
    runtime.logger.debug('No guest credentials.', error);
    if (isGuestRefusal(error)) {
      // Remembered until the state changes (sign-in, federation, reconfiguration) or a forced fetch;
      // the identity id GetId gave is kept, so asking again does not create another identity.
      await runtime.machine.dispatch({ type: 'guestAccessRefused', error, identityId: askedId });
      return {};
    }
    return { identityId: toAuthException(error) };
  }
}

/**
 * The pool gives no guest credentials, and asking again will not change that: unauthenticated
 * identities are not allowed, or the pool has no usable role for them.
 */
function isGuestRefusal(
  error: unknown,
): error is NotAuthorizedException | InvalidIdentityPoolConfigurationException {
  return (
    error instanceof NotAuthorizedException || error instanceof InvalidIdentityPoolConfigurationException
  );
}

/**
 * Refreshes the user-pool tokens when not fresh (or forced), then the identity-pool credentials
 * federated from the id token. A rejected refresh token ends the session (SESSION_EXPIRED); any other
 * failure keeps it for the next try.
 */
async function refreshSignedIn(
  runtime: PluginRuntime,
  state: SignedIn,
  forceRefresh: boolean,
  levels: Freshness,
  reread?: () => Promise<PersistedSession | null>,
): Promise<SessionFailures> {
  const userPool = runtime.userPool;
  if (!userPool) return {};
  let { session } = state;
  let credentialsStale = forceRefresh;
  // A failed token refresh that still lets the credentials be refreshed (forced, id token still valid).
  let tokensFailed: { userPoolTokens?: ReturnType<typeof toAuthException> } = {};
  if (forceRefresh || levels.tokens !== 'fresh') {
    try {
      const device = await runtime.devices?.load(session.username);
      const tokens = await userPool.service.refresh(
        session.tokens.refreshToken,
        session.username,
        device?.deviceKey,
      );
      await runtime.machine.dispatch({ type: 'userPoolTokensRefreshed', tokens });
    } catch (error) {
      if (runtime.machine.signal.aborted) throw error;
      if (error instanceof NotAuthorizedException) {
        if (await rotatedElsewhere(runtime, session, reread)) return {};
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
      const failed = toAuthException(error);
      if (!forceRefresh) return { userPoolTokens: failed };
      // BEHAVIOUR 8: a forced refresh asked for new credentials too. With the id token still valid they
      // are refreshed with it; otherwise their result is the same failure, never the old ones as SUCCESS.
      if (!runtime.identityPool) return { userPoolTokens: failed };
      if (session.tokens.expiresAt <= runtime.now()) return { userPoolTokens: failed, credentials: failed };
      tokensFailed = { userPoolTokens: failed };
    }
    const next = runtime.machine.state;
    if (next.kind !== 'signedIn') return {};
    session = next.session;
    credentialsStale = true; // a new id token means new credentials (or a forced refresh of them)
  }
  const pool = runtime.identityPool;
  if (!pool || (!credentialsStale && levels.credentials === 'fresh')) return tokensFailed;
  try {
    const logins = { [userPool.providerName]: session.tokens.idToken };
    const askedId =
      session.identityId ??
      (await abandonable(pool.service, runtime.machine.signal, pool.poolId).getId(pool.poolId, logins));
    // After a merge the service answers the surviving identity id.
    const answer = await abandonable(
      pool.service,
      runtime.machine.signal,
      pool.poolId,
    ).getCredentialsForIdentity(askedId, logins);
    await runtime.machine.dispatch({ type: 'userPoolCredentialsObtained', ...answer });
    return tokensFailed;
  } catch (error) {
    if (runtime.machine.signal.aborted) throw error;
    runtime.logger.warn('Getting AWS credentials for the signed-in user failed; the session is kept.', error);
    const failed = toAuthException(error);
    return {
      ...tokensFailed,
      ...(session.identityId ? { credentials: failed } : { identityId: failed, credentials: failed }),
    };
  }
}

/**
 * After a rejected refresh token: when the stored session is the same user with another refresh token,
 * another context rotated it; that session is taken over (no write) instead of ending this one.
 */
async function rotatedElsewhere(
  runtime: PluginRuntime,
  session: SignedIn['session'],
  reread: (() => Promise<PersistedSession | null>) | undefined,
): Promise<boolean> {
  const latest = await reread?.();
  if (
    latest?.kind !== 'signedIn' ||
    latest.session.username !== session.username ||
    latest.session.tokens.refreshToken === session.tokens.refreshToken
  )
    return false;
  runtime.logger.info('Another context rotated the refresh token; its stored session is used.');
  await runtime.machine.dispatch({ type: 'adopted', persisted: latest });
  return true;
}
