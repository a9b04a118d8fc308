import {
  InMemoryKeyValueStorage,
  InvalidParameterException,
  WebKeyValueStorage,
  type AWSCognitoAuthPluginConfig,
  type KeyValueStorage,
  type Logger,
} from '@plugboard/core';
import {
  freezePluginConfiguration,
  isValidatedSection,
  validateCognitoAuthPluginConfig,
} from '@plugboard/core/internals';
import { identityPoolRegion } from '../clients/identityPool/identityPoolRegion.js';
import { readHostedUiConfig, type HostedUiConfig } from '../hostedUi/hostedUiConfig.js';
import type { InternalPluginOptions } from './internalOptions.js';

/** A configuration `configure` accepted: the section and its hosted UI, if any. */
export interface PluginSetup {
  readonly config: AWSCognitoAuthPluginConfig;
  readonly oauth: HostedUiConfig | undefined;
}

/**
 * The plugin's configuration section, checked by core's validator (the same one `Amplify.configure`
 * runs), so a plugin configured directly gets the same `ConfigurationException` naming the bad field;
 * then what only the plugin checks (the identity pool's region, the hosted UI), all before the runtime
 * is loaded, so `configure` refuses a bad configuration at once.
 */
export function readConfig(section: unknown, options: InternalPluginOptions): PluginSetup {
  // A section `Amplify.configure` has validated and deeply frozen is used as it is: one validation per
  // configure. Any other (a direct `plugin.configure`) gets its own copy, made as `Amplify.configure`
  // makes it (own properties, no prototypes, deep-frozen, absurd shapes refused), and the same check: a
  // caller that changes its object later changes nothing here.
  const config = isValidatedSection(section) ? (section as AWSCognitoAuthPluginConfig) : checkedCopy(section);
  const identity = config.CredentialsProvider?.CognitoIdentity?.Default;
  if (identity && !options.identityPoolService) identityPoolRegion(identity);
  return {
    config,
    oauth: readHostedUiConfig(config, config.CognitoUserPool?.Default?.AppClientId),
  };
}

/** A frozen copy of a section core has not checked, checked as core checks it. */
function checkedCopy(section: unknown): AWSCognitoAuthPluginConfig {
  const config = freezePluginConfiguration(section, 'auth.plugins.awsCognitoAuthPlugin');
  validateCognitoAuthPluginConfig(config);
  return config;
}

let warnedInMemory = false;

/**
 * Web Storage where the platform has it (browsers), else memory; the latter is said once (info level),
 * as sessions then do not survive a restart.
 */
export function defaultStorage(logger: Logger): KeyValueStorage {
  const hasLocalStorage = (() => {
    try {
      return typeof globalThis.localStorage?.getItem === 'function';
    } catch {
      return false; // access can throw, e.g. in sandboxed iframes
    }
  })();
  if (hasLocalStorage) return new WebKeyValueStorage();
  if (!warnedInMemory) {
    warnedInMemory = true;
    logger.info(
      'Sessions are kept in memory and will not survive a restart; pass the storage option (e.g. a FileKeyValueStorage) to keep them.',
    );
  }
  return new InMemoryKeyValueStorage();
}

/** Rejects constructor options of the wrong type, naming the option. */
export function validateConstructorOptions(options: unknown): asserts options is InternalPluginOptions {
  const fail = (name: string, expected: string): never => {
    throw new InvalidParameterException(
      `The AWSCognitoAuthPlugin option ${name} must be ${expected}.`,
      `Fix the ${name} option passed to new AWSCognitoAuthPlugin(...).`,
    );
  };
  if (typeof options !== 'object' || options === null) fail('object', 'an object (or left out)');
  const o = options as Record<string, unknown>;
  const known = [
    'storage',
    'federatedTokenRefresher',
    'credentialsRefreshMarginSeconds',
    'clock',
    'requestTimeoutMs',
    'federatedTokenRefresherTimeoutMs',
  ];
  // The transport seams of the internal subpath (`pluginWithTransports`), not named to app developers.
  const seams = ['identityPoolService', 'userPoolService', 'sleep'];
  for (const key of Object.keys(o))
    if (!known.includes(key) && !seams.includes(key))
      fail(key, `one of ${known.join(', ')} (unknown option)`);
  const storage = o.storage as Partial<KeyValueStorage> | undefined;
  if (
    storage !== undefined &&
    (typeof storage?.getItem !== 'function' ||
      typeof storage.setItem !== 'function' ||
      typeof storage.removeItem !== 'function')
  ) {
    fail('storage', 'a KeyValueStorage (getItem, setItem and removeItem functions)');
  }
  if (o.federatedTokenRefresher !== undefined && typeof o.federatedTokenRefresher !== 'function') {
    fail('federatedTokenRefresher', 'a function (providerName) => Promise<string>');
  }
  const margin = o.credentialsRefreshMarginSeconds;
  if (
    margin !== undefined &&
    (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0 || margin > 3600)
  ) {
    fail('credentialsRefreshMarginSeconds', 'a number of seconds from 0 to 3600');
  }
  if (o.sleep !== undefined && typeof o.sleep !== 'function')
    fail('sleep', 'a function (ms) => Promise<void>');
  if (o.clock !== undefined && typeof o.clock !== 'function')
    fail('clock', 'a function returning epoch milliseconds');
  for (const name of ['requestTimeoutMs', 'federatedTokenRefresherTimeoutMs']) {
    const ms = o[name];
    if (
      ms !== undefined &&
      (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS)
    ) {
      fail(name, `a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
    }
  }
}

/** The longest accepted `requestTimeoutMs` / `federatedTokenRefresherTimeoutMs`: ten minutes. */
export const MAX_TIMEOUT_MS = 600_000;
