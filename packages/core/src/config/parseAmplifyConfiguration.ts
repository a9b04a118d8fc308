import { ConfigurationException } from '../errors/ConfigurationException.js';
import { isAmplifyOutputs, normalizeAmplifyOutputs } from './normalizeAmplifyOutputs.js';
import type { AmplifyConfiguration, AmplifyOutputs } from './types.js';
import {
  COGNITO_AUTH_PLUGIN_PATH,
  validateCognitoAuthPluginConfig,
} from './validateCognitoAuthPluginConfig.js';
import { assertObject } from './validators.js';

/**
 * Accepts either configuration shape and returns the `amplifyconfiguration.json` shape, validated:
 * every category section is an object, every `plugins` map is an object, and a present
 * `awsCognitoAuthPlugin` section is checked field by field. Throws `ConfigurationException` naming
 * the offending field. Does not modify its input.
 */
export function parseAmplifyConfiguration(
  config: AmplifyConfiguration | AmplifyOutputs,
): AmplifyConfiguration {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigurationException(
      'Amplify.configure needs a configuration object.',
      'Pass the contents of amplifyconfiguration.json or amplify_outputs.json.',
    );
  }
  const normalized = isAmplifyOutputs(config)
    ? normalizeAmplifyOutputs(config)
    : (config as AmplifyConfiguration);

  for (const [category, section] of Object.entries(normalized)) {
    if (section === undefined) continue;
    assertObject(section, category);
    if (section.plugins !== undefined) assertObject(section.plugins, `${category}.plugins`);
  }
  const cognito = normalized.auth?.plugins?.awsCognitoAuthPlugin;
  if (cognito !== undefined) validateCognitoAuthPluginConfig(cognito, COGNITO_AUTH_PLUGIN_PATH);
  return normalized;
}

/** The section of plugin `pluginKey` in `category`, or undefined when the configuration has none. */
export function pluginSectionOf(config: AmplifyConfiguration, category: string, pluginKey: string): unknown {
  const section = config[category];
  const plugins = section?.plugins;
  return plugins !== undefined && Object.hasOwn(plugins, pluginKey) ? plugins[pluginKey] : undefined;
}
