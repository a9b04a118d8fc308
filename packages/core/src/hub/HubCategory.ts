import { brandClass } from '../brand.js';
import { HubException } from '../errors/HubException.js';
import { getHubBus, type HubBus } from './HubBus.js';
import type { HubEvent, HubEventFor, HubFilter, HubListener, SubscriptionToken } from './types.js';

type AnyListener = HubListener<HubEvent>;
type AnyFilter = HubFilter<HubEvent>;

/** Throws unless `event` is an object with a string `name`. */
export function assertHubEvent(channel: string, event: unknown): asserts event is HubEvent {
  if (typeof event !== 'object' || event === null || typeof (event as HubEvent).name !== 'string') {
    throw new HubException(
      `A Hub event on '${channel}' must be a { name, data? } object.`,
      'Publish an object with a string name.',
    );
  }
}

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
  subscribe(
    channel: string,
    filterOrListener: AnyFilter | AnyListener,
    maybeListener?: AnyListener,
  ): SubscriptionToken {
    const listener = maybeListener === undefined ? filterOrListener : maybeListener;
    const filter = maybeListener === undefined ? undefined : (filterOrListener as AnyFilter);
    if (
      typeof channel !== 'string' ||
      typeof listener !== 'function' ||
      (filter !== undefined && typeof filter !== 'function')
    ) {
      throw new HubException(
        'Hub.subscribe needs a string channel and listener functions.',
        'Call subscribe(channel, listener) or subscribe(channel, filter, listener).',
      );
    }
    return this.#bus.subscribe(channel, listener as AnyListener, filter);
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
    assertHubEvent(channel, event);
    if (!this.#bus.publishOpen(channel, event)) {
      throw new HubException(
        `Hub channel '${channel}' is reserved for its category's plugins.`,
        'Publish on HubChannel.HUB or a custom channel.',
      );
    }
  }
}
brandClass(HubCategory, 'HubCategory');
