import type { HubChannel } from './HubChannel.js';

/** One event on a Hub channel. `data` never holds a token or a secret. */
export interface HubEvent<Name extends string = string, Data = unknown> {
  /** The event's name, such as `SIGNED_IN`. */
  readonly name: Name;
  /** The event's data, if it has any. */
  readonly data?: Data;
}

/**
 * Says where the change an auth event reports was made. Absent: in this context. `'another-context'`:
 * in another tab or process sharing the session's storage; this context followed it (its state now
 * matches the stored session) and publishes the same event on its own Hub.
 */
export interface AuthHubEventSource {
  /** `'another-context'` when another tab or process made the change; absent for this context's own. */
  readonly source?: 'another-context';
}

/** Auth events defined by core: event name -> data. Plugins add theirs by declaration merging. */
export interface AuthHubEventDataMap {
  /** A user-pool sign-in completed and the session is stored. */
  SIGNED_IN: { readonly username: string; readonly userId: string } & AuthHubEventSource;
  /** A sign-out completed (no data), or another context's sign-out was followed (`{ source }`). */
  SIGNED_OUT: AuthHubEventSource | undefined;
  /** The session can no longer be refreshed: sign in or federate again. */
  SESSION_EXPIRED: {
    readonly reason: SessionExpiredReason;
    readonly providerName?: string;
  } & AuthHubEventSource;
  /** The user was deleted. */
  USER_DELETED: undefined;
}

/** Why a session expired. */
export type SessionExpiredReason = 'refreshTokenRejected' | 'federatedTokenRejected' | (string & {});

/**
 * The union of events on the AUTH channel, one variant per name. `data` is required unless its type
 * allows `undefined` (then it is optional).
 */
export type AuthHubEvent = {
  [Name in keyof AuthHubEventDataMap & string]: AuthHubEventDataMap[Name] extends undefined
    ? HubEvent<Name, undefined>
    : undefined extends AuthHubEventDataMap[Name]
      ? HubEvent<Name, AuthHubEventDataMap[Name]>
      : HubEvent<Name, AuthHubEventDataMap[Name]> & { readonly data: AuthHubEventDataMap[Name] };
}[keyof AuthHubEventDataMap & string];

/**
 * Channel -> event type. Augment it to type a custom channel:
 * `declare module '@plugboard/core' { interface HubChannelEventMap { orders: HubEvent<'placed', Order> } }`
 */
export interface HubChannelEventMap {
  /** The auth channel's events. */
  [HubChannel.AUTH]: AuthHubEvent;
}

/** {@link HubChannelEventMap} keyed by plain strings, so `'auth'` and `HubChannel.AUTH` both match. */
export type HubChannelEventMapByName = {
  [K in keyof HubChannelEventMap as K extends string ? `${K}` : never]: HubChannelEventMap[K];
};

/** The event type delivered on `channel`. Channels not in the map carry plain {@link HubEvent}s. */
export type HubEventFor<C extends string> = C extends keyof HubChannelEventMapByName
  ? HubChannelEventMapByName[C]
  : HubEvent;

/** A function that receives a channel's events; a thrown error or rejection goes to the logger. */
export type HubListener<E> = (event: E) => void | Promise<void>;
/** Decides which events of a channel reach the listener it was subscribed with. */
export type HubFilter<E> = (event: E) => boolean;

/** Returned by `subscribe`; `unsubscribe()` is idempotent. */
export interface SubscriptionToken {
  /** Stops the deliveries; calling it again does nothing. */
  unsubscribe(): void;
}

/** What a plugin receives to publish on the protected channel of its category. */
export interface HubPublisher {
  /** Publishes `event` on `channel`, one of the channels this publisher may use. */
  publish<C extends string>(channel: C, event: HubEventFor<C>): void;
}
