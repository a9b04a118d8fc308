import { HubException } from '../errors/HubException.js';

/** Named factories for the Hub's refusals; one wording each. */

/** `Hub.subscribe` got something other than a string channel and listener functions. */
export function badSubscription(): HubException {
  return new HubException(
    'Hub.subscribe needs a string channel and functions.',
    'Call subscribe(channel, listener) or subscribe(channel, filter, listener).',
  );
}

/** The event is not a `{ name, data? }` object. */
export function badHubEvent(channel: string): HubException {
  return new HubException(
    `A Hub event on '${channel}' must be a { name, data? } object.`,
    'Publish an object with a string name.',
  );
}

/** App code published on a channel reserved for a category's plugins. */
export function protectedChannelRefused(channel: string): HubException {
  return new HubException(
    `Hub channel '${channel}' is reserved for its category's plugins.`,
    'Publish on HubChannel.HUB or a custom channel.',
  );
}

/** A plugin of `category` published on another category's protected channel. */
export function foreignChannelRefused(
  category: string,
  channel: string,
  ownChannel: string | undefined,
): HubException {
  return new HubException(
    `A '${category}' plugin cannot publish on Hub channel '${channel}'.`,
    `Publish on '${ownChannel ?? 'a custom channel'}' or an unprotected channel.`,
  );
}

/** The event's data could not be frozen (a Proxy refused). */
export function unfreezableHubEvent(channel: string, cause: unknown): HubException {
  return new HubException(
    `The data of a Hub event on '${channel}' cannot be frozen (a Proxy?).`,
    'Publish plain data: objects, arrays and primitives.',
    { cause },
  );
}
