import type { CategoryType } from '../categories/Plugin.js';
import { getHubBus } from './HubBus.js';
import { foreignChannelRefused } from './hubErrors.js';
import { isProtectedChannel, protectedChannelOf } from './protectedChannels.js';
import type { HubEvent, HubPublisher } from './types.js';

/** Throws unless a plugin of `category` may publish on `channel`: its own protected one or any unprotected one. */
export function checkPluginChannel(category: CategoryType, channel: string): void {
  const ownChannel = protectedChannelOf(category);
  if (channel !== ownChannel && isProtectedChannel(channel)) {
    throw foreignChannelRefused(category, channel, ownChannel);
  }
}

/**
 * Returns the Hub publisher of `category`'s plugins: it may publish on that category's protected
 * channel (auth -> `HubChannel.AUTH`) and on every unprotected channel, but not on another category's.
 *
 * Only `Amplify.configure` calls it, for the context it hands a registered plugin: no entry point of
 * the package exports it (`@plugboard/core/internals` offers `createPluginContext`, whose publisher
 * only records).
 */
export function createHubPublisher(category: CategoryType): HubPublisher {
  const bus = getHubBus();
  return {
    publish(channel: string, event: HubEvent): void {
      checkPluginChannel(category, channel);
      bus.publish(channel, event);
    },
  } as HubPublisher;
}
