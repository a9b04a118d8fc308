/**
 * Signed pool settings: roles (SetIdentityPoolRoles / GetIdentityPoolRoles), principal tag attribute
 * maps (Set/GetPrincipalTagAttributeMap) and resource tags (TagResource / UntagResource /
 * ListTagsForResource, on `arn:aws:cognito-identity:<region>:<account>:identitypool/<pool id>`).
 */
import { invalidParameter, resourceNotFound } from '../errors.js';
import type { PoolRecord, RoleMappingRecord, RoleType } from '../store.js';
import { optBool, optList, optMap, str, type Input } from '../validation.js';
import { requirePool, type OperationContext, type OperationSpec } from './context.js';
import { checkRoleMappings } from './roles.js';

function setIdentityPoolRoles(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  const mappings = structuredClone((input['RoleMappings'] ?? {}) as Record<string, RoleMappingRecord>);
  checkRoleMappings(mappings);
  pool.roles = optMap(input, 'Roles') as Partial<Record<RoleType, string>>;
  pool.roleMappings = mappings;
  ctx.store.changed();
  return {};
}

function getIdentityPoolRoles(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  return {
    IdentityPoolId: pool.identityPoolId,
    Roles: pool.roles,
    ...(Object.keys(pool.roleMappings).length > 0 ? { RoleMappings: pool.roleMappings } : {}),
  };
}

function tagMapAnswer(pool: PoolRecord, provider: string): object {
  const map = pool.principalTagMaps[provider] ?? { useDefaults: true, principalTags: {} };
  return {
    IdentityPoolId: pool.identityPoolId,
    IdentityProviderName: provider,
    UseDefaults: map.useDefaults,
    PrincipalTags: map.principalTags,
  };
}

function setPrincipalTagAttributeMap(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  const provider = str(input, 'IdentityProviderName');
  pool.principalTagMaps[provider] = {
    useDefaults: optBool(input, 'UseDefaults') ?? false,
    principalTags: optMap(input, 'PrincipalTags') ?? {},
  };
  ctx.store.changed();
  return tagMapAnswer(pool, provider);
}

function getPrincipalTagAttributeMap(input: Input, ctx: OperationContext): object {
  return tagMapAnswer(requirePool(ctx, str(input, 'IdentityPoolId')), str(input, 'IdentityProviderName'));
}

/** The pool an identity pool ARN names. */
function poolOfArn(ctx: OperationContext, arn: string): PoolRecord {
  const match = /^arn:aws[\w-]*:cognito-identity:([\w-]+):(\d{12}):identitypool\/(.+)$/.exec(arn);
  if (!match) throw invalidParameter('ResourceArn is not an identity pool ARN.');
  const pool = ctx.store.pool(match[3]!);
  if (!pool) throw resourceNotFound(`Resource '${arn}' not found.`);
  return pool;
}

function tagResource(input: Input, ctx: OperationContext): object {
  const pool = poolOfArn(ctx, str(input, 'ResourceArn'));
  Object.assign(pool.tags, optMap(input, 'Tags'));
  ctx.store.changed();
  return {};
}

function untagResource(input: Input, ctx: OperationContext): object {
  const pool = poolOfArn(ctx, str(input, 'ResourceArn'));
  for (const key of optList(input, 'TagKeys') ?? []) delete pool.tags[key];
  ctx.store.changed();
  return {};
}

function listTagsForResource(input: Input, ctx: OperationContext): object {
  return { Tags: { ...poolOfArn(ctx, str(input, 'ResourceArn')).tags } };
}

export const poolSettingsOperations: Record<string, OperationSpec> = {
  SetIdentityPoolRoles: { handler: setIdentityPoolRoles, signed: true },
  GetIdentityPoolRoles: { handler: getIdentityPoolRoles, signed: true },
  SetPrincipalTagAttributeMap: { handler: setPrincipalTagAttributeMap, signed: true },
  GetPrincipalTagAttributeMap: { handler: getPrincipalTagAttributeMap, signed: true },
  TagResource: { handler: tagResource, signed: true },
  UntagResource: { handler: untagResource, signed: true },
  ListTagsForResource: { handler: listTagsForResource, signed: true },
};
