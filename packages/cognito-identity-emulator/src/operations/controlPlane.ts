/** Control-plane operations (SigV4-signed on AWS): create, update, describe, delete and list identity pools. */
import { invalidParameter } from '../errors.js';
import { optInt, optStr, str, type Input } from '../validation.js';
import {
  decodeNextToken,
  encodeNextToken,
  requirePool,
  type OperationContext,
  type OperationSpec,
} from './context.js';
import { poolSettingsOperations } from './poolSettings.js';
import { poolFromWire, poolToWire, updatedPool } from './poolShape.js';

function createIdentityPool(input: Input, ctx: OperationContext): object {
  return poolToWire(ctx.store.addPool(poolFromWire(input)));
}

function updateIdentityPool(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  Object.assign(pool, updatedPool(pool, input));
  ctx.store.changed();
  return poolToWire(pool);
}

function describeIdentityPool(input: Input, ctx: OperationContext): object {
  return poolToWire(requirePool(ctx, str(input, 'IdentityPoolId')));
}

function deleteIdentityPool(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  ctx.store.deletePool(pool.identityPoolId);
  return {};
}

function listIdentityPools(input: Input, ctx: OperationContext): object {
  const maxResults = optInt(input, 'MaxResults')!;
  const offset = decodeNextToken(optStr(input, 'NextToken'));
  if (offset === undefined) throw invalidParameter('NextToken is not valid.');
  const all = ctx.store.listPools();
  const page = all.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    IdentityPools: page.map((p) => ({
      IdentityPoolId: p.identityPoolId,
      IdentityPoolName: p.identityPoolName,
    })),
    ...(next < all.length ? { NextToken: encodeNextToken(next) } : {}),
  };
}

export const controlPlaneOperations: Record<string, OperationSpec> = {
  CreateIdentityPool: { handler: createIdentityPool, signed: true },
  UpdateIdentityPool: { handler: updateIdentityPool, signed: true },
  DescribeIdentityPool: { handler: describeIdentityPool, signed: true },
  DeleteIdentityPool: { handler: deleteIdentityPool, signed: true },
  ListIdentityPools: { handler: listIdentityPools, signed: true },
  ...poolSettingsOperations,
};
