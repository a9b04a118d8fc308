import { processSingleton } from '../brand.js';
import type { Logger } from '../logger/Logger.js';
import { findLogger } from '../logger/loggerFactory.js';
import type { HubEvent, HubFilter, HubListener, SubscriptionToken } from './types.js';

type AnyListener = HubListener<HubEvent>;
type AnyFilter = HubFilter<HubEvent>;

/**
 * The 'Hub' logger, looked up on the first listener error rather than imported, so that an app using
 * only `Hub` does not bundle logging (see `findLogger`).
 */
let logger: Logger | undefined;

/** One channel's subscriptions: a doubly linked list in subscription order. */
interface ChannelList {
  readonly name: string;
  head: Subscription | null;
  tail: Subscription | null;
}

/**
 * A subscription is a list node and its own token. Removing it unlinks it in O(1) but leaves its
 * `next` pointer alone, so a delivery that is currently standing on it can still move forward.
 */
class Subscription implements SubscriptionToken {
  prev: Subscription | null = null;
  next: Subscription | null = null;
  active = true;

  constructor(
    readonly bus: HubBus,
    readonly list: ChannelList,
    readonly id: number,
    readonly listener: AnyListener,
    readonly filter: AnyFilter | undefined,
  ) {}

  unsubscribe(): void {
    this.bus.remove(this);
  }
}

function reportListenerError(error: unknown, channel: string, eventName: string): void {
  try {
    logger ??= findLogger('Hub');
    logger?.error(`A listener on Hub channel '${channel}' failed on event '${eventName}'.`, error);
  } catch {
    // Reporting must not be able to break a delivery either.
  }
}

/**
 * The process-wide event bus behind every `HubCategory`. Deliveries are synchronous and strictly
 * ordered: an event published while another is being delivered waits in a FIFO queue.
 *
 * Public as a type only (it is the type of `HubCategory`'s constructor parameter); apps use `Hub`.
 */
export class HubBus {
  private readonly channels = new Map<string, ChannelList>();
  private nextId = 0;
  private delivering = false;
  /**
   * Pending re-entrant publishes as flat (channel, event, subscription limit) triples: no wrapper
   * object per publish. The limit is the next subscription id at publish time, so an event only
   * reaches subscriptions that existed when it was published.
   */
  private readonly queue: unknown[] = [];
  /** Nodes unlinked during a delivery; their `next` pointers are cleared once it ends. */
  private readonly unlinkedDuringDelivery: Subscription[] = [];

  /** Adds a subscription at the end of `channel`'s list; `filter` (if any) runs before `listener`. */
  subscribe(
    channel: string,
    listener: HubListener<HubEvent>,
    filter: HubFilter<HubEvent> | undefined,
  ): SubscriptionToken {
    let list = this.channels.get(channel);
    if (list === undefined) {
      list = { name: channel, head: null, tail: null };
      this.channels.set(channel, list);
    }
    const subscription = new Subscription(this, list, this.nextId++, listener, filter);
    if (list.tail === null) {
      list.head = subscription;
    } else {
      list.tail.next = subscription;
      subscription.prev = list.tail;
    }
    list.tail = subscription;
    return subscription;
  }

  /** Idempotent; accepts only tokens made by this bus. */
  remove(token: SubscriptionToken): void {
    if (!(token instanceof Subscription) || !token.active || token.bus !== this) return;
    token.active = false;
    const list = token.list;
    if (token.prev === null) list.head = token.next;
    else token.prev.next = token.next;
    if (token.next === null) list.tail = token.prev;
    else token.next.prev = token.prev;
    token.prev = null;
    // A delivery in progress may be standing on this node and still needs its `next`; otherwise drop
    // it so a token the app keeps cannot hold later subscriptions in memory.
    if (this.delivering) this.unlinkedDuringDelivery.push(token);
    else token.next = null;
    if (list.head === null && this.channels.get(list.name) === list) this.channels.delete(list.name);
  }

  /** Delivers `event` now, or after the delivery in progress when called from inside a listener. */
  publish(channel: string, event: HubEvent): void {
    if (this.delivering) {
      this.queue.push(channel, event, this.nextId);
      return;
    }
    this.delivering = true;
    try {
      this.deliver(channel, event, this.nextId);
      for (let i = 0; i < this.queue.length; i += 3) {
        this.deliver(this.queue[i] as string, this.queue[i + 1] as HubEvent, this.queue[i + 2] as number);
      }
    } finally {
      this.queue.length = 0;
      this.delivering = false;
      if (this.unlinkedDuringDelivery.length > 0) {
        for (const node of this.unlinkedDuringDelivery) node.next = null;
        this.unlinkedDuringDelivery.length = 0;
      }
    }
  }

  /** Number of channels that currently hold subscriptions (for tests and diagnostics). */
  get channelCount(): number {
    return this.channels.size;
  }

  /** Number of live subscriptions on `channel`. O(n); for tests and diagnostics. */
  subscriberCount(channel: string): number {
    let count = 0;
    for (let node = this.channels.get(channel)?.head ?? null; node !== null; node = node.next) count++;
    return count;
  }

  /** Ids grow in list order, so the walk stops at the first subscription made after the publish. */
  private deliver(channel: string, event: HubEvent, limit: number): void {
    const list = this.channels.get(channel);
    if (list === undefined) return;
    for (let node = list.head; node !== null && node.id < limit; node = node.next) {
      if (!node.active) continue;
      try {
        if (node.filter !== undefined && !node.filter(event)) continue;
        const result = node.listener(event);
        if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
          (result as Promise<void>).then(undefined, (error: unknown) =>
            reportListenerError(error, channel, event.name),
          );
        }
      } catch (error) {
        reportListenerError(error, channel, event.name);
      }
    }
  }
}

/** The one bus of this process, shared by every copy of `@plugboard/core` that is loaded. */
export function getHubBus(): HubBus {
  return processSingleton('hub.bus.v1', () => new HubBus());
}
