import type { PersistedSession } from '../../session/AuthState.js';
import type { SessionFailures } from '../../session/buildSession.js';
import { freshness, type Judge } from '../../session/freshness.js';
import type { SessionStore } from '../../session/SessionStore.js';
import { transition } from '../../session/transition.js';
import type { PluginRuntime } from '../PluginRuntime.js';
import { fetchSession } from './fetchSession.js';

/**
 * One refresh across every context sharing the storage (tabs, processes): under the storage's refresh
 * lock (waited for at most `requestTimeoutMs`), re-read the stored session; when another context already
 * refreshed it (fresh by the one policy), take it over without a request; else refresh and write before
 * the lock is released. A lock not granted in time (a hung holder): the same steps without it, with a
 * warning, so a stuck context never blocks the others for longer than a request.
 */
export async function refreshShared(
  runtime: PluginRuntime,
  store: SessionStore,
  force: boolean,
  judge: Judge,
): Promise<SessionFailures> {
  let started = false;
  const attempt = async (): Promise<SessionFailures> => {
    started = true;
    if (await adoptStored(runtime, store, force)) return {};
    return fetchSession(runtime, force, judge, () => store.load());
  };
  try {
    return await store.underRefreshLock(attempt, runtime.requestTimeoutMs);
  } catch (error) {
    if (started || runtime.machine.signal.aborted) throw error;
    runtime.logger.warn(
      `Another context held the session refresh lock for more than ${runtime.requestTimeoutMs} ms; refreshing without it.`,
      error,
    );
    return attempt();
  }
}

/**
 * Takes over what another context stored: a fresh session (it refreshed: true, nothing to send), the
 * same user or identity (its refresh token or provider token may be newer: the refresh then uses it),
 * or, published as that context's change, another user or identity, or a removal (a sign-out elsewhere
 * is never undone by this refresh). A forced fetch always asks. An unreadable value is ignored.
 */
async function adoptStored(runtime: PluginRuntime, store: SessionStore, force: boolean): Promise<boolean> {
  const state = runtime.machine.state;
  if (state.kind !== 'signedOut' && state.kind !== 'federated' && state.kind !== 'signedIn') return false;
  const change = await store.reread();
  if (change.kind !== 'stored') return false; // what this context already has, or nothing usable
  const stored = change.persisted;
  if (stored === null) {
    if (state.kind !== 'signedOut') await runtime.machine.dispatch({ type: 'followed', persisted: null });
    return false;
  }
  const candidate = transition(state, { type: 'adopted', persisted: stored }).state;
  const fresh = freshness(candidate, runtime.now(), runtime.margin).session === 'fresh';
  const type = fresh || !sameSubject(state, stored) ? 'followed' : 'adopted';
  await runtime.machine.dispatch({ type, persisted: stored });
  return fresh && !force;
}

function sameSubject(state: PluginRuntime['machine']['state'], stored: PersistedSession): boolean {
  if (state.kind === 'signedIn' && stored.kind === 'signedIn')
    return state.session.username === stored.session.username;
  if (state.kind === 'federated' && stored.kind === 'federated')
    return (
      state.session.identityId === stored.session.identityId &&
      state.session.providerName === stored.session.providerName
    );
  return false;
}
