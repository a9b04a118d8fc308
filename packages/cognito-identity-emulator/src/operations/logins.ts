/** Verifies a `Logins` map against a pool and maps verified logins to identities (link, merge, refuse). */
import type { JWTPayload } from 'jose';
import { developerUserAlreadyRegistered, notAuthorized, resourceConflict } from '../errors.js';
import type { IdentityRecord, PoolRecord } from '../store.js';
import { COGNITO_PROVIDER_NAME } from '../tokenIssuer.js';
import type { VerifiedToken } from '../tokenVerifier.js';
import type { OperationContext } from './context.js';

export interface VerifiedLogin {
  readonly providerName: string;
  readonly subject: string;
  /** Set for OpenID tokens of this emulator: they prove the identity itself rather than a linked login. */
  readonly identityId?: string;
  /** A developer user identifier (signed developer calls only). */
  readonly developer?: boolean;
  /** Claims of the verified token (role mapping rules read them). */
  readonly claims?: JWTPayload;
}

/** Provider name under which an OIDC provider ARN is used in `Logins` (the part after `oidc-provider/`). */
export function oidcProviderNameOfArn(arn: string): string {
  const marker = ':oidc-provider/';
  const at = arn.indexOf(marker);
  return at < 0 ? arn : arn.slice(at + marker.length);
}

/**
 * Audiences a test-IdP token for `providerName` may carry: the app id of `SupportedLoginProviders`
 * (for Twitter-style `key;secret` values, the key alone too) or the user pool client id; `undefined` when
 * any audience is accepted (SAML and OIDC ARNs); `null` when the pool does not trust the provider.
 */
function testIdpAudiences(pool: PoolRecord, providerName: string): string[] | undefined | null {
  const userPool = pool.cognitoIdentityProviders.find((p) => p.providerName === providerName);
  if (userPool) return userPool.clientId === undefined ? undefined : [userPool.clientId];
  if (Object.prototype.hasOwnProperty.call(pool.supportedLoginProviders, providerName)) {
    const appId = pool.supportedLoginProviders[providerName]!;
    return appId.includes(';') ? [appId, appId.split(';')[0]!] : [appId];
  }
  const trusted =
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
    const { subject, claims } = await ctx.verifier.verifyOpenIdToken(pool.identityPoolId, token);
    const identity = ctx.store.resolve(subject);
    if (identity?.identityPoolId !== pool.identityPoolId) throw notAuthorized();
    return { providerName, subject: identity.identityId, identityId: identity.identityId, claims };
  }
  if (allowDeveloperLogin && providerName === pool.developerProviderName) {
    return { providerName, subject: token, developer: true }; // trusted because the call is signed
  }
  const oidc = pool.openIdConnectProviders.find((p) => p.providerName === providerName);
  let verified: VerifiedToken;
  if (oidc) {
    verified = await ctx.verifier.verifyOidcToken(oidc, token);
  } else {
    const audiences = testIdpAudiences(pool, providerName);
    if (audiences === null) {
      throw notAuthorized('Invalid login token. Provider is not configured for this pool.');
    }
    verified = await ctx.verifier.verifyTestIdpToken(providerName, token, audiences);
  }
  return { providerName, subject: verified.subject, claims: verified.claims };
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

function ownerOf(ctx: OperationContext, pool: PoolRecord, login: VerifiedLogin): IdentityRecord | undefined {
  if (login.identityId !== undefined) return ctx.store.resolve(login.identityId);
  const id = ctx.store.ownerOf(pool.identityPoolId, login.providerName, login.subject);
  return id === undefined ? undefined : ctx.store.identity(id);
}

const isAuthenticated = (identity: IdentityRecord): boolean =>
  Object.keys(identity.logins).length > 0 || identity.developerUserIds.length > 0;

function requireUnauthenticatedAllowed(pool: PoolRecord): void {
  if (!pool.allowUnauthenticatedIdentities) {
    throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
  }
}

/**
 * Links the unowned logins to `target` after merging `others` into it. Checked before anything changes:
 * an identity holds one user per public provider, so a second user of a provider (from a login or a
 * merge) is a ResourceConflictException and nothing is modified.
 */
function linkAndMerge(
  ctx: OperationContext,
  pool: PoolRecord,
  target: IdentityRecord,
  others: IdentityRecord[],
  logins: VerifiedLogin[],
): IdentityRecord {
  const users = new Map(Object.entries(target.logins));
  const claim = (provider: string, subject: string): void => {
    const existing = users.get(provider);
    if (existing !== undefined && existing !== subject) {
      throw resourceConflict(`The identity already has a different login for ${provider}.`);
    }
    users.set(provider, subject);
  };
  for (const other of others) for (const [p, s] of Object.entries(other.logins)) claim(p, s);
  const unowned = logins.filter((l) => l.identityId === undefined && !ownerOf(ctx, pool, l));
  for (const login of unowned) if (!login.developer) claim(login.providerName, login.subject);
  for (const other of others) ctx.store.merge(target, other, pool.developerProviderName);
  for (const login of unowned) {
    if (login.developer) ctx.store.linkDeveloper(target, login.providerName, login.subject);
    else ctx.store.link(target, login.providerName, login.subject);
  }
  return target;
}

/** The distinct identities owning some of the logins, oldest first. */
function ownersOf(ctx: OperationContext, pool: PoolRecord, logins: VerifiedLogin[]): IdentityRecord[] {
  const owners = new Map<string, IdentityRecord>();
  for (const login of logins) {
    const owner = ownerOf(ctx, pool, login);
    if (owner) owners.set(owner.identityId, owner);
  }
  return [...owners.values()].sort((a, b) => a.creationDate - b.creationDate);
}

/**
 * GetId and developer flows without an identity id: the identity of the logins, or a new one. Logins
 * owned by several identities merge them; the oldest survives and its id is answered.
 */
export function identityForLogins(
  ctx: OperationContext,
  pool: PoolRecord,
  logins: VerifiedLogin[],
): IdentityRecord {
  if (logins.length === 0) {
    requireUnauthenticatedAllowed(pool);
    return ctx.store.createIdentity(pool.identityPoolId);
  }
  const [survivor, ...others] = ownersOf(ctx, pool, logins);
  if (!survivor) return linkAndMerge(ctx, pool, ctx.store.createIdentity(pool.identityPoolId), [], logins);
  return linkAndMerge(ctx, pool, survivor, others, logins);
}

export type AuthorizeMode =
  /** Public calls: an authenticated identity must be proven by a login it already has; others link or merge. */
  | 'client'
  /** Signed developer calls: unowned logins link to the identity. */
  | 'developer'
  /** UnlinkIdentity: proof only, nothing links. */
  | 'proofOnly';

const mismatch = (): Error => notAuthorized("Logins don't match the identity.");

/**
 * Checks that `logins` give access to `identity` (GetCredentialsForIdentity, GetOpenIdToken, ...) and
 * returns the identity to answer: `identity` itself, or the identity it was merged with.
 */
export function authorizeIdentity(
  ctx: OperationContext,
  pool: PoolRecord,
  identity: IdentityRecord,
  logins: VerifiedLogin[],
  mode: AuthorizeMode,
): IdentityRecord {
  if (identity.disabled) throw notAuthorized('The identity is disabled: its last login was unlinked.');
  const authenticated = isAuthenticated(identity);
  if (logins.length === 0) {
    if (authenticated) throw mismatch();
    requireUnauthenticatedAllowed(pool);
    return identity;
  }
  const owners = ownersOf(ctx, pool, logins);
  const others = owners.filter((o) => o.identityId !== identity.identityId);
  const proven = others.length < owners.length;
  if (mode === 'proofOnly') {
    if (!proven || others.length > 0) throw mismatch();
    return identity;
  }
  if (mode === 'developer') {
    for (const login of logins) {
      const owner = ownerOf(ctx, pool, login);
      if (owner && owner.identityId !== identity.identityId) {
        throw login.developer
          ? developerUserAlreadyRegistered()
          : resourceConflict('A login is already linked to a different identity.');
      }
    }
    return linkAndMerge(ctx, pool, identity, [], logins);
  }
  if (authenticated && !proven) throw mismatch();
  if (!authenticated && others.length > 0) {
    // A guest presenting logins of an existing identity is merged into it.
    const [survivor, ...rest] = others;
    return linkAndMerge(ctx, pool, survivor!, [...rest, identity], logins);
  }
  const all = [identity, ...others].sort((a, b) => a.creationDate - b.creationDate);
  const [survivor, ...rest] = all;
  return linkAndMerge(ctx, pool, survivor!, rest, logins);
}

/** `provider:app:user` entries of the `amr` claim, as in the service's OpenID tokens. */
export function amrOf(pool: PoolRecord, identity: IdentityRecord): string[] {
  const providers = Object.entries(identity.logins);
  if (providers.length === 0 && identity.developerUserIds.length === 0) return ['unauthenticated'];
  const amr = ['authenticated'];
  for (const [provider, subject] of providers) {
    const app =
      pool.supportedLoginProviders[provider] ??
      pool.cognitoIdentityProviders.find((p) => p.providerName === provider)?.clientId ??
      pool.identityPoolId;
    amr.push(provider, `${provider}:${app}:${subject}`);
  }
  const developer = pool.developerProviderName;
  if (developer !== undefined && identity.developerUserIds.length > 0) {
    amr.push(developer, ...identity.developerUserIds.map((u) => `${developer}:${pool.identityPoolId}:${u}`));
  }
  return amr;
}
