import { AMPLIFY_SYMBOL } from '@aws-amplify/core/internals/utils';
import { Hub, HubChannel, InvalidParameterException } from '@plugboard/core';
import { authEventPayload } from './authEventPayload.js';

/** aws-amplify's Hub, or anything with its `dispatch(channel, payload, source, symbol)`. */
export interface AwsAmplifyHubLike {
  /** Called as `dispatch('auth', payload, 'Auth', symbol)`. */
  dispatch(...args: unknown[]): void;
}

/**
 * Forwards Plugboard's auth events (its Hub, channel `auth`) to aws-amplify's Hub `auth` channel under
 * aws-amplify's names and payloads: `SIGNED_IN` → `signedIn`, `SIGNED_OUT` and `USER_DELETED` →
 * `signedOut`, `SESSION_EXPIRED` → `tokenRefresh_failure`, and `federatedToIdentityPool` /
 * `federationToIdentityPoolCleared`, which aws-amplify has none of. Returns a function that stops it.
 *
 * `auth` is a protected channel of aws-amplify's Hub: aws-amplify's own auth category dispatches on it
 * with the library's internal symbol (exported by `@aws-amplify/core/internals/utils`), and warns about
 * anyone else. The bridge is configured as aws-amplify's auth provider, so it dispatches the same way.
 */
export function forwardAuthEvents(awsAmplifyHub: AwsAmplifyHubLike): () => void {
  if (
    typeof awsAmplifyHub !== 'object' ||
    awsAmplifyHub === null ||
    typeof awsAmplifyHub.dispatch !== 'function'
  )
    throw new InvalidParameterException(
      "forwardAuthEvents: the argument must be aws-amplify's Hub.",
      "Pass the Hub of aws-amplify: import { Hub } from 'aws-amplify/utils'.",
    );
  const subscription = Hub.subscribe(HubChannel.AUTH, (event) => {
    const payload = authEventPayload(event);
    if (payload) awsAmplifyHub.dispatch('auth', payload, 'Auth', AMPLIFY_SYMBOL);
  });
  return () => subscription.unsubscribe();
}
