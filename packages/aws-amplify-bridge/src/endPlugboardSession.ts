import { InvalidStateException } from '@plugboard/core';
import type { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';

/**
 * Ends the Plugboard session that provides aws-amplify's credentials: clears a federation, or signs a
 * user-pool user out locally (aws-amplify's own tokens are gone by then, so Plugboard's must go too).
 * Signed out already: nothing to do. Local only, no network call.
 */
export async function endPlugboardSession(plugin: AWSCognitoAuthPlugin): Promise<void> {
  try {
    await plugin.clearFederationToIdentityPool();
    return;
  } catch (error) {
    // Refused: not federated (or not configured, which signOut reports the same way). Anything else,
    // e.g. a storage failure, is a real failure.
    if (!(error instanceof InvalidStateException)) throw error;
  }
  await plugin.signOut();
}
