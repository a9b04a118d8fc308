import type { Category } from '../categories/Category.js';
import type { Plugin } from '../categories/Plugin.js';
import { configurationError } from '../config/configurationErrors.js';
import { pluginSectionOf } from '../config/parseAmplifyConfiguration.js';
import type { AmplifyConfiguration } from '../config/types.js';
import { AmplifyException } from '../errors/AmplifyException.js';
import type { ConfigurationException } from '../errors/ConfigurationException.js';
import { maskString } from '../logger/maskString.js';
import { pluginContextFor } from './pluginContextFor.js';

export interface ConfigureOutcome {
  /** Set when a plugin refused its configuration. */
  readonly error?: ConfigurationException;
  /** Plugins whose `configure` was called (the failing one included), in call order. */
  readonly touched: readonly Plugin[];
}

/**
 * Calls `configure` on every plugin of every category (only on those in `only`, when given), each with
 * its own section of `config` and a context for its category. Stops at the first plugin that throws
 * and reports which plugins it called.
 */
export function configurePlugins(
  categories: readonly Category<Plugin>[],
  config: AmplifyConfiguration,
  only?: readonly Plugin[],
): ConfigureOutcome {
  const touched: Plugin[] = [];
  for (const category of categories) {
    const type = category.categoryType;
    for (const plugin of category.getPlugins()) {
      if (only && !only.includes(plugin)) continue;
      const key = plugin.getPluginKey();
      touched.push(plugin);
      try {
        plugin.configure(pluginSectionOf(config, type, key), pluginContextFor(type, key));
      } catch (cause) {
        return { error: pluginConfigurationError(type, key, cause), touched };
      }
    }
  }
  return { touched };
}

/**
 * Configures `plugins` again with `config` (the configuration they had before a failed reconfigure).
 * Returns false if any of them refuses it too.
 */
export function restorePlugins(
  categories: readonly Category<Plugin>[],
  plugins: readonly Plugin[],
  config: AmplifyConfiguration,
): boolean {
  return configurePlugins(categories, config, plugins).error === undefined;
}

function messageOf(cause: unknown): string {
  try {
    return cause instanceof Error ? String(cause.message) : String(cause);
  } catch {
    return 'an error that cannot be shown';
  }
}

function pluginConfigurationError(category: string, key: string, cause: unknown): ConfigurationException {
  return configurationError(
    `Plugin '${key}' refused its configuration (${category}.plugins.${key}): ${maskString(messageOf(cause))}`,
    cause instanceof AmplifyException
      ? cause.recoverySuggestion
      : `Check the ${category}.plugins.${key} section of your configuration.`,
    cause,
  );
}
