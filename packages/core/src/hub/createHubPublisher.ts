import type { CategoryType } from '../categories/Plugin.js';
import { getHubBus } from './HubBus.js';
import { foreignChannelRefused } from './hubErrors.js';
import { isProtectedChannel, protectedChannelOf } from './protectedChannels.js';
import type { HubEvent, HubPublisher } from './types.js';

/**
 * Returns the Hub publisher of `category`'s plugins: it may publish on that category's protected
 * channel (auth -> `HubChannel.AUTH`) and on every unprotected channel, but not on another category's.
 *
 * `Amplify.configure` hands one to each plugin in its context. Exported for plugin authors' unit
 * tests and for core's own tests; app code should use `Hub.publish`.
 */
export function createHubPublisher(category: CategoryType): HubPublisher {
  const ownChannel = protectedChannelOf(category);
  const bus = getHubBus();
  return {
    publish(channel: string, event: HubEvent): void {
      if (channel !== ownChannel && isProtectedChannel(channel)) {
        throw foreignChannelRefused(category, channel, ownChannel);
      }
      bus.publish(channel, event);
    },
  } as HubPublisher;
}
