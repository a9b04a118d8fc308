import { ConfigurationException } from '../errors/ConfigurationException.js';
import type { AWSCognitoAuthPluginConfig } from './types.js';
import {
  assertEndpoint,
  assertIdentityPoolId,
  assertNonEmptyString,
  assertObject,
  assertRegion,
  assertUserPoolId,
} from './validators.js';

/** Where the section sits in `amplifyconfiguration.json`; error messages start from here. */
export const COGNITO_AUTH_PLUGIN_PATH = 'auth.plugins.awsCognitoAuthPlugin';

/** Validates an optional nested object and returns it, or undefined when absent. */
function optionalObject(parent: Record<string, unknown>, key: string, path: string) {
  const value = parent[key];
  if (value === undefined) return undefined;
  assertObject(value, `${path}.${key}`);
  return value;
}

/**
 * Checks the `awsCognitoAuthPlugin` section: pool ids, regions, app client id and endpoints. Either
 * pool may be absent, not both. Throws `ConfigurationException` naming the offending field.
 */
export function validateCognitoAuthPluginConfig(
  section: unknown,
  path: string = COGNITO_AUTH_PLUGIN_PATH,
): asserts section is AWSCognitoAuthPluginConfig {
  assertObject(section, path);

  const credentialsPath = `${path}.CredentialsProvider`;
  const credentials = optionalObject(section, 'CredentialsProvider', path);
  const cognitoIdentity = credentials && optionalObject(credentials, 'CognitoIdentity', credentialsPath);
  const identityPool =
    cognitoIdentity && optionalObject(cognitoIdentity, 'Default', `${credentialsPath}.CognitoIdentity`);
  if (identityPool) {
    const at = `${credentialsPath}.CognitoIdentity.Default`;
    assertIdentityPoolId(identityPool.PoolId, `${at}.PoolId`);
    assertRegion(identityPool.Region, `${at}.Region`);
    if (identityPool.Endpoint !== undefined) assertEndpoint(identityPool.Endpoint, `${at}.Endpoint`);
  }

  const userPools = optionalObject(section, 'CognitoUserPool', path);
  const userPool = userPools && optionalObject(userPools, 'Default', `${path}.CognitoUserPool`);
  if (userPool) {
    const at = `${path}.CognitoUserPool.Default`;
    assertUserPoolId(userPool.PoolId, `${at}.PoolId`);
    assertNonEmptyString(userPool.AppClientId, `${at}.AppClientId`);
    if (userPool.AppClientSecret !== undefined) {
      assertNonEmptyString(userPool.AppClientSecret, `${at}.AppClientSecret`);
    }
    assertRegion(userPool.Region, `${at}.Region`);
    if (userPool.Endpoint !== undefined) assertEndpoint(userPool.Endpoint, `${at}.Endpoint`);
  }

  if (!identityPool && !userPool) {
    throw new ConfigurationException(
      `Invalid configuration at ${path}: neither CredentialsProvider.CognitoIdentity.Default nor CognitoUserPool.Default is set.`,
      'Configure an identity pool, a user pool, or both.',
    );
  }
}
