import { processSingleton } from '../brand.js';
import { getLogger } from '../logger/getLogger.js';
import { configurationError } from './configurationErrors.js';
import type { AmplifyConfiguration, AmplifyOutputs, OAuthConfig } from './types.js';
import { validateCognitoAuthPluginConfig } from './validateCognitoAuthPluginConfig.js';
import { assertObject, checkOptionalBoolean, checkRegion } from './validators.js';

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

/** The `auth` keys Plugboard reads; the others are reported once as ignored. */
const READ_AUTH_KEYS = new Set([
  ...GEN2_AUTH_KEYS,
  'identity_pool_endpoint',
  'user_pool_endpoint',
  'allow_insecure_endpoint',
  'unauthenticated_identities_enabled',
  'oauth',
]);
/** Top-level keys Plugboard reads. */
const READ_ROOT_KEYS = new Set(['version', 'auth', 'storage']);

const logger = getLogger('Configuration');
/** Lists of ignored keys already logged, so reconfiguring with the same file says it once. */
const reportedIgnored = processSingleton('config.ignoredOutputsKeys.v1', () => new Set<string>());

/** Logs, once per distinct list, the amplify_outputs.json keys that Plugboard does not use. */
function reportIgnored(outputs: Record<string, unknown>, auth: Record<string, unknown> | undefined): void {
  const ignored = [
    ...Object.keys(outputs).filter((key) => !READ_ROOT_KEYS.has(key) && outputs[key] !== undefined),
    ...(auth
      ? Object.keys(auth).filter((key) => !READ_AUTH_KEYS.has(key) && auth[key] !== undefined)
      : []
    ).map((key) => `auth.${key}`),
  ];
  const list = ignored.join(', ');
  if (ignored.length === 0 || reportedIgnored.has(list)) return;
  reportedIgnored.add(list);
  logger.info(
    `amplify_outputs.json: Plugboard does not use ${list}; ignored, so MFA or password rules set there do not apply.`,
  );
}

/**
 * Converts the Gen 2 shape into the `amplifyconfiguration.json` shape and validates it, naming fields
 * as written in amplify_outputs.json (e.g. `auth.identity_pool_id`); `auth.oauth` becomes the hosted
 * UI's `Auth.Default.OAuth`, checked by the auth plugin. Keys Plugboard does not read (other
 * categories, `auth.mfa_methods`, ...) are dropped and logged once at info level.
 */
export function normalizeAmplifyOutputs(outputs: AmplifyOutputs): AmplifyConfiguration {
  assertObject(outputs, '(root)');
  // `storage` goes to the S3 storage plugin as written; the plugin validates it under its own names.
  const storage: unknown = outputs.storage;
  if (storage === undefined) return normalizeAuth(outputs);
  assertObject(storage, 'storage');
  return { ...normalizeAuth(outputs), storage: { plugins: { awsS3StoragePlugin: storage } } };
}

function normalizeAuth(outputs: AmplifyOutputs): AmplifyConfiguration {
  const auth: unknown = outputs.auth;
  if (auth !== undefined) assertObject(auth, 'auth');
  reportIgnored(outputs, auth);
  if (auth === undefined) return {};
  checkRegion(auth.aws_region, 'auth.aws_region');
  checkOptionalBoolean(auth.allow_insecure_endpoint, 'auth.allow_insecure_endpoint');
  checkOptionalBoolean(auth.unauthenticated_identities_enabled, 'auth.unauthenticated_identities_enabled');
  const Region = auth.aws_region as string;
  /** The endpoint of one pool with the opt-in, when set. */
  const endpointOf = (endpoint: unknown) =>
    endpoint === undefined
      ? {}
      : { Endpoint: endpoint, ...(auth.allow_insecure_endpoint ? { allowInsecureEndpoint: true } : {}) };
  const section: Record<string, unknown> = {};

  if (auth.identity_pool_id !== undefined) {
    const unauthenticated = auth.unauthenticated_identities_enabled;
    section.CredentialsProvider = {
      CognitoIdentity: {
        Default: {
          PoolId: auth.identity_pool_id,
          Region,
          ...endpointOf(auth.identity_pool_endpoint),
          ...(unauthenticated === undefined ? {} : { AllowUnauthenticatedIdentities: unauthenticated }),
        },
      },
    };
  }
  if (auth.user_pool_id !== undefined) {
    section.CognitoUserPool = {
      Default: {
        PoolId: auth.user_pool_id,
        AppClientId: auth.user_pool_client_id,
        Region,
        ...endpointOf(auth.user_pool_endpoint),
      },
    };
  }
  if (section.CredentialsProvider === undefined && section.CognitoUserPool === undefined) {
    throw configurationError(
      'Invalid configuration at auth: neither identity_pool_id nor user_pool_id is set.',
      'Set auth.identity_pool_id, auth.user_pool_id (with user_pool_client_id), or both.',
    );
  }
  validateCognitoAuthPluginConfig(section, 'auth', true);
  if (auth.oauth !== undefined) section.Auth = { Default: { OAuth: hostedUiOf(auth) } };
  return { auth: { plugins: { awsCognitoAuthPlugin: section } } };
}

/** `auth.oauth` as the hosted UI's `OAuth` section (redirect URI lists joined with commas, as there). */
function hostedUiOf(auth: Record<string, unknown>): OAuthConfig {
  const oauth = auth.oauth;
  assertObject(oauth, 'auth.oauth');
  const list = (value: unknown): string | undefined =>
    Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : undefined;
  const signOut = list(oauth.redirect_sign_out_uri);
  return {
    WebDomain: oauth.domain as string,
    ...(typeof auth.user_pool_client_id === 'string' ? { AppClientId: auth.user_pool_client_id } : {}),
    SignInRedirectURI: list(oauth.redirect_sign_in_uri) as string,
    ...(signOut ? { SignOutRedirectURI: signOut } : {}),
    ...(Array.isArray(oauth.scopes) ? { Scopes: oauth.scopes as string[] } : {}),
  };
}
