/** Identity pool records <-> the wire `IdentityPool` shape and the in-process options. */
import { invalidParameter } from '../errors.js';
import type { PoolRecord } from '../store.js';
import type { CreateIdentityPoolOptions, OpenIdConnectProviderConfig } from '../types.js';
import {
  DEVELOPER_PROVIDER_NAME,
  IDENTITY_POOL_NAME,
  PROVIDER_NAME,
  optionalBoolean,
  optionalObjectList,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredBoolean,
  requiredString,
  type Input,
} from '../validation.js';

const ARN = { min: 20, max: 2048 };
const SYNTHETIC_OIDC_ARN_PREFIX = 'arn:aws:iam::000000000000:oidc-provider/';

export type NewPool = Omit<PoolRecord, 'identityPoolId'>;

/** Validates a CreateIdentityPool request body. */
export function poolFromWire(input: Input): NewPool {
  const userPools = optionalObjectList(input, 'CognitoIdentityProviders') ?? [];
  return {
    identityPoolName: requiredString(input, 'IdentityPoolName', IDENTITY_POOL_NAME),
    allowUnauthenticatedIdentities: requiredBoolean(input, 'AllowUnauthenticatedIdentities'),
    allowClassicFlow: optionalBoolean(input, 'AllowClassicFlow') ?? false,
    supportedLoginProviders:
      optionalStringMap(input, 'SupportedLoginProviders', PROVIDER_NAME, { min: 1, max: 128 }, 10) ?? {},
    developerProviderName: optionalString(input, 'DeveloperProviderName', DEVELOPER_PROVIDER_NAME),
    openIdConnectProviders: [],
    openIdConnectProviderARNs: optionalStringList(input, 'OpenIdConnectProviderARNs', ARN) ?? [],
    samlProviderARNs: optionalStringList(input, 'SamlProviderARNs', ARN) ?? [],
    cognitoIdentityProviders: userPools.map((p) => ({
      providerName: requiredString(p, 'ProviderName', { min: 1, max: 128, pattern: /^[\w._:/-]+$/ }),
      clientId: optionalString(p, 'ClientId', { min: 1, max: 128, pattern: /^[\w_]+$/ }),
      serverSideTokenCheck: optionalBoolean(p, 'ServerSideTokenCheck') ?? false,
    })),
    tags: optionalStringMap(input, 'IdentityPoolTags', { min: 1, max: 128 }, { min: 0, max: 256 }, 50) ?? {},
  };
}

function checkOidcProvider(provider: OpenIdConnectProviderConfig): OpenIdConnectProviderConfig {
  const name = provider?.providerName;
  if (typeof name !== 'string' || name.length < 1 || name.length > 128) {
    throw invalidParameter('openIdConnectProviders: providerName must be 1-128 characters.');
  }
  if (typeof provider.issuer !== 'string' || provider.issuer === '') {
    throw invalidParameter(`openIdConnectProviders: issuer of ${name} is required.`);
  }
  try {
    new URL(provider.jwksUri);
  } catch {
    throw invalidParameter(`openIdConnectProviders: jwksUri of ${name} is not a URL.`);
  }
  return { ...provider, audiences: provider.audiences ? [...provider.audiences] : undefined };
}

/** Validates the options of the in-process `createIdentityPool`. */
export function poolFromOptions(options: CreateIdentityPoolOptions): NewPool {
  const pool = poolFromWire({
    IdentityPoolName: options.identityPoolName ?? 'plugboard-test-pool',
    AllowUnauthenticatedIdentities: options.allowUnauthenticatedIdentities ?? false,
    AllowClassicFlow: options.allowClassicFlow,
    SupportedLoginProviders: options.supportedLoginProviders,
    DeveloperProviderName: options.developerProviderName,
    OpenIdConnectProviderARNs: options.openIdConnectProviderARNs,
    SamlProviderARNs: options.samlProviderARNs,
    CognitoIdentityProviders: options.cognitoIdentityProviders?.map((p) => ({
      ProviderName: p.providerName,
      ClientId: p.clientId,
      ServerSideTokenCheck: p.serverSideTokenCheck,
    })),
    IdentityPoolTags: options.tags,
  });
  return { ...pool, openIdConnectProviders: (options.openIdConnectProviders ?? []).map(checkOidcProvider) };
}

/** The wire `IdentityPool`; in-process OIDC providers appear as synthetic OIDC provider ARNs. */
export function poolToWire(pool: PoolRecord): object {
  return {
    IdentityPoolId: pool.identityPoolId,
    IdentityPoolName: pool.identityPoolName,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
    AllowClassicFlow: pool.allowClassicFlow,
    SupportedLoginProviders: pool.supportedLoginProviders,
    ...(pool.developerProviderName !== undefined
      ? { DeveloperProviderName: pool.developerProviderName }
      : {}),
    OpenIdConnectProviderARNs: [
      ...pool.openIdConnectProviderARNs,
      ...pool.openIdConnectProviders.map((p) => SYNTHETIC_OIDC_ARN_PREFIX + p.providerName),
    ],
    CognitoIdentityProviders: pool.cognitoIdentityProviders.map((p) => ({
      ProviderName: p.providerName,
      ...(p.clientId !== undefined ? { ClientId: p.clientId } : {}),
      ServerSideTokenCheck: p.serverSideTokenCheck ?? false,
    })),
    SamlProviderARNs: pool.samlProviderARNs,
    IdentityPoolTags: pool.tags,
  };
}
