/**
 * Signed operations on developer identities and identities in bulk: LookupDeveloperIdentity,
 * MergeDeveloperIdentities, UnlinkDeveloperIdentity, DeleteIdentities (API reference pages of the same
 * names).
 */
import { invalidParameter, resourceConflict, resourceNotFound } from '../errors.js';
import type { IdentityRecord, PoolRecord } from '../store.js';
import { optInt, optList, optStr, str, type Input } from '../validation.js';
import {
  decodeNextToken,
  encodeNextToken,
  requirePool,
  type OperationContext,
  type OperationSpec,
} from './context.js';

function developerPool(ctx: OperationContext, input: Input): PoolRecord & { developerProviderName: string } {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  const developer = pool.developerProviderName;
  if (developer === undefined) throw invalidParameter('The identity pool has no developer provider.');
  const named = optStr(input, 'DeveloperProviderName');
  if (named !== undefined && named !== developer) {
    throw invalidParameter(`DeveloperProviderName does not match the identity pool's (${developer}).`);
  }
  return { ...pool, developerProviderName: developer };
}

function identityOfUser(
  ctx: OperationContext,
  pool: PoolRecord & { developerProviderName: string },
  userId: string,
): IdentityRecord {
  const id = ctx.store.ownerOf(pool.identityPoolId, pool.developerProviderName, userId);
  const identity = id === undefined ? undefined : ctx.store.identity(id);
  if (!identity) throw resourceNotFound(`Developer user '${userId}' not found.`);
  return identity;
}

function lookupDeveloperIdentity(input: Input, ctx: OperationContext): object {
  const pool = developerPool(ctx, input);
  const identityId = optStr(input, 'IdentityId');
  const userId = optStr(input, 'DeveloperUserIdentifier');
  if (identityId === undefined && userId === undefined) {
    throw invalidParameter('IdentityId or DeveloperUserIdentifier is required.');
  }
  let identity: IdentityRecord | undefined;
  if (userId !== undefined) identity = identityOfUser(ctx, pool, userId);
  if (identityId !== undefined) {
    const byId = ctx.store.identity(identityId);
    if (!byId || byId.identityPoolId !== pool.identityPoolId)
      throw resourceNotFound(`Identity '${identityId}' not found.`);
    if (identity && identity.identityId !== byId.identityId) {
      throw resourceConflict('The developer user identifier belongs to a different identity.');
    }
    identity = byId;
  }
  const maxResults = optInt(input, 'MaxResults') ?? 60;
  const offset = decodeNextToken(optStr(input, 'NextToken'));
  if (offset === undefined) throw invalidParameter('NextToken is not valid.');
  const all = identity!.developerUserIds;
  const next = offset + maxResults;
  return {
    IdentityId: identity!.identityId,
    DeveloperUserIdentifierList: all.slice(offset, next),
    ...(next < all.length ? { NextToken: encodeNextToken(next) } : {}),
  };
}

function mergeDeveloperIdentities(input: Input, ctx: OperationContext): object {
  const pool = developerPool(ctx, input);
  const source = identityOfUser(ctx, pool, str(input, 'SourceUserIdentifier'));
  const destination = identityOfUser(ctx, pool, str(input, 'DestinationUserIdentifier'));
  if (source.identityId !== destination.identityId) {
    for (const [provider, subject] of Object.entries(source.logins)) {
      const existing = destination.logins[provider];
      if (existing !== undefined && existing !== subject) {
        throw resourceConflict(`Both identities have a different login for ${provider}.`);
      }
    }
    ctx.store.merge(destination, source, pool.developerProviderName);
  }
  return { IdentityId: destination.identityId };
}

function unlinkDeveloperIdentity(input: Input, ctx: OperationContext): object {
  const pool = developerPool(ctx, input);
  const identity = ctx.store.identity(str(input, 'IdentityId'));
  if (!identity || identity.identityPoolId !== pool.identityPoolId) {
    throw resourceNotFound(`Identity '${str(input, 'IdentityId')}' not found.`);
  }
  const userId = str(input, 'DeveloperUserIdentifier');
  if (!identity.developerUserIds.includes(userId)) {
    throw resourceNotFound(`Developer user '${userId}' is not linked to this identity.`);
  }
  ctx.store.unlinkDeveloper(identity, pool.developerProviderName, userId);
  return {};
}

function deleteIdentities(input: Input, ctx: OperationContext): object {
  for (const id of optList(input, 'IdentityIdsToDelete') ?? []) {
    const identity = ctx.store.identity(id);
    if (!identity) continue; // unknown ids are not reported: the result lists only failures to delete
    ctx.store.deleteIdentity(identity, ctx.store.pool(identity.identityPoolId)?.developerProviderName);
  }
  return { UnprocessedIdentityIds: [] };
}

export const developerIdentityOperations: Record<string, OperationSpec> = {
  LookupDeveloperIdentity: { handler: lookupDeveloperIdentity, signed: true },
  MergeDeveloperIdentities: { handler: mergeDeveloperIdentities, signed: true },
  UnlinkDeveloperIdentity: { handler: unlinkDeveloperIdentity, signed: true },
  DeleteIdentities: { handler: deleteIdentities, signed: true },
};
