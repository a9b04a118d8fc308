import { brandClass } from '../brand.js';
import { createHubBus, getHubBus, type HubBus } from './HubBus.js';
import { protectedChannelRefused } from './hubErrors.js';
import { checkPluginChannel } from './createHubPublisher.js';
import { badHubEvent } from './hubErrors.js';
import type { CategoryType } from '../categories/Plugin.js';
import type { HubEvent, HubPublisher } from './types.js';
import type { HubEventFor, HubFilter, HubListener, SubscriptionToken } from './types.js';

/**
 * The Hub category: a process-wide, synchronous, ordered event bus. Every `HubCategory` (including
 * those of other loaded copies of `@plugboard/core`) talks to the same bus.
 */
export class HubCategory {
  readonly #bus: HubBus = takeBus();

  /** Calls `listener` with every event published on `channel` from now on, in publish order. */
  subscribe<C extends string>(channel: C, listener: HubListener<HubEventFor<C>>): SubscriptionToken;
  /** Like the two-argument form, but only for events `filter` accepts. */
  subscribe<C extends string>(
    channel: C,
    filter: HubFilter<HubEventFor<C>>,
    listener: HubListener<HubEventFor<C>>,
  ): SubscriptionToken;
  subscribe(channel: string, filterOrListener: unknown, listener?: unknown): SubscriptionToken {
    // The bus checks the arguments (it throws HubException on bad ones).
    return this.#bus.subscribe(channel, filterOrListener, listener);
  }

  /** Stops a subscription. Calling it again, or with an already stopped token, does nothing. */
  unsubscribe(token: SubscriptionToken): void {
    this.#bus.remove(token);
  }

  /**
   * Delivers `event` to the subscribers of `channel`. Protected channels (AUTH and the other
   * category channels) are reserved for plugins: publishing there throws `HubException` and
   * delivers nothing.
   */
  publish<C extends string>(channel: C, event: HubEventFor<C>): void {
    if (!this.#bus.publish(channel, event, true)) throw protectedChannelRefused(channel);
  }
}
brandClass(HubCategory, 'HubCategory');

/** The bus the next `HubCategory` is built on (set only by {@link createScopedHub}, for one construction). */
let nextBus: HubBus | undefined;
function takeBus(): HubBus {
  const bus = nextBus ?? getHubBus();
  nextBus = undefined;
  return bus;
}

/**
 * A Hub of its own (not the process Hub) and a plugin publisher onto it: for a scoped unit of work
 * such as a server-side auth context, whose events must reach only its own listeners.
 */
export function createScopedHub(category: CategoryType): { hub: HubCategory; publisher: HubPublisher } {
  const bus = createHubBus();
  nextBus = bus;
  const hub = new HubCategory();
  const publisher = {
    publish(channel: string, event: HubEvent): void {
      checkPluginChannel(category, channel);
      const name: unknown = typeof event === 'object' ? (event as HubEvent | null)?.name : undefined;
      if (typeof name !== 'string') throw badHubEvent(channel);
      bus.publish(channel, event);
    },
  } as HubPublisher;
  return { hub, publisher };
}
