import { SessionExpiredException, type AuthHubEvent } from '@plugboard/core';
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

/** The aws-amplify payload for a Plugboard auth event, or undefined when it has none. Never holds a secret. */
export function authEventPayload(event: AuthHubEvent): PlugboardAuthHubEventData | undefined {
  switch (event.name) {
    case 'SIGNED_IN':
      return { event: 'signedIn', data: { username: event.data.username, userId: event.data.userId } };
    case 'SIGNED_OUT':
      return amplifyInitiatedSignOuts.active ? undefined : { event: 'signedOut' };
    case 'USER_DELETED':
      return { event: 'signedOut' };
    case 'SESSION_EXPIRED': {
      const { reason, providerName } = event.data;
      const expired = new SessionExpiredException(
        providerName
          ? `The session federated with ${providerName} has expired (${reason}).`
          : `The session has expired (${reason}).`,
        providerName
          ? 'Get a fresh token from the provider and call federateToIdentityPool again.'
          : 'Sign in again.',
      );
      return { event: 'tokenRefresh_failure', data: { error: toAuthError(expired) } };
    }
    case 'FEDERATED_TO_IDENTITY_POOL':
      return {
        event: 'federatedToIdentityPool',
        data: { identityId: event.data.identityId, providerName: event.data.providerName },
      };
    case 'FEDERATION_TO_IDENTITY_POOL_CLEARED':
      return { event: 'federationToIdentityPoolCleared' };
    default:
      return undefined;
  }
}
