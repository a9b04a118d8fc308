import { NotAuthorizedException } from '@plugboard/core';
import { toAuthException } from '../api/callbacks.js';
import { validateToken } from '../api/validate.js';
import { buildSession, type SessionFailures } from '../session/buildSession.js';
import { needsRefresh } from '../session/credentials.js';
import type { AuthState } from '../state/AuthState.js';
import type { AWSCognitoAuthSession } from '../types.js';
import type { PluginRuntime } from './PluginRuntime.js';

type Federated = Extract<AuthState, { kind: 'federated' }>;
type SignedOut = Extract<AuthState, { kind: 'signedOut' }>;

/** The session from memory when nothing needs refreshing, else undefined. Synchronous, no I/O. */
export function cachedSession(runtime: PluginRuntime, state: AuthState): AWSCognitoAuthSession | undefined {
  const now = runtime.now();
  const fresh = (c: Parameters<typeof needsRefresh>[0]): boolean =>
    !needsRefresh(c, now, runtime.refreshMarginMs);
  const ok =
    (state.kind === 'federated' && !state.session.tokenRejected && fresh(state.session.credentials)) ||
    (state.kind === 'signedOut' && fresh(state.guest.credentials));
  return ok ? buildSession(state, now, runtime.identityPool !== undefined) : undefined;
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
    const identityId = guest.identityId ?? (await pool.service.getId(pool.poolId, undefined));
    const credentials = await pool.service.getCredentialsForIdentity(identityId, undefined);
    await runtime.machine.dispatch({ type: 'guestCredentialsObtained', identityId, credentials });
    return {};
  } catch (error) {
    runtime.logger.debug('No guest credentials.', error);
    return { identityId: toAuthException(error) };
  }
}
