import type { CategoryType, PluginContext } from '../categories/Plugin.js';
import { createHubPublisher } from '../hub/createHubPublisher.js';
import { getLogger } from '../logger/getLogger.js';

/**
 * The context `Amplify.configure` hands a registered plugin of `category`: the one publisher allowed
 * on that category's protected Hub channel, and a logger named after the plugin. Not exported by any
 * entry point: a protected-channel publisher exists only in the contexts of registered plugins.
 */
export function pluginContextFor(category: CategoryType, pluginKey: string): PluginContext {
  return { hub: createHubPublisher(category), logger: getLogger(pluginKey) };
}
