import { processSingleton } from '../brand.js';
import { getLogger } from '../logger/getLogger.js';
import { configurationError } from './configurationErrors.js';
import type { AWSCognitoAuthPluginConfig } from './types.js';
import {
  assertEndpoint,
  assertOptionalBoolean,
  assertIdentityPoolId,
  assertNonEmptyString,
  assertObject,
  assertRegion,
  assertUserPoolId,
  isInsecureRemoteEndpoint,
} from './validators.js';

const logger = getLogger('Configuration');
/** Endpoints already warned about, so a reconfigure or the plugin's own check does not repeat it. */
const warnedInsecure = processSingleton('config.insecureEndpointWarnings.v1', () => new Set<string>());

/**
 * Checks an optional `Endpoint` and its `allowInsecureEndpoint` opt-in; warns once per endpoint when
 * the opt-in lets plain http:// reach a host that is not loopback.
 */
function checkEndpoint(pool: Record<string, unknown>, at: string): void {
  assertOptionalBoolean(pool.allowInsecureEndpoint, `${at}.allowInsecureEndpoint`);
  const endpoint = pool.Endpoint;
  if (endpoint === undefined) return;
  const allowInsecure = pool.allowInsecureEndpoint === true;
  assertEndpoint(endpoint, `${at}.Endpoint`, { allowInsecure });
  if (allowInsecure && isInsecureRemoteEndpoint(endpoint) && !warnedInsecure.has(endpoint)) {
    warnedInsecure.add(endpoint);
    logger.warn(
      `${at}.Endpoint ${endpoint} is plain http:// to a host that is not loopback (allowed by allowInsecureEndpoint): ` +
        'tokens and credentials cross the network unencrypted. Use it only inside a private network such as a container setup.',
    );
  }
}

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
    checkEndpoint(identityPool, at);
    assertOptionalBoolean(
      identityPool.AllowUnauthenticatedIdentities,
      `${at}.AllowUnauthenticatedIdentities`,
    );
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
    checkEndpoint(userPool, at);
  }

  if (!identityPool && !userPool) {
    throw configurationError(
      `Invalid configuration at ${path}: neither CredentialsProvider.CognitoIdentity.Default nor CognitoUserPool.Default is set.`,
      'Configure an identity pool, a user pool, or both.',
    );
  }
}
