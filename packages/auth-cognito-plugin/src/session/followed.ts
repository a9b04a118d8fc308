import type { AuthHubEvent } from '@plugboard/core';
import type { AuthState, PersistedSession } from './AuthState.js';

const source = 'another-context' as const;

/**
 * The Hub events that tell this context's listeners what another context (tab, process) changed, when
 * the session it stored (`persisted`; null: removed) replaces `state`: the events a local change of the
 * same kind publishes, with `source: 'another-context'`. The same user or identity (a refresh, a new
 * token, a rotated refresh token) publishes nothing; neither does a guest's change.
 */
export function followedEvents(state: AuthState, persisted: PersistedSession | null): AuthHubEvent[] {
  if (state.kind === 'signedIn') {
    if (persisted?.kind === 'signedIn' && persisted.session.username === state.session.username) return [];
    return [{ name: 'SIGNED_OUT', data: { source } }, ...arrived(persisted)];
  }
  if (state.kind === 'federated') {
    const before = state.session;
    if (persisted?.kind !== 'federated') {
      return [{ name: 'FEDERATION_TO_IDENTITY_POOL_CLEARED', data: { source } }, ...arrived(persisted)];
    }
    const after = persisted.session;
    if (after.identityId !== before.identityId || after.providerName !== before.providerName)
      return arrived(persisted);
    if (after.tokenRejected && !before.tokenRejected) {
      const data = { reason: 'federatedTokenRejected', providerName: after.providerName, source };
      return [{ name: 'SESSION_EXPIRED', data }];
    }
    return [];
  }
  return state.kind === 'signedOut' ? arrived(persisted) : [];
}

/** The event of a sign-in or federation found in storage (none for a guest or nothing). */
function arrived(persisted: PersistedSession | null): AuthHubEvent[] {
  if (persisted?.kind === 'signedIn') {
    const { username, userId } = persisted.session;
    return [{ name: 'SIGNED_IN', data: { username, userId, source } }];
  }
  if (persisted?.kind === 'federated') {
    const { identityId, providerName } = persisted.session;
    return [{ name: 'FEDERATED_TO_IDENTITY_POOL', data: { identityId, providerName, source } }];
  }
  return [];
}
