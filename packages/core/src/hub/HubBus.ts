import { processSingleton } from '../brand.js';
import type { Logger } from '../logger/Logger.js';
import { findLogger } from '../logger/loggerFactory.js';
import { freezeEventData, frozenEvent } from './frozenEvent.js';
import { badHubEvent, badSubscription } from './hubErrors.js';
import { isProtectedChannel } from './protectedChannels.js';
import type { HubEvent, HubFilter, HubListener, SubscriptionToken } from './types.js';

type AnyListener = HubListener<HubEvent>;
type AnyFilter = HubFilter<HubEvent>;

/**
 * The process-wide event bus behind every `HubCategory`. Deliveries are synchronous and strictly
 * ordered: an event published while another is being delivered waits in a FIFO queue.
 */
export interface HubBus {
  /**
   * Adds a subscription at the end of `channel`'s list: `(channel, listener)` or `(channel, filter,
   * listener)`, the filter running before the listener. Throws `HubException` on other arguments.
   */
  subscribe(channel: string, filterOrListener: unknown, listener?: unknown): SubscriptionToken;
  /** Idempotent; ignores tokens this bus did not make. A channel left empty is forgotten. */
  remove(token: SubscriptionToken): void;
  /**
   * Delivers `event` now, or after the delivery in progress when called from inside a listener; throws
   * `HubException` unless `event` is a `{ name, data? }` object. With `app` set (app code's
   * `Hub.publish`) a protected channel gets nothing and the call returns false; plugins check their
   * channel themselves and leave it unset. A channel without subscriptions has nothing to deliver,
   * now or later: a subscription made after this call is too late for this event anyway.
   */
  publish(channel: string, event: unknown, app?: boolean): boolean;
  /**
   * The channels that hold subscriptions, for tests and diagnostics: `size` is their number and
   * `get(name)?.list.length` the number of subscriptions of one.
   */
  readonly channels: ReadonlyMap<string, { readonly list: readonly unknown[] }>;
}

/** One channel: its name, whether it is protected (decided once) and its subscriptions. */
interface Channel {
  readonly name: string;
  readonly protected: boolean;
  /**
   * The live subscriptions in subscription order. A publish hands this very array to the delivery
   * (no copy per publish) and marks it `shared`; the next subscribe or unsubscribe then replaces it by
   * a copy instead of changing it, so a delivery (or a queued event) sees exactly the subscriptions
   * that existed when its event was published.
   */
  list: Subscription[];
  shared: boolean;
}

/**
 * A subscription is its own token. Its fields are declared, not initialised, so that the compiled
 * class does not repeat them as field definitions (bundle size).
 */
/** The channel of a subscription, for the bus's `remove`; module-private like the field it reads. */
let channelOf: (token: Subscription) => Channel;

class Subscription implements SubscriptionToken {
  /**
   * Private: the token is app code's, and the channel holds every other subscription of the channel
   * and its protection.
   */
  readonly #channel: Channel;
  declare readonly listener: AnyListener;
  declare readonly filter: AnyFilter | undefined;
  /** Cleared on unsubscribe: a delivery already holding the subscription skips it from then on. */
  active = true;

  constructor(channel: Channel, listener: AnyListener, filter: AnyFilter | undefined) {
    this.#channel = channel;
    this.listener = listener;
    this.filter = filter;
  }

  unsubscribe(): void {
    getHubBus().remove(this);
  }

  static {
    channelOf = (token) => token.#channel;
  }
}

/** The 'Hub' logger, looked up on the first listener error (see `findLogger`). */
let logger: Logger | undefined;

function report(error: unknown, channel: Channel, event: HubEvent): void {
  try {
    (logger ??= findLogger('Hub'))?.error(
      `Hub listener on '${channel.name}' failed on '${event.name}'.`,
      error,
    );
  } catch {
    // Reporting must not be able to break a delivery either.
  }
}

/**
 * Gives `event` to one subscription if it is still active. It runs inside its own try: a throw or a
 * rejected promise (if the listener returns a thenable) is logged and the delivery goes on.
 */
function deliverTo(subscription: Subscription, channel: Channel, event: HubEvent): void {
  if (subscription.active) {
    try {
      const result =
        subscription.filter === undefined || subscription.filter(event)
          ? (subscription.listener(event) as unknown)
          : undefined;
      if (result != null && typeof (result as Promise<void>).then === 'function') {
        (result as Promise<void>).then(undefined, (error: unknown) => report(error, channel, event));
      }
    } catch (error) {
      report(error, channel, event);
    }
  }
}

/**
 * Gives `event` to the subscriptions of `list`, in order. A channel with one subscription gets its
 * own copy of the call (`deliverTo` is small enough to be inlined twice), so that its call site sees
 * only single-listener channels and stays cheap when other channels have many listeners: the engine
 * keeps call-target feedback per call site. The loop indexes (no iterator) for the same reason.
 */
function deliver(channel: Channel, list: Subscription[], event: HubEvent): void {
  if (list.length === 1) {
    deliverTo(list[0]!, channel, event);
    return;
  }
  // On an unprotected channel `event` is the publisher's own object (see `publish`): a listener that
  // replaced its name or data changes nothing for the later listeners, who get a frozen copy of what
  // was published instead. Two reads per listener; a frozen event never differs.
  const name = event.name;
  const data = event.data;
  for (let i = 0; i < list.length; i++) {
    deliverTo(list[i]!, channel, event);
    if (event.name !== name || event.data !== data) event = frozenEvent(channel.name, name, data);
  }
}

export function createHubBus(): HubBus {
  const channels = new Map<string, Channel>();
  /** Pending re-entrant publishes as flat (channel, list, event) triples. */
  const queue: unknown[] = [];
  let delivering = false;

  /** The list of `channel`, copied first if a delivery may hold it. */
  const writable = (channel: Channel): Subscription[] =>
    channel.shared ? ((channel.shared = false), (channel.list = channel.list.slice())) : channel.list;

  /** Delivers the queued events in publish order; listeners may publish meanwhile, joining its end. */
  const drain = (): void => {
    for (let i = 0; i < queue.length; i += 3) {
      deliver(queue[i] as Channel, queue[i + 1] as Subscription[], queue[i + 2] as HubEvent);
    }
    // Emptied here, not after every publish: setting `length` is not free.
    queue.length = 0;
  };

  return {
    subscribe(name, filterOrListener, maybeListener) {
      const filter = maybeListener && filterOrListener;
      const listener = maybeListener ?? filterOrListener;
      if (
        typeof name !== 'string' ||
        typeof listener !== 'function' ||
        (filter !== undefined && typeof filter !== 'function')
      ) {
        throw badSubscription();
      }
      let channel = channels.get(name);
      if (channel === undefined) {
        channels.set(
          name,
          (channel = { name, protected: isProtectedChannel(name), list: [], shared: false }),
        );
      }
      const subscription = new Subscription(
        channel,
        listener as AnyListener,
        filter as AnyFilter | undefined,
      );
      writable(channel).push(subscription);
      return subscription;
    },

    remove(token) {
      if (!(token instanceof Subscription) || !token.active) return;
      token.active = false;
      const channel = channelOf(token);
      const list = writable(channel);
      const at = list.lastIndexOf(token);
      if (at !== -1) list.splice(at, 1);
      // Only the bus's own channel object is forgotten (a token made with `new token.constructor(...)`
      // carries one of its own).
      if (list.length === 0 && channels.get(channel.name) === channel) channels.delete(channel.name);
    },

    publish(name, event, app) {
      // Read once: a getter cannot answer the check one name and the listeners another.
      const eventName: unknown = typeof event === 'object' ? (event as HubEvent | null)?.name : undefined;
      if (typeof eventName !== 'string') throw badHubEvent(name);
      const channel = channels.get(name);
      if (channel === undefined) return !(app && isProtectedChannel(name));
      if (app && channel.protected) return false;
      // Frozen once per publish, before any delivery, so that no listener can change what later
      // listeners see: the data deeply (in place), and on a protected channel the event itself (a
      // frozen copy). Elsewhere the publisher's own event object is delivered, and `deliver` keeps
      // listeners from replacing its name or data for each other: freezing an object costs several
      // times a whole delivery to one listener, and anyone may publish anything there anyway.
      let delivered = event as HubEvent;
      if (channel.protected) delivered = frozenEvent(name, eventName, delivered.data);
      else if (typeof delivered.data === 'object') freezeEventData(name, delivered.data);
      channel.shared = true;
      if (delivering) {
        queue.push(channel, channel.list, delivered);
        return true;
      }
      // No try/finally: `deliver` catches everything a listener or filter throws.
      delivering = true;
      deliver(channel, channel.list, delivered);
      if (queue.length !== 0) drain();
      delivering = false;
      return true;
    },

    channels,
  };
}

/**
 * This copy's reference to the bus, kept after the first look-up: the process-wide slot cannot be
 * replaced once set (non-writable, non-configurable), and `unsubscribe` would otherwise build the
 * registry key and look it up again on every call.
 */
let bus: HubBus | undefined;

/** The one bus of this process, shared by every copy of `@plugboard/core` that is loaded. */
export function getHubBus(): HubBus {
  return (bus ??= processSingleton('hub.bus.v2', createHubBus));
}
