/** Data-plane operations that need IAM (SigV4) credentials: developer tokens and identity queries. */
import { invalidParameter, notAuthorized, resourceNotFound } from '../errors.js';
import type { IdentityRecord } from '../store.js';
import {
  IDENTITY_ID,
  IDENTITY_POOL_ID,
  NEXT_TOKEN,
  optionalBoolean,
  optionalInteger,
  optionalStringMap,
  optionalString,
  requiredInteger,
  requiredLogins,
  requiredString,
  type Input,
} from '../validation.js';
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
import { authorizeIdentity, identityForLogins, verifyLogins } from './logins.js';

/** Default lifetime of a developer OpenID token (Amazon Cognito uses 15 minutes). */
const DEVELOPER_TOKEN_SECONDS = 900;

async function getOpenIdTokenForDeveloperIdentity(input: Input, ctx: OperationContext): Promise<object> {
  const pool = requirePool(ctx, requiredString(input, 'IdentityPoolId', IDENTITY_POOL_ID));
  const identityId = optionalString(input, 'IdentityId', IDENTITY_ID);
  const logins = requiredLogins(input);
  optionalStringMap(input, 'PrincipalTags', { min: 1, max: 128 }, { min: 1, max: 256 }, 50);
  const lifetime = optionalInteger(input, 'TokenDuration', 1, 86400) ?? DEVELOPER_TOKEN_SECONDS;
  if (Object.keys(logins).length === 0) throw invalidParameter('Logins must have at least one entry.');
  if (pool.developerProviderName === undefined) {
    throw notAuthorized('The identity pool has no developer provider.');
  }
  const verified = await verifyLogins(ctx, pool, logins, true);
  let identity: IdentityRecord;
  if (identityId === undefined) {
    identity = identityForLogins(ctx, pool, verified);
  } else {
    identity = requireIdentity(ctx, identityId);
    if (identity.identityPoolId !== pool.identityPoolId) {
      throw resourceNotFound(`Identity '${identityId}' not found in this identity pool.`);
    }
    authorizeIdentity(ctx, pool, identity, verified, 'developer');
  }
  return { IdentityId: identity.identityId, Token: await signOpenIdToken(ctx, identity, lifetime) };
}

function describe(identity: IdentityRecord): object {
  return {
    IdentityId: identity.identityId,
    Logins: Object.keys(identity.logins),
    CreationDate: epochSeconds(identity.creationDate),
    LastModifiedDate: epochSeconds(identity.lastModifiedDate),
  };
}

function describeIdentity(input: Input, ctx: OperationContext): object {
  return describe(requireIdentity(ctx, requiredString(input, 'IdentityId', IDENTITY_ID)));
}

function listIdentities(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, requiredString(input, 'IdentityPoolId', IDENTITY_POOL_ID));
  const maxResults = requiredInteger(input, 'MaxResults', 1, 60);
  optionalBoolean(input, 'HideDisabled'); // identities are never disabled here
  const offset = decodeNextToken(optionalString(input, 'NextToken', NEXT_TOKEN));
  if (offset === undefined) throw invalidParameter('NextToken is not valid.');
  const all = ctx.store.listIdentities(pool.identityPoolId);
  const page = all.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    IdentityPoolId: pool.identityPoolId,
    Identities: page.map(describe),
    ...(next < all.length ? { NextToken: encodeNextToken(next) } : {}),
  };
}

export const signedDataPlaneOperations: Record<string, OperationSpec> = {
  GetOpenIdTokenForDeveloperIdentity: { handler: getOpenIdTokenForDeveloperIdentity, signed: true },
  DescribeIdentity: { handler: describeIdentity, signed: true },
  ListIdentities: { handler: listIdentities, signed: true },
};
