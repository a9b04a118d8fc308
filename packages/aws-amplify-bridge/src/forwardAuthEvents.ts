import { Hub, InvalidParameterException } from '@plugboard/core';
import { authEventPayload } from './authEventPayload.js';
import { hubOfAnotherCopy } from './anotherCoreCopy.js';
import { dispatchAuthEvent, isHubOfAnotherCopy, type AwsAmplifyHubLike } from './dispatchAuthEvent.js';

export type { AwsAmplifyHubLike } from './dispatchAuthEvent.js';

/**
 * Forwards Plugboard's auth events (its Hub, channel `auth`) to aws-amplify's Hub `auth` channel under
 * aws-amplify's names and payloads: `SIGNED_IN` → `signedIn`, `SIGNED_OUT` and `USER_DELETED` →
 * `signedOut`, `SESSION_EXPIRED` → `tokenRefresh_failure`, and `federatedToIdentityPool` /
 * `federationToIdentityPoolCleared`, which aws-amplify has none of. Returns a function that stops it.
 */
export function forwardAuthEvents(awsAmplifyHub: AwsAmplifyHubLike): () => void {
  if (typeof awsAmplifyHub?.dispatch != 'function')
    throw new InvalidParameterException(
      "forwardAuthEvents: the argument must be aws-amplify's Hub.",
      "Pass Hub from 'aws-amplify/utils'.",
    );
  if (isHubOfAnotherCopy(awsAmplifyHub)) throw hubOfAnotherCopy();
  const subscription = Hub.subscribe('auth', (event) => {
    const payload = authEventPayload(event);
    if (payload) dispatchAuthEvent(awsAmplifyHub, payload);
  });
  return () => subscription.unsubscribe();
}
