import { processSingleton } from '../brand.js';
import { getLogger } from '../logger/getLogger.js';
import { configurationError } from './configurationErrors.js';
import type { AWSCognitoAuthPluginConfig } from './types.js';
import {
  assertObject,
  type Check,
  checkEndpoint,
  checkIdentityPoolId,
  checkNonEmptyString,
  checkOptionalBoolean,
  checkRegion,
  checkUserPoolId,
  isInsecureRemoteEndpoint,
  ownValue,
} from './validators.js';

const logger = getLogger('Configuration');
/** Endpoints already warned about, so a reconfigure or the plugin's own check does not repeat it. */
const warnedInsecure = processSingleton('config.insecureEndpointWarnings.v1', () => new Set<string>());

/**
 * Checks an optional `Endpoint` under its pool's `allowInsecureEndpoint` opt-in; warns once per endpoint
 * when the opt-in lets plain http:// reach a host that is not loopback.
 */
const checkOptionalEndpoint: Check = (endpoint, path, pool) => {
  if (endpoint === undefined) return;
  checkEndpoint(endpoint, path, pool);
  if (
    pool &&
    ownValue(pool, 'allowInsecureEndpoint') === true &&
    isInsecureRemoteEndpoint(endpoint as string)
  ) {
    if (warnedInsecure.has(endpoint as string)) return;
    warnedInsecure.add(endpoint as string);
    logger.warn(
      `${path} ${endpoint as string} is plain http:// to a host that is not loopback: tokens and ` +
        'credentials cross the network unencrypted. Use it only inside a private network.',
    );
  }
};

const optional =
  (inner: Check): Check =>
  (value, path) => {
    if (value !== undefined) inner(value, path);
  };

/** A pool's fields in checking order: the key, its check, and its name in amplify_outputs.json's `auth`. */
type Fields = readonly (readonly [key: string, check: Check, outputsKey: string])[];

const IDENTITY_POOL: Fields = [
  ['PoolId', checkIdentityPoolId, 'identity_pool_id'],
  ['Region', checkRegion, 'aws_region'],
  ['allowInsecureEndpoint', checkOptionalBoolean, 'allow_insecure_endpoint'],
  ['Endpoint', checkOptionalEndpoint, 'identity_pool_endpoint'],
  ['AllowUnauthenticatedIdentities', checkOptionalBoolean, 'unauthenticated_identities_enabled'],
];

const USER_POOL: Fields = [
  ['PoolId', checkUserPoolId, 'user_pool_id'],
  ['AppClientId', checkNonEmptyString, 'user_pool_client_id'],
  ['AppClientSecret', optional(checkNonEmptyString), 'user_pool_client_secret'],
  ['Region', checkRegion, 'aws_region'],
  ['allowInsecureEndpoint', checkOptionalBoolean, 'allow_insecure_endpoint'],
  ['Endpoint', checkOptionalEndpoint, 'user_pool_endpoint'],
];

/** Where the section sits in `amplifyconfiguration.json`; error messages start from here. */
export const COGNITO_AUTH_PLUGIN_PATH = 'auth.plugins.awsCognitoAuthPlugin';

/**
 * The pool at `keys` (`CredentialsProvider.CognitoIdentity.Default`, ...) under `section`, each level
 * checked to be an object when present, its fields checked in order; undefined when absent. Errors
 * name fields as `path.keys.Field`, or as amplify_outputs.json's `auth.field` with `fromOutputs`.
 */
function checkPool(
  section: Record<string, unknown>,
  path: string,
  keys: string,
  fields: Fields,
  fromOutputs: boolean,
): Record<string, unknown> | undefined {
  let pool: unknown = section;
  for (const key of keys.split('.')) {
    pool = ownValue(pool as object, key);
    if (pool === undefined) return undefined;
    assertObject(pool, (path += `.${key}`));
  }
  const record = pool as Record<string, unknown>;
  for (const [key, check, outputsKey] of fields) {
    check(ownValue(record, key), fromOutputs ? `auth.${outputsKey}` : `${path}.${key}`, record);
  }
  return record;
}

/**
 * Checks the `awsCognitoAuthPlugin` section: pool ids, regions, app client id and endpoints. Either
 * pool may be absent, not both. Throws `ConfigurationException` naming the offending field (by its
 * amplify_outputs.json name with `fromOutputs`, for a section converted from that shape).
 */
export function validateCognitoAuthPluginConfig(
  section: unknown,
  path: string = COGNITO_AUTH_PLUGIN_PATH,
  fromOutputs = false,
): asserts section is AWSCognitoAuthPluginConfig {
  assertObject(section, path);
  const identityPool = checkPool(
    section,
    path,
    'CredentialsProvider.CognitoIdentity.Default',
    IDENTITY_POOL,
    fromOutputs,
  );
  const userPool = checkPool(section, path, 'CognitoUserPool.Default', USER_POOL, fromOutputs);
  if (!identityPool && !userPool) {
    throw configurationError(
      `Invalid configuration at ${path}: neither CredentialsProvider.CognitoIdentity.Default nor CognitoUserPool.Default is set.`,
      'Configure an identity pool, a user pool, or both.',
    );
  }
}
