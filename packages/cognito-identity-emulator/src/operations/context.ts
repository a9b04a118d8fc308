/** What every operation handler gets, and lookups shared by the handlers. */
import { resourceNotFound } from '../errors.js';
import type { IdentityRecord, PoolRecord, Store } from '../store.js';
import type { TokenIssuer } from '../tokenIssuer.js';
import type { TokenVerifier } from '../tokenVerifier.js';
import type { Clock } from '../types.js';
import type { Input } from '../validation.js';

export interface OperationContext {
  readonly store: Store;
  readonly verifier: TokenVerifier;
  readonly issuer: TokenIssuer;
  readonly now: Clock;
  readonly credentialsLifetimeSeconds: number;
}

export type OperationHandler = (input: Input, ctx: OperationContext) => Promise<object> | object;

export interface OperationSpec {
  readonly handler: OperationHandler;
  /** AWS requires a SigV4 signature (IAM credentials) for this operation. */
  readonly signed: boolean;
}

export function requirePool(ctx: OperationContext, identityPoolId: string): PoolRecord {
  const pool = ctx.store.pool(identityPoolId);
  if (!pool) throw resourceNotFound(`IdentityPool '${identityPoolId}' not found.`);
  return pool;
}

/**
 * Key of the role chosen for GetCredentialsForIdentity in a handler's result: not serialized (a symbol),
 * but recorded in `requests()`.
 */
export const ASSUMED_ROLE: unique symbol = Symbol('assumedRole');

/** An identity by id; an id merged into another identity stands for that one unless `followMerges` is false. */
export function requireIdentity(
  ctx: OperationContext,
  identityId: string,
  followMerges = true,
): IdentityRecord {
  const identity = followMerges ? ctx.store.resolve(identityId) : ctx.store.identity(identityId);
  if (!identity) throw resourceNotFound(`Identity '${identityId}' not found.`);
  return identity;
}

/** Epoch seconds, the JSON 1.1 timestamp format. */
export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

/** Opaque pagination token over a list position. */
export function encodeNextToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeNextToken(token: string | undefined): number | undefined {
  if (token === undefined) return 0;
  try {
    const value = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown }).o;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
