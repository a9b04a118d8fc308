/** Public (unsigned) data-plane operations: identities, credentials and OpenID tokens for app clients. */
import { newCredentials } from '../credentials.js';
import type { IdentityRecord, PoolRecord } from '../store.js';
import { OPEN_ID_ISSUER } from '../tokenIssuer.js';
import { optList, optMap, optStr, str, type Input } from '../validation.js';
import {
  ASSUMED_ROLE,
  requireIdentity,
  requirePool,
  type OperationContext,
  type OperationSpec,
} from './context.js';
import { amrOf, authorizeIdentity, identityForLogins, verifyLogins, type VerifiedLogin } from './logins.js';
import { chooseRole } from './roles.js';

/** Lifetime of the token answered by GetOpenIdToken (Amazon Cognito uses ten minutes). */
const OPEN_ID_TOKEN_SECONDS = 600;

/** Signs the OpenID token of an identity like the service: RS512, `sub` identity id, `aud` pool id, `amr`. */
export function signOpenIdToken(
  ctx: OperationContext,
  pool: PoolRecord,
  identity: IdentityRecord,
  lifetimeSeconds: number,
  principalTags?: Record<string, string>,
): Promise<string> {
  const tags =
    principalTags && Object.keys(principalTags).length > 0
      ? {
          'https://aws.amazon.com/tags': {
            principal_tags: Object.fromEntries(Object.entries(principalTags).map(([k, v]) => [k, [v]])),
          },
        }
      : {};
  return ctx.issuer.sign({
    kind: 'openid',
    issuer: OPEN_ID_ISSUER,
    subject: identity.identityId,
    audience: identity.identityPoolId,
    lifetimeSeconds,
    extra: { amr: amrOf(pool, identity), ...tags },
  });
}

interface Authorized {
  identity: IdentityRecord;
  pool: PoolRecord;
  logins: VerifiedLogin[];
}

/** The identity (or the one it merged into) and its pool, authorized by the request's `Logins`. */
async function authorizedIdentity(input: Input, ctx: OperationContext): Promise<Authorized> {
  const requested = requireIdentity(ctx, str(input, 'IdentityId'));
  const pool = requirePool(ctx, requested.identityPoolId);
  const logins = await verifyLogins(ctx, pool, optMap(input, 'Logins'));
  // Verification awaited: the identity may have been merged meanwhile.
  const current = requireIdentity(ctx, requested.identityId);
  const identity = authorizeIdentity(ctx, pool, current, logins, 'client');
  return { identity, pool, logins };
}

async function getId(input: Input, ctx: OperationContext): Promise<object> {
  const pool = requirePool(ctx, str(input, 'IdentityPoolId'));
  const verified = await verifyLogins(ctx, pool, optMap(input, 'Logins'));
  return { IdentityId: identityForLogins(ctx, pool, verified).identityId };
}

async function getCredentialsForIdentity(input: Input, ctx: OperationContext): Promise<object> {
  const { identity, pool, logins } = await authorizedIdentity(input, ctx);
  const role = chooseRole(pool, identity, logins, optStr(input, 'CustomRoleArn'));
  return {
    IdentityId: identity.identityId,
    Credentials: newCredentials(ctx.now(), ctx.credentialsLifetimeSeconds),
    [ASSUMED_ROLE]: role,
  };
}

async function getOpenIdToken(input: Input, ctx: OperationContext): Promise<object> {
  const { identity, pool } = await authorizedIdentity(input, ctx);
  return {
    IdentityId: identity.identityId,
    Token: await signOpenIdToken(ctx, pool, identity, OPEN_ID_TOKEN_SECONDS),
  };
}

async function unlinkIdentity(input: Input, ctx: OperationContext): Promise<object> {
  const identity = requireIdentity(ctx, str(input, 'IdentityId'));
  const pool = requirePool(ctx, identity.identityPoolId);
  const verified = await verifyLogins(ctx, pool, optMap(input, 'Logins'));
  authorizeIdentity(ctx, pool, identity, verified, 'proofOnly');
  for (const providerName of optList(input, 'LoginsToRemove') ?? []) ctx.store.unlink(identity, providerName);
  return {};
}

export const dataPlaneOperations: Record<string, OperationSpec> = {
  GetId: { handler: getId, signed: false },
  GetCredentialsForIdentity: { handler: getCredentialsForIdentity, signed: false },
  GetOpenIdToken: { handler: getOpenIdToken, signed: false },
  UnlinkIdentity: { handler: unlinkIdentity, signed: false },
};
