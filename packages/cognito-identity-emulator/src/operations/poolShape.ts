/** Identity pool records <-> the wire `IdentityPool` shape and the in-process options. */
import { CognitoServiceError, invalidParameter } from '../errors.js';
import { validateInput } from '../model/validate.js';
import type { PoolRecord, RoleMappingRecord } from '../store.js';
import type { CreateIdentityPoolOptions, OpenIdConnectProviderConfig } from '../types.js';
import { EmulatorUsageError } from '../usageError.js';
import { optBool, optList, optMap, optObjects, optStr, str, type Input } from '../validation.js';
import { DEFAULT_ROLES } from '../defaultRoles.js';
import { checkRoleMappings } from './roles.js';

const SYNTHETIC_OIDC_ARN_PREFIX = 'arn:aws:iam::000000000000:oidc-provider/';

export type NewPool = Omit<PoolRecord, 'identityPoolId'>;

/** The pool fields of a validated CreateIdentityPool / UpdateIdentityPool body (no roles: AWS sets them apart). */
export function poolFromWire(input: Input): NewPool {
  const userPools = optObjects(input, 'CognitoIdentityProviders') ?? [];
  return {
    identityPoolName: str(input, 'IdentityPoolName'),
    allowUnauthenticatedIdentities: optBool(input, 'AllowUnauthenticatedIdentities') ?? false,
    allowClassicFlow: optBool(input, 'AllowClassicFlow') ?? false,
    supportedLoginProviders: optMap(input, 'SupportedLoginProviders') ?? {},
    developerProviderName: optStr(input, 'DeveloperProviderName'),
    openIdConnectProviders: [],
    openIdConnectProviderARNs: optList(input, 'OpenIdConnectProviderARNs') ?? [],
    samlProviderARNs: optList(input, 'SamlProviderARNs') ?? [],
    cognitoIdentityProviders: userPools.map((p) => ({
      providerName: optStr(p, 'ProviderName') ?? '',
      clientId: optStr(p, 'ClientId'),
      serverSideTokenCheck: optBool(p, 'ServerSideTokenCheck') ?? false,
    })),
    tags: optMap(input, 'IdentityPoolTags') ?? {},
    roles: {},
    roleMappings: {},
    principalTagMaps: {},
  };
}

/** UpdateIdentityPool: every pool field is replaced; roles, tag maps and in-process OIDC providers stay. */
export function updatedPool(existing: PoolRecord, input: Input): PoolRecord {
  const next = poolFromWire(input);
  if (
    existing.developerProviderName !== undefined &&
    next.developerProviderName !== existing.developerProviderName
  ) {
    throw invalidParameter('The developer provider name of an identity pool cannot be changed once set.');
  }
  const synthetic = new Set(
    existing.openIdConnectProviders.map((p) => SYNTHETIC_OIDC_ARN_PREFIX + p.providerName),
  );
  return {
    ...existing,
    ...next,
    identityPoolId: existing.identityPoolId,
    openIdConnectProviders: existing.openIdConnectProviders.filter((p) =>
      next.openIdConnectProviderARNs.includes(SYNTHETIC_OIDC_ARN_PREFIX + p.providerName),
    ),
    openIdConnectProviderARNs: next.openIdConnectProviderARNs.filter((arn) => !synthetic.has(arn)),
    tags: input['IdentityPoolTags'] === undefined ? existing.tags : next.tags,
    roles: existing.roles,
    roleMappings: existing.roleMappings,
    principalTagMaps: existing.principalTagMaps,
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

function build(options: CreateIdentityPoolOptions): NewPool {
  const wire: Input = {
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
  };
  validateInput('CreateIdentityPool', wire);
  const roles = options.roles ?? DEFAULT_ROLES;
  const roleMappings = (options.roleMappings ?? {}) as Record<string, RoleMappingRecord>;
  const Roles = Object.fromEntries(Object.entries(roles).filter(([, arn]) => arn !== undefined));
  validateInput('SetIdentityPoolRoles', { IdentityPoolId: 'us-east-1:0', Roles, RoleMappings: roleMappings });
  checkRoleMappings(roleMappings);
  return {
    ...poolFromWire(wire),
    openIdConnectProviders: (options.openIdConnectProviders ?? []).map(checkOidcProvider),
    roles: Roles,
    roleMappings: structuredClone(roleMappings),
  };
}

/** Validates the options of the in-process `createIdentityPool`; bad input is an EmulatorUsageError. */
export function poolFromOptions(options: CreateIdentityPoolOptions): NewPool {
  try {
    return build(options);
  } catch (error) {
    if (!(error instanceof CognitoServiceError)) throw error;
    throw new EmulatorUsageError(
      `createIdentityPool: ${error.message}`,
      'Pass options within the limits of the CreateIdentityPool and SetIdentityPoolRoles API (see the README).',
    );
  }
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
