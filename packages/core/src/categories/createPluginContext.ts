import { createHubPublisher } from '../hub/createHubPublisher.js';
import { getLogger } from '../logger/getLogger.js';
import type { CategoryType, PluginContext } from './Plugin.js';

/**
 * Builds the context `Amplify.configure` hands a plugin of `category`: a Hub publisher allowed on
 * that category's protected channel, and a logger named after the plugin.
 *
 * Exported so plugin authors can unit-test a plugin's `configure` without the `Amplify` singleton:
 * `plugin.configure(section, createPluginContext('auth', 'myPlugin'))`.
 */
export function createPluginContext(category: CategoryType, pluginKey: string = category): PluginContext {
  return { hub: createHubPublisher(category), logger: getLogger(pluginKey) };
}
