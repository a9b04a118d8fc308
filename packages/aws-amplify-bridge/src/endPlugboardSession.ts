import { InvalidStateException } from '@plugboard/core';
import type { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

/**
 * Ends the Plugboard session that provides aws-amplify's credentials, locally (no network call): clears
 * a federation, or signs a user-pool user out (aws-amplify's own tokens are gone by then, so Plugboard's
 * must go too); signed out already, nothing changes. Both operations are queued in the call, in this
 * order, and the plugin runs every operation called later (a `fetchAuthSession` too) after them: nothing
 * answers the old session once this has been called. The one that does not apply is refused
 * (`InvalidStateException`) or, signed out, does nothing. `plugin` is looked up inside, so a failed
 * lookup rejects like any other failure.
 */
export async function endPlugboardSession(plugin: () => AWSCognitoAuthPlugin): Promise<void> {
  const current = plugin();
  const [cleared, signedOut] = await Promise.allSettled([
    current.clearFederationToIdentityPool(),
    current.signOut(),
  ]);
  // The clear refused: not federated (or not configured, which signOut reports the same way). Anything
  // else, e.g. a storage failure, is the real failure (signOut is then refused: still federated).
  if (cleared.status === 'rejected' && !(cleared.reason instanceof InvalidStateException))
    throw cleared.reason;
  if (signedOut.status === 'rejected') throw signedOut.reason;
}
