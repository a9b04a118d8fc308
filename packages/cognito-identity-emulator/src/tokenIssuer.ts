/** Mints the JWTs the emulator hands out: test-IdP provider tokens and Cognito-style OpenID tokens. */
import { SignJWT, type JWTPayload } from 'jose';
import type { SigningKey } from './signingKey.js';
import type { Clock } from './types.js';

/** Claim of a test-IdP token naming the provider it was minted for. */
export const PROVIDER_CLAIM = 'provider_name';
/** Provider name under which OpenID tokens from this emulator are presented in `Logins`. */
export const COGNITO_PROVIDER_NAME = 'cognito-identity.amazonaws.com';
/** `iss` of the OpenID tokens, the same value as the service's. */
export const OPEN_ID_ISSUER = 'https://cognito-identity.amazonaws.com';

export interface TokenClaims {
  issuer: string;
  subject: string;
  audience?: string | string[];
  lifetimeSeconds: number;
  extra?: JWTPayload;
  /** OpenID tokens are RS512 under the key's `openIdKid`; test-IdP tokens RS256 under `kid`. */
  kind?: 'test-idp' | 'openid';
}

export class TokenIssuer {
  constructor(
    private readonly key: SigningKey,
    private readonly now: Clock,
  ) {}

  /**
   * `exp` in seconds. A test-IdP token with a positive lifetime is valid for at least that long (rounded
   * up to the next second, so a 1-second token is not already expired); OpenID tokens keep
   * `exp - iat` equal to their lifetime, as the service's do.
   */
  private expiry(claims: TokenClaims): number {
    const nowSeconds = this.now() / 1000;
    if (claims.kind !== 'openid' && claims.lifetimeSeconds > 0) {
      return Math.ceil(nowSeconds + claims.lifetimeSeconds);
    }
    return Math.floor(nowSeconds) + claims.lifetimeSeconds;
  }

  async sign(claims: TokenClaims): Promise<string> {
    const issuedAt = Math.floor(this.now() / 1000);
    const jwt = new SignJWT({ ...claims.extra })
      .setProtectedHeader(
        claims.kind === 'openid'
          ? { alg: 'RS512', kid: this.key.openIdKid, typ: 'JWT' }
          : { alg: 'RS256', kid: this.key.kid, typ: 'JWT' },
      )
      .setIssuer(claims.issuer)
      .setSubject(claims.subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(this.expiry(claims));
    if (claims.audience !== undefined) jwt.setAudience(claims.audience);
    return jwt.sign(this.key.privateKey);
  }
}
