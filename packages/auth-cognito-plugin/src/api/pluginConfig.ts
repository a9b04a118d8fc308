import {
  ConfigurationException,
  InMemoryKeyValueStorage,
  InvalidParameterException,
  WebKeyValueStorage,
  type AWSCognitoAuthPluginConfig,
  type KeyValueStorage,
} from '@plugboard/core';
import type { AWSCognitoAuthPluginOptions } from '../types.js';

const SECTION = 'auth.plugins.awsCognitoAuthPlugin';

/**
 * The plugin's configuration section. `Amplify.configure` has validated each field already; this only
 * makes sure the plugin was given a section it can work with (also when `configure` is called directly).
 */
export function readConfig(section: unknown): AWSCognitoAuthPluginConfig {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new ConfigurationException(
      `${SECTION} is missing or not an object.`,
      'Add an awsCognitoAuthPlugin section with CredentialsProvider.CognitoIdentity.Default and/or CognitoUserPool.Default.',
    );
  }
  const config = section as AWSCognitoAuthPluginConfig;
  const identity = config.CredentialsProvider?.CognitoIdentity?.Default;
  const userPool = config.CognitoUserPool?.Default;
  if (!identity && !userPool) {
    throw new ConfigurationException(
      `${SECTION} names neither an identity pool nor a user pool.`,
      'Add CredentialsProvider.CognitoIdentity.Default { PoolId, Region } (for federation) and/or CognitoUserPool.Default.',
    );
  }
  if (identity && (typeof identity.PoolId !== 'string' || typeof identity.Region !== 'string')) {
    throw new ConfigurationException(
      `${SECTION}.CredentialsProvider.CognitoIdentity.Default needs PoolId and Region strings.`,
      "Copy them from the identity pool, e.g. PoolId 'us-east-1:0a1b...' and Region 'us-east-1'.",
    );
  }
  return config;
}

/** Web Storage where the platform has it (browsers), else memory. */
export function defaultStorage(): KeyValueStorage {
  const hasLocalStorage = (() => {
    try {
      return typeof globalThis.localStorage?.getItem === 'function';
    } catch {
      return false; // access can throw, e.g. in sandboxed iframes
    }
  })();
  return hasLocalStorage ? new WebKeyValueStorage() : new InMemoryKeyValueStorage();
}

/** Rejects constructor options of the wrong type, naming the option. */
export function validateConstructorOptions(options: unknown): asserts options is AWSCognitoAuthPluginOptions {
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
    'identityPoolService',
    'userPoolService',
  ];
  for (const key of Object.keys(o))
    if (!known.includes(key)) fail(key, `one of ${known.join(', ')} (unknown option)`);
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
  if (o.clock !== undefined && typeof o.clock !== 'function')
    fail('clock', 'a function returning epoch milliseconds');
}
