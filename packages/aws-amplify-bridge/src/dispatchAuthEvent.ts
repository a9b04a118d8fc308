import { AMPLIFY_SYMBOL } from '@aws-amplify/core/internals/utils';
import type { PlugboardAuthHubEventData } from './authEventPayload.js';

/** aws-amplify's Hub, or anything with its `dispatch(channel, payload, source, symbol)`. */
export interface AwsAmplifyHubLike {
  /** Called as `dispatch('auth', payload, 'Auth', symbol)`. */
  dispatch(...args: unknown[]): void;
}

/**
 * Dispatches `payload` on the `auth` channel of aws-amplify's Hub the way aws-amplify's auth category
 * does. `auth` is a protected channel: aws-amplify dispatches there with the library's internal symbol
 * (exported by `@aws-amplify/core/internals/utils`) and warns about anyone else. The bridge is configured
 * as aws-amplify's auth provider, so it dispatches the same way.
 */
export function dispatchAuthEvent(hub: AwsAmplifyHubLike, payload: PlugboardAuthHubEventData): void {
  hub.dispatch('auth', payload, 'Auth', AMPLIFY_SYMBOL);
}
