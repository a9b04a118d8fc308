import { Hub } from '@aws-amplify/core';
import { AMPLIFY_SYMBOL } from '@aws-amplify/core/internals/utils';
import type { PlugboardAuthHubEventData } from './authEventPayload.js';

/** aws-amplify's Hub, or anything with its `dispatch(channel, payload, source, symbol)`. */
export interface AwsAmplifyHubLike {
  /** Called as `dispatch('auth', payload, 'Auth', symbol)`. */
  dispatch(...args: unknown[]): void;
}

/**
 * True for an aws-amplify Hub from another copy of `@aws-amplify/core` than the bridge's (a second
 * version installed, or its ESM and CommonJS builds both loaded): it has the shape of aws-amplify's
 * `HubClass` (`listen`, `protectedChannels`) but not the class of the bridge's `Hub`. The library's
 * symbol is a plain `Symbol()` of its module, so it opens the protected `auth` channel of that
 * module's Hubs only; another copy's Hub would warn on every dispatch.
 */
export function isHubOfAnotherCopy(hub: unknown): boolean {
  const candidate = hub as { listen?: unknown; protectedChannels?: unknown } | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Object.getPrototypeOf(candidate) !== Object.getPrototypeOf(Hub) &&
    typeof candidate.listen === 'function' &&
    Array.isArray(candidate.protectedChannels)
  );
}

/**
 * Dispatches `payload` on the `auth` channel of `hub` the way aws-amplify's auth package does:
 * source `'Auth'` and the library's symbol from the same `@aws-amplify/core` as `hub` (callers refuse
 * a Hub of another copy first, see {@link isHubOfAnotherCopy}), so aws-amplify prints no warning.
 */
export function dispatchAuthEvent(hub: AwsAmplifyHubLike, payload: PlugboardAuthHubEventData): void {
  hub.dispatch('auth', payload, 'Auth', AMPLIFY_SYMBOL);
}
