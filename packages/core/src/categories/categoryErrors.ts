import { CategoryNotFoundException } from '../errors/CategoryNotFoundException.js';
import { ConfigurationException } from '../errors/ConfigurationException.js';
import { DuplicatePluginException } from '../errors/DuplicatePluginException.js';
import { PluginNotFoundException } from '../errors/PluginNotFoundException.js';

/** Named factories for the errors of categories and their plugins; one wording each. */

/** A plugin whose `getPluginKey()` gives no usable key. */
export function badPluginKey(): ConfigurationException {
  return new ConfigurationException(
    'A plugin must return a non-empty string from getPluginKey().',
    'Implement the Plugin interface: getPluginKey, getCategoryType and configure.',
  );
}

/** `addPlugin` after `Amplify.configure`. */
export function pluginAddedAfterConfigure(category: string, key: string): ConfigurationException {
  return new ConfigurationException(
    `Plugin '${key}' was added to the ${category} category after Amplify.configure.`,
    'Add every plugin before calling Amplify.configure, or call Amplify.reset() first.',
  );
}

/** A second plugin under a key already taken. */
export function duplicatePlugin(category: string, key: string): DuplicatePluginException {
  return new DuplicatePluginException(
    `The ${category} category already has a plugin with key '${key}'.`,
    'Add each plugin once; remove the existing one first to replace it.',
  );
}

/** `getPlugin(key)` with no such plugin; `present` lists the keys there are. */
export function pluginNotFound(
  category: string,
  key: string,
  present: readonly string[],
): PluginNotFoundException {
  const keys = present.map((k) => `'${k}'`).join(', ');
  return new PluginNotFoundException(
    `No plugin with key '${key}' in the ${category} category; ` +
      (keys === '' ? 'no plugins are added.' : `plugins present: ${keys}.`),
    'Add the plugin with Amplify.addPlugin before configure, or ask for one of the keys present.',
  );
}

/** A plugin whose `getCategoryType()` names no category; `known` lists those there are. */
export function categoryNotFound(type: unknown, known: readonly string[]): CategoryNotFoundException {
  return new CategoryNotFoundException(
    `No category accepts plugins of type '${String(type)}'.`,
    `Use a plugin for one of: ${known.join(', ')}; check getCategoryType().`,
  );
}

/** `Amplify.<Category>` as users write it: `'auth'` -> `Amplify.Auth`. */
const facadeOf = (category: string) => `Amplify.${category.charAt(0).toUpperCase()}${category.slice(1)}`;

/** `Amplify.Auth` or `Amplify.Storage` used with no plugin added; `example` is a plugin to add. */
export function noCategoryPlugin(category: string, example: string): PluginNotFoundException {
  return new PluginNotFoundException(
    `The ${category} category has no plugin.`,
    `Call Amplify.addPlugin(new ${example}()) before Amplify.configure.`,
  );
}

/** `Amplify.Auth` or `Amplify.Storage` used with several plugins added. */
export function ambiguousCategoryPlugin(category: string, count: number): ConfigurationException {
  return new ConfigurationException(
    `The ${category} category has ${count} plugins, so ${facadeOf(category)} cannot choose one.`,
    `Call the plugin directly: ${facadeOf(category)}.getPlugin('<key>').`,
  );
}

/** `Amplify.Auth` or `Amplify.Storage` used before `Amplify.configure`. */
export function categoryNotConfigured(category: string): ConfigurationException {
  return new ConfigurationException(
    `The ${category} category is not configured.`,
    `Call Amplify.configure(config) before using ${facadeOf(category)}.`,
  );
}

/** A category method the configured plugin does not offer; `recovery` names a plugin that does. */
export function pluginMethodMissing(
  category: string,
  pluginKey: string,
  method: string,
  recovery: string,
): ConfigurationException {
  return new ConfigurationException(
    `The ${category} plugin '${pluginKey}' does not offer ${method}.`,
    recovery,
  );
}
