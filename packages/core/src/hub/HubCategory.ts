import { brandClass } from '../brand.js';
import { getHubBus, type HubBus } from './HubBus.js';
import { protectedChannelRefused } from './hubErrors.js';
import type { HubEventFor, HubFilter, HubListener, SubscriptionToken } from './types.js';

/**
 * The Hub category: a process-wide, synchronous, ordered event bus. Every `HubCategory` (including
 * those of other loaded copies of `@plugboard/core`) talks to the same bus.
 */
export class HubCategory {
  readonly #bus: HubBus = getHubBus();

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
