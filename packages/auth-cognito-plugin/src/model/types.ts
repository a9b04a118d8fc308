import type { AuthException, AuthSession } from '@plugboard/core';

// The plugin's data types: credentials, tokens and sessions. A leaf module: it imports types only.

/** Temporary AWS credentials for the identity's IAM role. Printing or serializing them masks the secrets. */
export interface AWSTemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** The outcome of one part of a session fetch: a value, or why there is none. */
export type AuthSessionResult<T> =
  | { readonly type: 'SUCCESS'; readonly value: T }
  | { readonly type: 'FAILURE'; readonly error: AuthException };

/** User-pool tokens (JWTs). Printing or serializing them masks the tokens. */
export interface AWSCognitoUserPoolTokens {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken: string;
}

/** User-pool tokens with the expiry of the access and id tokens (epoch ms). */
export interface UserPoolTokenSet {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
}

/** What `fetchAuthSession` returns. */
export interface AWSCognitoAuthSession extends AuthSession {
  readonly isSignedIn: boolean;
  readonly identityIdResult: AuthSessionResult<string>;
  readonly awsCredentialsResult: AuthSessionResult<AWSTemporaryCredentials>;
  readonly userSubResult: AuthSessionResult<string>;
  readonly userPoolTokensResult: AuthSessionResult<AWSCognitoUserPoolTokens>;
}

/** What a successful `federateToIdentityPool` returns. */
export interface FederateToIdentityPoolResult {
  readonly identityId: string;
  readonly credentials: AWSTemporaryCredentials;
}
