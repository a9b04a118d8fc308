import { processSingleton } from '../brand.js';
import type { Logger } from '../logger/Logger.js';
import { findLogger } from '../logger/loggerFactory.js';
import { isProtectedChannel } from './protectedChannels.js';
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
  readonly bus: HubBus;
  readonly name: string;
  /** Whether only a category's plugins may publish here, decided once when the list is made. */
  readonly protected: boolean;
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
    readonly list: ChannelList,
    readonly id: number,
    readonly listener: AnyListener,
    readonly filter: AnyFilter | undefined,
  ) {}

  unsubscribe(): void {
    this.list.bus.remove(this);
  }
}

function reportListenerError(error: unknown, channel: string, eventName: string): void {
  try {
    logger ??= findLogger('Hub');
    logger?.error(`Hub listener on '${channel}' failed on '${eventName}'.`, error);
  } catch {
    // Reporting must not be able to break a delivery either.
  }
}

/** Logs the rejection of a listener's promise, if it returned one (a thenable). */
function watch(result: unknown, channel: string, eventName: string): void {
  if (result !== null && typeof (result as Promise<void>).then === 'function') {
    (result as Promise<void>).then(undefined, (error: unknown) =>
      reportListenerError(error, channel, eventName),
    );
  }
}

/**
 * Gives `event` to the active subscriptions of `list` made before `limit` (ids grow in list order, so
 * the walk stops at the first later one). Each listener runs inside its own try: a throw or a rejected
 * promise is logged and the walk goes on. Small, so the engine can inline it into `publish`.
 *
 * A channel with one subscription gets its own copy of the call, so that its call site sees only
 * single-listener channels and stays cheap when other channels have many listeners (the engine keeps
 * call-target feedback per call site).
 */
function deliver(list: ChannelList, event: HubEvent, limit: number): void {
  const only = list.head;
  if (only !== null && only.next === null) {
    if (only.id >= limit || !only.active) return;
    try {
      if (only.filter === undefined || only.filter(event)) {
        const result = only.listener(event) as unknown;
        if (result !== undefined) watch(result, list.name, event.name);
      }
    } catch (error) {
      reportListenerError(error, list.name, event.name);
    }
    return;
  }
  for (let node = only; node !== null && node.id < limit; node = node.next) {
    if (!node.active) continue;
    try {
      if (node.filter === undefined || node.filter(event)) {
        const result = node.listener(event) as unknown;
        if (result !== undefined) watch(result, list.name, event.name);
      }
    } catch (error) {
      reportListenerError(error, list.name, event.name);
    }
  }
}

/**
 * The process-wide event bus behind every `HubCategory`. Deliveries are synchronous and strictly
 * ordered: an event published while another is being delivered waits in a FIFO queue.
 *
 * Public as a type only (it is the type of `HubCategory`'s constructor parameter); apps use `Hub`.
 */
export class HubBus {
  readonly #channels = new Map<string, ChannelList>();
  /** The list last published to: a burst of events on one channel skips the map lookup. */
  #recent: ChannelList | undefined;
  #nextId = 0;
  #delivering = false;
  /**
   * Pending re-entrant publishes as flat (list, event, subscription limit) triples: no wrapper object
   * per publish. The limit is the next subscription id at publish time, so an event only reaches
   * subscriptions that existed when it was published.
   */
  readonly #queue: unknown[] = [];
  /** Nodes unlinked during a delivery; their `next` pointers are cleared once it ends. */
  readonly #unlinked: Subscription[] = [];

  /** Adds a subscription at the end of `channel`'s list; `filter` (if any) runs before `listener`. */
  subscribe(
    channel: string,
    listener: HubListener<HubEvent>,
    filter: HubFilter<HubEvent> | undefined,
  ): SubscriptionToken {
    let list = this.#channels.get(channel);
    if (list === undefined) {
      list = { bus: this, name: channel, protected: isProtectedChannel(channel), head: null, tail: null };
      this.#channels.set(channel, list);
    }
    const subscription = new Subscription(list, this.#nextId++, listener, filter);
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
    if (!(token instanceof Subscription) || !token.active || token.list.bus !== this) return;
    token.active = false;
    const list = token.list;
    if (token.prev === null) list.head = token.next;
    else token.prev.next = token.next;
    if (token.next === null) list.tail = token.prev;
    else token.next.prev = token.prev;
    token.prev = null;
    // A delivery in progress may be standing on this node and still needs its `next`; otherwise drop
    // it so a token the app keeps cannot hold later subscriptions in memory.
    if (this.#delivering) this.#unlinked.push(token);
    else token.next = null;
    if (list.head === null && this.#channels.get(list.name) === list) {
      this.#channels.delete(list.name);
      if (this.#recent === list) this.#recent = undefined;
    }
  }

  /**
   * Delivers `event` now, or after the delivery in progress when called from inside a listener. A
   * channel without subscriptions has nothing to deliver, now or later: any subscription made after
   * this call is too late for this event anyway.
   */
  publish(channel: string, event: HubEvent): void {
    const list = this.#channels.get(channel);
    if (list !== undefined) this.#publish(list, event);
  }

  /**
   * `publish` for app code: on a protected channel it delivers nothing and returns false (the
   * caller throws). The channel's list remembers whether it is protected, so an open channel with
   * subscribers costs one lookup.
   */
  publishOpen(channel: string, event: HubEvent): boolean {
    let list = this.#recent;
    if (list === undefined || list.name !== channel) {
      list = this.#channels.get(channel);
      if (list === undefined) return !isProtectedChannel(channel);
      this.#recent = list;
    }
    if (list.protected) return false;
    this.#publish(list, event);
    return true;
  }

  #publish(list: ChannelList, event: HubEvent): void {
    if (this.#delivering) {
      this.#queue.push(list, event, this.#nextId);
      return;
    }
    this.#delivering = true;
    try {
      deliver(list, event, this.#nextId);
      if (this.#queue.length > 0) this.#drain();
    } finally {
      this.#delivering = false;
      if (this.#queue.length > 0 || this.#unlinked.length > 0) this.#settle();
    }
  }

  /** Number of channels that currently hold subscriptions (for tests and diagnostics). */
  get channelCount(): number {
    return this.#channels.size;
  }

  /** Number of live subscriptions on `channel`. O(n); for tests and diagnostics. */
  subscriberCount(channel: string): number {
    let count = 0;
    for (let node = this.#channels.get(channel)?.head ?? null; node !== null; node = node.next) count++;
    return count;
  }

  /** Delivers the queued events in publish order, including those their listeners publish. */
  #drain(): void {
    const queue = this.#queue;
    for (let i = 0; i < queue.length; i += 3) {
      deliver(queue[i] as ChannelList, queue[i + 1] as HubEvent, queue[i + 2] as number);
    }
  }

  /** After a delivery: forget the queue and the `next` pointers of nodes unlinked meanwhile. */
  #settle(): void {
    this.#queue.length = 0;
    for (const node of this.#unlinked) node.next = null;
    this.#unlinked.length = 0;
  }
}

/** The one bus of this process, shared by every copy of `@plugboard/core` that is loaded. */
export function getHubBus(): HubBus {
  return processSingleton('hub.bus.v1', () => new HubBus());
}
