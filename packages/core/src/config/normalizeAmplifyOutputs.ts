import { ConfigurationException } from '../errors/ConfigurationException.js';
import type {
  AmplifyConfiguration,
  AmplifyOutputs,
  AWSCognitoAuthPluginConfig,
  CognitoIdentityPoolConfig,
  CognitoUserPoolConfig,
} from './types.js';
import {
  assertEndpoint,
  assertIdentityPoolId,
  assertNonEmptyString,
  assertObject,
  assertRegion,
  assertUserPoolId,
} from './validators.js';

const GEN2_AUTH_KEYS = ['aws_region', 'identity_pool_id', 'user_pool_id', 'user_pool_client_id'];

/**
 * True for the Gen 2 `amplify_outputs.json` shape: an `auth` section with snake_case keys and no
 * `plugins`, or a top-level `version` with no category carrying `plugins`.
 */
export function isAmplifyOutputs(config: unknown): config is AmplifyOutputs {
  if (typeof config !== 'object' || config === null) return false;
  const record = config as Record<string, unknown>;
  const sections = Object.values(record).filter(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null,
  );
  if (sections.some((section) => 'plugins' in section)) return false;
  const auth = record.auth;
  if (typeof auth === 'object' && auth !== null && GEN2_AUTH_KEYS.some((key) => key in auth)) return true;
  return typeof record.version === 'string';
}

/**
 * Converts the Gen 2 shape into the `amplifyconfiguration.json` shape, validating the Gen 2 fields
 * (errors name them as written, e.g. `auth.identity_pool_id`). Sections other than `auth` are not
 * read by Plugboard yet and are dropped.
 */
export function normalizeAmplifyOutputs(outputs: AmplifyOutputs): AmplifyConfiguration {
  assertObject(outputs, '(root)');
  const auth = outputs.auth;
  if (auth === undefined) return {};
  assertObject(auth, 'auth');
  assertRegion(auth.aws_region, 'auth.aws_region');
  const region = auth.aws_region;
  const section: { -readonly [K in keyof AWSCognitoAuthPluginConfig]: AWSCognitoAuthPluginConfig[K] } = {};

  if (auth.identity_pool_id !== undefined) {
    assertIdentityPoolId(auth.identity_pool_id, 'auth.identity_pool_id');
    const pool: CognitoIdentityPoolConfig = { PoolId: auth.identity_pool_id, Region: region };
    if (auth.identity_pool_endpoint !== undefined) {
      assertEndpoint(auth.identity_pool_endpoint, 'auth.identity_pool_endpoint');
    }
    section.CredentialsProvider = {
      CognitoIdentity: {
        Default:
          auth.identity_pool_endpoint === undefined
            ? pool
            : { ...pool, Endpoint: auth.identity_pool_endpoint },
      },
    };
  }

  if (auth.user_pool_id !== undefined) {
    assertUserPoolId(auth.user_pool_id, 'auth.user_pool_id');
    assertNonEmptyString(auth.user_pool_client_id, 'auth.user_pool_client_id');
    const pool: CognitoUserPoolConfig = {
      PoolId: auth.user_pool_id,
      AppClientId: auth.user_pool_client_id,
      Region: region,
    };
    if (auth.user_pool_endpoint !== undefined)
      assertEndpoint(auth.user_pool_endpoint, 'auth.user_pool_endpoint');
    section.CognitoUserPool = {
      Default: auth.user_pool_endpoint === undefined ? pool : { ...pool, Endpoint: auth.user_pool_endpoint },
    };
  }

  if (section.CredentialsProvider === undefined && section.CognitoUserPool === undefined) {
    throw new ConfigurationException(
      'Invalid configuration at auth: neither identity_pool_id nor user_pool_id is set.',
      'Set auth.identity_pool_id, auth.user_pool_id (with user_pool_client_id), or both.',
    );
  }
  return { auth: { plugins: { awsCognitoAuthPlugin: section } } };
}
