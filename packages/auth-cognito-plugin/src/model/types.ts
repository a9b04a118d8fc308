import type { AuthException, AuthSession } from '@plugboard/core';

// The plugin's data types: credentials, tokens and sessions. A leaf module: it imports types only.

/** Temporary AWS credentials for the identity's IAM role. Printing or serializing them masks the secrets. */
export interface AWSTemporaryCredentials {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The secret access key (masked when printed). */
  readonly secretAccessKey: string;
  /** The session token (masked when printed). */
  readonly sessionToken: string;
  /** When the credentials expire. */
  readonly expiration: Date;
}

/** The outcome of one part of a session fetch: a value, or why there is none. */
export type AuthSessionResult<T> =
  | { readonly type: 'SUCCESS'; readonly value: T }
  | { readonly type: 'FAILURE'; readonly error: AuthException };

/** User-pool tokens (JWTs). Printing or serializing them masks the tokens. */
export interface AWSCognitoUserPoolTokens {
  /** The access token (JWT). */
  readonly accessToken: string;
  /** The id token (JWT) with the user's claims. */
  readonly idToken: string;
  /** The refresh token. */
  readonly refreshToken: string;
}

/** User-pool tokens with the expiry of the access and id tokens (epoch ms). */
export interface UserPoolTokenSet {
  /** The access token (JWT). */
  readonly accessToken: string;
  /** The id token (JWT). */
  readonly idToken: string;
  /** The refresh token. */
  readonly refreshToken: string;
  /** When the access and id tokens expire (epoch ms). */
  readonly expiresAt: number;
}

/** What `fetchAuthSession` returns. */
export interface AWSCognitoAuthSession extends AuthSession {
  /** True when a user-pool user is signed in or the identity is federated. */
  readonly isSignedIn: boolean;
  /** The identity-pool identity id, or why there is none. */
  readonly identityIdResult: AuthSessionResult<string>;
  /** Temporary AWS credentials, or why there are none. */
  readonly awsCredentialsResult: AuthSessionResult<AWSTemporaryCredentials>;
  /** The user-pool user's `sub`, or why there is none (e.g. SignedOutException). */
  readonly userSubResult: AuthSessionResult<string>;
  /** The user-pool tokens, or why there are none. */
  readonly userPoolTokensResult: AuthSessionResult<AWSCognitoUserPoolTokens>;
}

/** What a successful `federateToIdentityPool` returns. */
export interface FederateToIdentityPoolResult {
  /** The identity id the token was federated to. */
  readonly identityId: string;
  /** Temporary AWS credentials for that identity. */
  readonly credentials: AWSTemporaryCredentials;
}
