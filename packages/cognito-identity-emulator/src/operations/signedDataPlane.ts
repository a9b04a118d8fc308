/** Data-plane operations that need IAM (SigV4) credentials: developer tokens and identity queries. */
import { invalidParameter, notAuthorized, resourceNotFound } from '../errors.js';
import type { IdentityRecord, PoolRecord } from '../store.js';
import { optBool, optInt, optMap, optStr, str, type Input } from '../validation.js';
import {
  decodeNextToken,
  encodeNextToken,
  epochSeconds,
  requireIdentity,
  requirePool,
  type OperationContext,
  type OperationSpec,
} from './context.js';
import { signOpenIdToken } from './dataPlane.js';
import { developerIdentityOperations } from './developerIdentities.js';
import { authorizeIdentity, identityForLogins, verifyLogins } from './logins.js';

/** Default lifetime of a developer OpenID token (Amazon Cognito uses 15 minutes). */
const DEVELOPER_TOKEN_SECONDS = 900;

async function getOpenIdTokenForDeveloperIdentity(input: Input, ctx: OperationContext): Promise<object> {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  const identityId = optStr(input, 'IdentityId');
  const logins = optMap(input, 'Logins') ?? {};
  const lifetime = optInt(input, 'TokenDuration') ?? DEVELOPER_TOKEN_SECONDS;
  if (Object.keys(logins).length === 0) throw invalidParameter('Logins must have at least one entry.');
  if (pool.developerProviderName === undefined) {
    throw notAuthorized('The identity pool has no developer provider.');
  }
  const verified = await verifyLogins(ctx, pool, logins, true);
  let identity: IdentityRecord;
  if (identityId === undefined) {
    identity = identityForLogins(ctx, pool, verified);
  } else {
    const requested = requireIdentity(ctx, identityId);
    if (requested.identityPoolId !== pool.identityPoolId) {
      throw resourceNotFound(`Identity '${identityId}' not found in this identity pool.`);
    }
    identity = authorizeIdentity(ctx, pool, requested, verified, 'developer');
  }
  const token = await signOpenIdToken(ctx, pool, identity, lifetime, optMap(input, 'PrincipalTags'));
  return { IdentityId: identity.identityId, Token: token };
}

/** The `Logins` of an IdentityDescription: provider names, the developer provider once for its users. */
export function describe(identity: IdentityRecord, pool: PoolRecord | undefined): object {
  const developer = pool?.developerProviderName;
  const logins = Object.keys(identity.logins);
  if (developer !== undefined && identity.developerUserIds.length > 0) logins.push(developer);
  return {
    IdentityId: identity.identityId,
    Logins: logins,
    CreationDate: epochSeconds(identity.creationDate),
    LastModifiedDate: epochSeconds(identity.lastModifiedDate),
  };
}

function describeIdentity(input: Input, ctx: OperationContext): object {
  const identity = requireIdentity(ctx, str(input, 'IdentityId'), false);
  return describe(identity, ctx.store.pool(identity.identityPoolId));
}

function listIdentities(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  const maxResults = optInt(input, 'MaxResults')!;
  const hideDisabled = optBool(input, 'HideDisabled') ?? false;
  const offset = decodeNextToken(optStr(input, 'NextToken'));
  if (offset === undefined) throw invalidParameter('NextToken is not valid.');
  const all = ctx.store.listIdentities(pool.identityPoolId).filter((i) => !(hideDisabled && i.disabled));
  const page = all.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    IdentityPoolId: pool.identityPoolId,
    Identities: page.map((i) => describe(i, pool)),
    ...(next < all.length ? { NextToken: encodeNextToken(next) } : {}),
  };
}

export const signedDataPlaneOperations: Record<string, OperationSpec> = {
  GetOpenIdTokenForDeveloperIdentity: { handler: getOpenIdTokenForDeveloperIdentity, signed: true },
  DescribeIdentity: { handler: describeIdentity, signed: true },
  ListIdentities: { handler: listIdentities, signed: true },
  ...developerIdentityOperations,
};
