import { checkPluginChannel } from '../hub/createHubPublisher.js';
import { frozenEvent } from '../hub/frozenEvent.js';
import { badHubEvent } from '../hub/hubErrors.js';
import type { HubEvent, HubPublisher } from '../hub/types.js';
import { getLogger } from '../logger/getLogger.js';
import type { CategoryType, PluginContext } from './Plugin.js';

/** One event a plugin published through a context from {@link createPluginContext}. */
export interface RecordedHubEvent {
  readonly channel: string;
  readonly event: HubEvent;
}

/** A plugin context for unit tests, with what its publisher was given. */
export interface RecordingPluginContext extends PluginContext {
  /** Every event the plugin published, in order, frozen; none of them reached the process Hub. */
  readonly published: readonly RecordedHubEvent[];
}

/**
 * A context for unit-testing a plugin's `configure` without `Amplify`:
 * `plugin.configure(section, createPluginContext('auth', 'myPlugin'))`. Its publisher applies the
 * rules of a real one (its category's protected channel and unprotected channels only, `{ name,
 * data? }` events, frozen) but delivers nothing: events are recorded in `published`. A publisher
 * that reaches the process Hub on a protected channel exists only in the context `Amplify.configure`
 * hands a registered plugin.
 */
export function createPluginContext(
  category: CategoryType,
  pluginKey: string = category,
): RecordingPluginContext {
  const published: RecordedHubEvent[] = [];
  const hub = {
    publish(channel: string, event: HubEvent): void {
      checkPluginChannel(category, channel);
      const name: unknown = typeof event === 'object' ? (event as HubEvent | null)?.name : undefined;
      if (typeof name !== 'string') throw badHubEvent(channel);
      published.push(Object.freeze({ channel, event: frozenEvent(channel, name, event.data) }));
    },
  } as HubPublisher;
  return { hub, logger: getLogger(pluginKey), published };
}
