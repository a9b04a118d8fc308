import { Amplify } from 'aws-amplify';
import { signOut as awsAmplifySignOut, type SignOutInput } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { hasUserPool } from './hasUserPool.js';
import { awsAmplifyOfAnotherCopy } from './anotherCoreCopy.js';
import { dispatchAuthEvent, isHubOfAnotherCopy } from './dispatchAuthEvent.js';

/**
 * aws-amplify's `signOut`, also for an identity-pool-only configuration (configure aws-amplify with
 * `configureAwsAmplify` so that its `signOut` works with a user pool too). aws-amplify's own `signOut`
 * first asserts that a user pool is configured (`userPoolId` and `userPoolClientId`) and throws
 * `AuthUserPoolException` before it clears any credentials, so with federation alone it never reaches
 * the credentials provider. With a user pool this calls aws-amplify's `signOut`; without one it does what
 * that `signOut` does after its user-pool steps: clears the credentials (through
 * `plugboardAuthProviders`, ending Plugboard's federation) and dispatches `signedOut` on aws-amplify's Hub.
 */
export async function signOut(input?: SignOutInput): Promise<void> {
  if (hasUserPool(Amplify.getConfig().Auth)) return awsAmplifySignOut(input);
  // Before clearing anything: the `signedOut` below could not be dispatched without a warning.
  if (isHubOfAnotherCopy(Hub)) throw awsAmplifyOfAnotherCopy('signOut');
  await Amplify.clearCredentials();
  dispatchAuthEvent(Hub, { event: 'signedOut' });
}
