/** Control-plane operations (SigV4-signed on AWS): create, describe, delete and list identity pools. */
import { invalidParameter } from '../errors.js';
import {
  IDENTITY_POOL_ID,
  NEXT_TOKEN,
  optionalString,
  requiredInteger,
  requiredString,
  type Input,
} from '../validation.js';
import {
  decodeNextToken,
  encodeNextToken,
  requirePool,
  type OperationContext,
  type OperationSpec,
} from './context.js';
import { poolFromWire, poolToWire } from './poolShape.js';

function createIdentityPool(input: Input, ctx: OperationContext): object {
  return poolToWire(ctx.store.addPool(poolFromWire(input)));
}

function describeIdentityPool(input: Input, ctx: OperationContext): object {
  return poolToWire(requirePool(ctx, requiredString(input, 'IdentityPoolId', IDENTITY_POOL_ID)));
}

function deleteIdentityPool(input: Input, ctx: OperationContext): object {
  const pool = requirePool(ctx, requiredString(input, 'IdentityPoolId', IDENTITY_POOL_ID));
  ctx.store.deletePool(pool.identityPoolId);
  return {};
}

function listIdentityPools(input: Input, ctx: OperationContext): object {
  const maxResults = requiredInteger(input, 'MaxResults', 1, 60);
  const offset = decodeNextToken(optionalString(input, 'NextToken', NEXT_TOKEN));
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
  DescribeIdentityPool: { handler: describeIdentityPool, signed: true },
  DeleteIdentityPool: { handler: deleteIdentityPool, signed: true },
  ListIdentityPools: { handler: listIdentityPools, signed: true },
};
