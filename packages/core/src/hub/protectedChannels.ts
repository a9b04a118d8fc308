import type { HubChannel } from './HubChannel.js';

/**
 * Channels reserved for the plugins of the category of the same name. App code may subscribe to
 * them but not publish; `HUB`, `LOGGING` and custom channels are open to everyone.
 */
export const PROTECTED_CHANNELS: readonly (`${HubChannel}` | (string & {}))[] = Object.freeze(
  // HubChannel values spelled out (a test checks each against the enum) so that the Hub does not pull
  // the enum's runtime object into an app's bundle; one string keeps the Hub's bundle small.
  'auth storage api analytics datastore predictions interactions pubsub notifications'.split(' '),
);

/** The lookup the Hub uses: module-private, so nothing exported can unprotect a channel. */
const protectedSet: ReadonlySet<string> = new Set(PROTECTED_CHANNELS);

/** True when only the owning category's plugins may publish on `channel`. */
export function isProtectedChannel(channel: string): boolean {
  return protectedSet.has(channel);
}

/** The protected channel a category's plugins publish on, if the category has one. */
export function protectedChannelOf(category: string): string | undefined {
  return protectedSet.has(category) ? category : undefined;
}
