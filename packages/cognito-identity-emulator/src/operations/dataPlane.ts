/** Public (unsigned) data-plane operations: identities, credentials and OpenID tokens for app clients. */
import { newCredentials } from '../credentials.js';
import type { IdentityRecord, PoolRecord } from '../store.js';
import {
  IDENTITY_ID,
  IDENTITY_POOL_ID,
  PROVIDER_NAME,
  optionalLogins,
  optionalString,
  requiredLogins,
  requiredString,
  requiredStringList,
  type Input,
} from '../validation.js';
import { requireIdentity, requirePool, type OperationContext, type OperationSpec } from './context.js';
import { authorizeIdentity, identityForLogins, verifyLogins } from './logins.js';

/** Lifetime of the token answered by GetOpenIdToken (Amazon Cognito uses ten minutes). */
const OPEN_ID_TOKEN_SECONDS = 600;

/** Signs the OpenID token of an identity: `sub` is the identity id, `aud` the pool id. */
export function signOpenIdToken(
  ctx: OperationContext,
  identity: IdentityRecord,
  lifetimeSeconds: number,
): Promise<string> {
  const providers = Object.keys(identity.logins);
  return ctx.issuer.sign({
    issuer: ctx.openIdIssuer(),
    subject: identity.identityId,
    audience: identity.identityPoolId,
    lifetimeSeconds,
    extra: { amr: providers.length > 0 ? ['authenticated', ...providers] : ['unauthenticated'] },
  });
}

/** The identity and its pool, authorized by the request's `Logins`. */
async function authorizedIdentity(
  input: Input,
  ctx: OperationContext,
): Promise<{ identity: IdentityRecord; pool: PoolRecord }> {
  const identity = requireIdentity(ctx, requiredString(input, 'IdentityId', IDENTITY_ID));
  const logins = optionalLogins(input);
  const pool = requirePool(ctx, identity.identityPoolId);
  const verified = await verifyLogins(ctx, pool, logins);
  authorizeIdentity(ctx, pool, identity, verified, 'client');
  return { identity, pool };
}

async function getId(input: Input, ctx: OperationContext): Promise<object> {
  optionalString(input, 'AccountId', { min: 1, max: 15, pattern: /^\d+$/ });
  const pool = requirePool(ctx, requiredString(input, 'IdentityPoolId', IDENTITY_POOL_ID));
  const verified = await verifyLogins(ctx, pool, optionalLogins(input));
  return { IdentityId: identityForLogins(ctx, pool, verified).identityId };
}

async function getCredentialsForIdentity(input: Input, ctx: OperationContext): Promise<object> {
  optionalString(input, 'CustomRoleArn', { min: 20, max: 2048 });
  const { identity } = await authorizedIdentity(input, ctx);
  return {
    IdentityId: identity.identityId,
    Credentials: newCredentials(ctx.now(), ctx.credentialsLifetimeSeconds),
  };
}

async function getOpenIdToken(input: Input, ctx: OperationContext): Promise<object> {
  const { identity } = await authorizedIdentity(input, ctx);
  return {
    IdentityId: identity.identityId,
    Token: await signOpenIdToken(ctx, identity, OPEN_ID_TOKEN_SECONDS),
  };
}

async function unlinkIdentity(input: Input, ctx: OperationContext): Promise<object> {
  const identity = requireIdentity(ctx, requiredString(input, 'IdentityId', IDENTITY_ID));
  const logins = requiredLogins(input);
  const toRemove = requiredStringList(input, 'LoginsToRemove', PROVIDER_NAME);
  const pool = requirePool(ctx, identity.identityPoolId);
  const verified = await verifyLogins(ctx, pool, logins);
  authorizeIdentity(ctx, pool, identity, verified, 'proofOnly');
  for (const providerName of toRemove) ctx.store.unlink(identity, providerName);
  return {};
}

export const dataPlaneOperations: Record<string, OperationSpec> = {
  GetId: { handler: getId, signed: false },
  GetCredentialsForIdentity: { handler: getCredentialsForIdentity, signed: false },
  GetOpenIdToken: { handler: getOpenIdToken, signed: false },
  UnlinkIdentity: { handler: unlinkIdentity, signed: false },
};
