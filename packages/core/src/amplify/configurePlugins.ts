import type { Category } from '../categories/Category.js';
import type { Plugin } from '../categories/Plugin.js';
import { createPluginContext } from '../categories/createPluginContext.js';
import { pluginSectionOf } from '../config/parseAmplifyConfiguration.js';
import type { AmplifyConfiguration } from '../config/types.js';
import { AmplifyException } from '../errors/AmplifyException.js';
import { ConfigurationException } from '../errors/ConfigurationException.js';
import { maskString } from '../logger/maskSecrets.js';

export interface ConfigureOutcome {
  /** Set when a plugin refused its configuration. */
  readonly error?: ConfigurationException;
  /** Plugins touched before the failure (the failing one included) that must be reset. */
  readonly toReset: readonly Plugin[];
}

/**
 * Calls `configure` on every plugin of every category, each with its own section and context.
 * Stops at the first plugin that throws and reports which plugins need rolling back.
 */
export function configurePlugins(
  categories: readonly Category<Plugin>[],
  config: AmplifyConfiguration,
): ConfigureOutcome {
  const touched: Plugin[] = [];
  for (const category of categories) {
    for (const plugin of category.getPlugins()) {
      const key = plugin.getPluginKey();
      touched.push(plugin);
      try {
        plugin.configure(
          pluginSectionOf(config, category.categoryType, key),
          createPluginContext(category.categoryType, key),
        );
      } catch (cause) {
        return { error: pluginConfigurationError(category.categoryType, key, cause), toReset: touched };
      }
    }
  }
  return { toReset: [] };
}

function pluginConfigurationError(category: string, key: string, cause: unknown): ConfigurationException {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ConfigurationException(
    `Plugin '${key}' refused its configuration (${category}.plugins.${key}): ${maskString(reason)}`,
    cause instanceof AmplifyException
      ? cause.recoverySuggestion
      : `Check the ${category}.plugins.${key} section of your configuration.`,
    { cause },
  );
}
