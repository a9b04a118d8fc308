/** Verifies login tokens for real: signature (JWKS), `exp`, `iss`, `aud` and the provider claim. */
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { CognitoServiceError, notAuthorized } from './errors.js';
import type { SigningKey } from './signingKey.js';
import { OPEN_ID_ISSUER, PROVIDER_CLAIM } from './tokenIssuer.js';
import type { Clock, OpenIdConnectProviderConfig } from './types.js';
import { VerificationCache } from './verificationCache.js';

export interface TrustedIssuers {
  /** `iss` values of test-IdP tokens this emulator minted (current and earlier endpoints). */
  testIdp(): readonly string[];
}

/** The emulator's own key, found only under the expected `kid` and algorithm: any other `kid` is refused. */
function ownKey(key: KeyLike, kid: string, alg: string): JWTVerifyGetKey {
  return (header) => {
    if (header.kid !== kid || header.alg !== alg) throw new errors.JWKSNoMatchingKey();
    return key;
  };
}

export interface VerifiedToken {
  readonly subject: string;
  readonly claims: JWTPayload;
}

const externalError = (): CognitoServiceError =>
  new CognitoServiceError('ExternalServiceException', 'The identity provider could not be reached.');

function audiencesOf(claims: JWTPayload): string[] {
  const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return typeof claims['client_id'] === 'string' ? [...aud, claims['client_id']] : aud;
}

export class TokenVerifier {
  private readonly cache: VerificationCache;
  private readonly remoteKeySets = new Map<string, JWTVerifyGetKey>();

  private readonly testIdpKey: JWTVerifyGetKey;
  private readonly openIdKey: JWTVerifyGetKey;

  constructor(
    key: SigningKey,
    private readonly issuers: TrustedIssuers,
    private readonly now: Clock,
  ) {
    this.cache = new VerificationCache(now);
    this.testIdpKey = ownKey(key.publicKey, key.kid, 'RS256');
    this.openIdKey = ownKey(key.publicKey, key.openIdKid, 'RS512');
  }

  /** A token from the built-in test IdP, minted for `providerName` and, when given, one of `audiences`. */
  async verifyTestIdpToken(
    providerName: string,
    token: string,
    audiences?: string[],
  ): Promise<VerifiedToken> {
    const verified = await this.verify('test-idp', token, this.testIdpKey, [...this.issuers.testIdp()]);
    if (verified.claims[PROVIDER_CLAIM] !== providerName)
      throw notAuthorized('Invalid login token. Wrong provider.');
    if (audiences !== undefined && !audiencesOf(verified.claims).some((a) => audiences.includes(a))) {
      throw notAuthorized('Invalid login token. The token was issued for another app id.');
    }
    return verified;
  }

  /** An OpenID token this emulator issued for an identity of `identityPoolId`. */
  async verifyOpenIdToken(identityPoolId: string, token: string): Promise<VerifiedToken> {
    const verified = await this.verify('openid', token, this.openIdKey, [OPEN_ID_ISSUER]);
    if (!audiencesOf(verified.claims).includes(identityPoolId)) {
      throw notAuthorized('Invalid login token. Audience does not match.');
    }
    return verified;
  }

  /** A token from an OpenID Connect provider configured for a pool, checked against its remote JWKS. */
  async verifyOidcToken(provider: OpenIdConnectProviderConfig, token: string): Promise<VerifiedToken> {
    let keySet = this.remoteKeySets.get(provider.jwksUri);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(provider.jwksUri), { timeoutDuration: 5000 });
      this.remoteKeySets.set(provider.jwksUri, keySet);
    }
    const scope = `oidc\0${provider.issuer}\0${provider.jwksUri}`;
    const verified = await this.verify(scope, token, keySet, [provider.issuer]);
    const audiences = provider.audiences;
    if (
      audiences &&
      audiences.length > 0 &&
      !audiencesOf(verified.claims).some((a) => audiences.includes(a))
    ) {
      throw notAuthorized('Invalid login token. Audience does not match.');
    }
    return verified;
  }

  clearCache(): void {
    this.cache.clear();
  }

  private async verify(
    scope: string,
    token: string,
    key: JWTVerifyGetKey,
    issuers: string[],
  ): Promise<VerifiedToken> {
    const cacheKey = VerificationCache.keyOf(scope, token);
    const cached = this.cache.get(cacheKey);
    if (cached === 'expired') throw notAuthorized('Invalid login token. Token expired.');
    let claims = cached;
    if (!claims) {
      claims = await this.verifySignature(token, key, issuers);
      this.cache.set(cacheKey, claims);
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') {
      throw notAuthorized('Invalid login token. Missing subject.');
    }
    return { subject: claims.sub, claims };
  }

  private async verifySignature(token: string, key: JWTVerifyGetKey, issuers: string[]): Promise<JWTPayload> {
    const options = { issuer: issuers, currentDate: new Date(this.now()), requiredClaims: ['exp'] };
    try {
      return (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw this.mapError(error);
    }
  }

  private mapError(error: unknown): CognitoServiceError {
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return externalError();
    if (error instanceof errors.JWTExpired) return notAuthorized('Invalid login token. Token expired.');
    if (error instanceof errors.JWTClaimValidationFailed) {
      return notAuthorized(`Invalid login token. Invalid "${error.claim}" claim.`);
    }
    if (error instanceof errors.JOSEError) return notAuthorized('Invalid login token.');
    return externalError();
  }
}
