/** Verifies a `Logins` map against a pool and maps verified logins to identities. */
import { notAuthorized, resourceConflict } from '../errors.js';
import type { IdentityRecord, PoolRecord } from '../store.js';
import { COGNITO_PROVIDER_NAME } from '../tokenIssuer.js';
import type { VerifiedToken } from '../tokenVerifier.js';
import type { OperationContext } from './context.js';

export interface VerifiedLogin {
  readonly providerName: string;
  readonly subject: string;
  /** Set for OpenID tokens of this emulator: they prove the identity itself rather than a linked login. */
  readonly identityId?: string;
}

/** Provider name under which an OIDC provider ARN is used in `Logins` (the part after `oidc-provider/`). */
export function oidcProviderNameOfArn(arn: string): string {
  const marker = ':oidc-provider/';
  const at = arn.indexOf(marker);
  return at < 0 ? arn : arn.slice(at + marker.length);
}

/** Audience required from a test-IdP token for `providerName`, or `null` when the pool does not trust it. */
function testIdpAudience(pool: PoolRecord, providerName: string): string | undefined | null {
  const userPool = pool.cognitoIdentityProviders.find((p) => p.providerName === providerName);
  if (userPool) return userPool.clientId;
  const trusted =
    Object.prototype.hasOwnProperty.call(pool.supportedLoginProviders, providerName) ||
    pool.samlProviderARNs.includes(providerName) ||
    pool.openIdConnectProviderARNs.some(
      (arn) => arn === providerName || oidcProviderNameOfArn(arn) === providerName,
    );
  return trusted ? undefined : null;
}

async function verifyOne(
  ctx: OperationContext,
  pool: PoolRecord,
  providerName: string,
  token: string,
  allowDeveloperLogin: boolean,
): Promise<VerifiedLogin> {
  if (providerName === COGNITO_PROVIDER_NAME) {
    const { subject } = await ctx.verifier.verifyOpenIdToken(pool.identityPoolId, token);
    if (ctx.store.identity(subject)?.identityPoolId !== pool.identityPoolId) throw notAuthorized();
    return { providerName, subject, identityId: subject };
  }
  if (allowDeveloperLogin && providerName === pool.developerProviderName) {
    return { providerName, subject: token }; // a developer user identifier, trusted because the call is signed
  }
  const oidc = pool.openIdConnectProviders.find((p) => p.providerName === providerName);
  let verified: VerifiedToken;
  if (oidc) {
    verified = await ctx.verifier.verifyOidcToken(oidc, token);
  } else {
    const audience = testIdpAudience(pool, providerName);
    if (audience === null)
      throw notAuthorized('Invalid login token. Provider is not configured for this pool.');
    verified = await ctx.verifier.verifyTestIdpToken(providerName, token, audience);
  }
  return { providerName, subject: verified.subject };
}

export function verifyLogins(
  ctx: OperationContext,
  pool: PoolRecord,
  logins: Record<string, string> | undefined,
  allowDeveloperLogin = false,
): Promise<VerifiedLogin[]> {
  const entries = Object.entries(logins ?? {});
  return Promise.all(entries.map(([name, token]) => verifyOne(ctx, pool, name, token, allowDeveloperLogin)));
}

function ownerOf(ctx: OperationContext, pool: PoolRecord, login: VerifiedLogin): string | undefined {
  return login.identityId ?? ctx.store.ownerOf(pool.identityPoolId, login.providerName, login.subject);
}

/** The one identity the logins already belong to; ResourceConflictException when they disagree. */
function commonOwner(ctx: OperationContext, pool: PoolRecord, logins: VerifiedLogin[]): string | undefined {
  const owners = new Set(logins.map((l) => ownerOf(ctx, pool, l)).filter((o) => o !== undefined));
  if (owners.size > 1) throw resourceConflict('The logins are linked to different identities.');
  return owners.values().next().value;
}

function linkAll(ctx: OperationContext, identity: IdentityRecord, logins: VerifiedLogin[]): void {
  for (const login of logins) {
    if (login.identityId === undefined) ctx.store.link(identity, login.providerName, login.subject);
  }
}

function requireUnauthenticatedAllowed(pool: PoolRecord): void {
  if (!pool.allowUnauthenticatedIdentities) {
    throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
  }
}

/** GetId and developer flows without an identity id: find the identity of the logins, or create one. */
export function identityForLogins(
  ctx: OperationContext,
  pool: PoolRecord,
  logins: VerifiedLogin[],
): IdentityRecord {
  if (logins.length === 0) {
    requireUnauthenticatedAllowed(pool);
    return ctx.store.createIdentity(pool.identityPoolId);
  }
  const owner = commonOwner(ctx, pool, logins);
  const identity = (owner && ctx.store.identity(owner)) || ctx.store.createIdentity(pool.identityPoolId);
  linkAll(ctx, identity, logins);
  return identity;
}

export type AuthorizeMode =
  /** Public calls: an authenticated identity must be proven by a login it already has; others link. */
  | 'client'
  /** Signed developer calls: unowned logins link to the identity. */
  | 'developer'
  /** UnlinkIdentity: proof only, nothing links. */
  | 'proofOnly';

/** Checks that `logins` give access to `identity` (GetCredentialsForIdentity, GetOpenIdToken, ...). */
export function authorizeIdentity(
  ctx: OperationContext,
  pool: PoolRecord,
  identity: IdentityRecord,
  logins: VerifiedLogin[],
  mode: AuthorizeMode,
): void {
  const foreign = mode === 'developer' ? resourceConflict : notAuthorized;
  let owner: string | undefined;
  try {
    owner = commonOwner(ctx, pool, logins);
  } catch (error) {
    if (mode === 'developer') throw error;
    throw notAuthorized("Logins don't match the identity.");
  }
  if (owner !== undefined && owner !== identity.identityId) {
    throw foreign('A login is already linked to a different identity.');
  }
  const authenticated = Object.keys(identity.logins).length > 0;
  if (logins.length === 0) {
    if (authenticated) throw notAuthorized("Logins don't match the identity.");
    requireUnauthenticatedAllowed(pool);
    return;
  }
  if (mode !== 'developer' && (authenticated || mode === 'proofOnly') && owner === undefined) {
    throw notAuthorized("Logins don't match the identity.");
  }
  if (mode !== 'proofOnly') linkAll(ctx, identity, logins);
}
