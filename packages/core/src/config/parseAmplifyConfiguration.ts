import { awsAmplifyV6Shape, notAConfigurationObject } from './configurationErrors.js';
import { markValidatedSection } from './validatedSections.js';
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
  // The converted Gen 2 shape is built here; copied once more so that it too has no prototypes.
  const frozen = freezeConfiguration(
    (outputs ? snapshotConfiguration(normalized) : normalized) as AmplifyConfiguration,
  );
  // Checked above (or while converting amplify_outputs.json) and now frozen: the plugin need not check it again.
  if (cognito !== undefined) markValidatedSection(frozen.auth?.plugins?.awsCognitoAuthPlugin);
  return frozen;
}

/**
 * The configure path of a plugin section: `section` copied (own properties only, into objects without
 * a prototype, absurd sizes refused) and deeply frozen, with secrets masked when printed, exactly as
 * `Amplify.configure` hands a plugin its section. A plugin calls it first thing in `configure`, so a
 * section passed to `plugin.configure` directly gets the same treatment; `path` names the section in
 * error messages (e.g. `auth.plugins.awsCognitoAuthPlugin`). Throws `ConfigurationException`.
 */
export function freezePluginConfiguration(section: unknown, path: string): unknown {
  return freezeConfiguration(snapshotConfiguration(section, path));
}

/** The section of plugin `pluginKey` in `category`, or undefined when the configuration has none. */
export function pluginSectionOf(config: AmplifyConfiguration, category: string, pluginKey: string): unknown {
  const section = config[category];
  const plugins = section?.plugins;
  return plugins !== undefined && Object.hasOwn(plugins, pluginKey) ? plugins[pluginKey] : undefined;
}
