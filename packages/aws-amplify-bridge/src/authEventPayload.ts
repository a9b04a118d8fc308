import { SessionExpiredException, type AuthHubEvent, type AuthHubEventDataMap } from '@plugboard/core';
import type {} from '@plugboard/auth-cognito-plugin'; // its auth events (declaration merging)
import type { AuthError } from 'aws-amplify/auth';
import { amplifyInitiatedSignOuts } from './amplifyInitiatedSignOuts.js';
import { toAuthError } from './toAuthError.js';

/**
 * What the bridge dispatches on aws-amplify's Hub `auth` channel: aws-amplify's own `signedIn`,
 * `signedOut` and `tokenRefresh_failure` payloads, and two events aws-amplify has no equivalent of.
 */
export type PlugboardAuthHubEventData =
  /** A user-pool sign-in completed (aws-amplify's `signedIn`, with an `AuthUser`). */
  | { event: 'signedIn'; data: { username: string; userId: string } }
  /** The session ended: sign-out, or the user was deleted (aws-amplify's `signedOut`). */
  | { event: 'signedOut' }
  /** The session can no longer be refreshed: sign in or federate again (aws-amplify's `tokenRefresh_failure`). */
  | { event: 'tokenRefresh_failure'; data: { error: AuthError } }
  /** A provider token was federated into the identity pool. Plugboard only. */
  | { event: 'federatedToIdentityPool'; data: { identityId: string; providerName: string } }
  /** The federation was cleared. Plugboard only. */
  | { event: 'federationToIdentityPoolCleared' };

type SessionExpiredData = AuthHubEventDataMap['SESSION_EXPIRED'];

/** Plugboard's event names → aws-amplify's. Their data (never a secret) carries over as it is. */
const NAMES: Partial<Record<AuthHubEvent['name'], PlugboardAuthHubEventData['event']>> = {
  SIGNED_IN: 'signedIn',
  SIGNED_OUT: 'signedOut',
  USER_DELETED: 'signedOut',
  FEDERATED_TO_IDENTITY_POOL: 'federatedToIdentityPool',
  FEDERATION_TO_IDENTITY_POOL_CLEARED: 'federationToIdentityPoolCleared',
  SESSION_EXPIRED: 'tokenRefresh_failure',
};

/** The aws-amplify payload for a Plugboard auth event, or undefined when it has none. */
export function authEventPayload({ name, data }: AuthHubEvent): PlugboardAuthHubEventData | undefined {
  const event = NAMES[name];
  // aws-amplify's own signOut announces `signedOut` after the clear it started (see amplifyInitiatedSignOuts).
  if (!event || (name === 'SIGNED_OUT' && amplifyInitiatedSignOuts.active)) return undefined;
  return {
    event,
    ...(data && { data: name === 'SESSION_EXPIRED' ? { error: toAuthError(expired(data)) } : { ...data } }),
  } as PlugboardAuthHubEventData;
}

/** The error `SESSION_EXPIRED` stands for. */
function expired({ reason, providerName }: SessionExpiredData): SessionExpiredException {
  return new SessionExpiredException(
    `The session expired (${reason}${providerName ? `, ${providerName}` : ''}).`,
    providerName ? 'Federate again with a fresh provider token.' : 'Sign in again.',
  );
}
