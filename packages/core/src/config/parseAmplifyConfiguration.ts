import { awsAmplifyV6Shape, notAConfigurationObject } from './configurationErrors.js';
import { freezeConfiguration } from './freezeConfiguration.js';
import { isAmplifyOutputs, normalizeAmplifyOutputs } from './normalizeAmplifyOutputs.js';
import { snapshotConfiguration } from './snapshotConfiguration.js';
import type { AmplifyConfiguration, AmplifyOutputs } from './types.js';
import {
  COGNITO_AUTH_PLUGIN_PATH,
  validateCognitoAuthPluginConfig,
} from './validateCognitoAuthPluginConfig.js';
import { assertObject } from './validators.js';

/** aws-amplify v6's top-level category keys (`Amplify.configure({ Auth: { Cognito } })`). */
const V6_CATEGORY_KEYS = [
  'Auth',
  'API',
  'Storage',
  'Analytics',
  'Geo',
  'Interactions',
  'Notifications',
  'Predictions',
];

/**
 * Accepts either configuration shape and returns the `amplifyconfiguration.json` shape, validated and
 * deeply frozen. The input is read once, into a copy, before anything else: changing the app's object
 * afterwards changes nothing, and getters, Proxies, cycles and class instances become a
 * `ConfigurationException` naming the path. Every category section is an object, every `plugins` map
 * is an object, and a present `awsCognitoAuthPlugin` section is checked field by field.
 */
export function parseAmplifyConfiguration(
  config: AmplifyConfiguration | AmplifyOutputs,
): AmplifyConfiguration {
  const snapshot = snapshotConfiguration(config);
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
    throw notAConfigurationObject();
  }
  const copy = snapshot as Record<string, unknown>;
  const v6Key = V6_CATEGORY_KEYS.find((key) => copy[key] !== undefined);
  if (v6Key !== undefined && copy[v6Key.toLowerCase()] === undefined) throw awsAmplifyV6Shape(v6Key);

  // amplify_outputs.json is validated while it is converted, under its own field names.
  const outputs = isAmplifyOutputs(copy);
  const normalized = outputs ? normalizeAmplifyOutputs(copy) : (copy as AmplifyConfiguration);
  for (const [category, section] of Object.entries(normalized)) {
    if (section === undefined) continue;
    assertObject(section, category);
    if (section.plugins !== undefined) assertObject(section.plugins, `${category}.plugins`);
  }
  const cognito = normalized.auth?.plugins?.awsCognitoAuthPlugin;
  if (cognito !== undefined && !outputs) validateCognitoAuthPluginConfig(cognito, COGNITO_AUTH_PLUGIN_PATH);
  return freezeConfiguration(normalized);
}

/** The section of plugin `pluginKey` in `category`, or undefined when the configuration has none. */
export function pluginSectionOf(config: AmplifyConfiguration, category: string, pluginKey: string): unknown {
  const section = config[category];
  const plugins = section?.plugins;
  return plugins !== undefined && Object.hasOwn(plugins, pluginKey) ? plugins[pluginKey] : undefined;
}
