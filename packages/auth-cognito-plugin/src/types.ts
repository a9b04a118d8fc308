import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthException, AuthSession, KeyValueStorage } from '@plugboard/core';
import type { FederateToIdentityPoolOptions } from './FederateToIdentityPoolOptions.js';
import type { IdentityPoolService } from './cognito/IdentityPoolService.js';
import type { UserPoolService } from './cognito/UserPoolService.js';

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

/** Constructor options of the plugin. */
export interface AWSCognitoAuthPluginOptions {
  /**
   * Where sessions persist. Default: Web Storage (`localStorage`) in browsers, memory elsewhere (pass a
   * `FileKeyValueStorage` on Node, or an adapter over AsyncStorage on React Native, to survive restarts).
   */
  readonly storage?: KeyValueStorage;
  /**
   * Lets the plugin re-federate by itself when Cognito rejects the stored provider token: called with the
   * provider name, it resolves to a fresh provider token. Without it, the app must call
   * `federateToIdentityPool` again after `SESSION_EXPIRED`.
   */
  readonly federatedTokenRefresher?: (providerName: string) => Promise<string>;
  /** Refresh credentials this many seconds before they expire. Default 120. */
  readonly credentialsRefreshMarginSeconds?: number;
  /** Milliseconds since the epoch, for tests. Default `Date.now`. */
  readonly clock?: () => number;
  /** Replaces the AWS SDK identity-pool client (tests, custom transports). */
  readonly identityPoolService?: IdentityPoolService;
  /** Replaces the AWS SDK user-pool client (tests, custom transports). */
  readonly userPoolService?: UserPoolService;
}

/** The error callback of the callback-style overloads. */
export type AuthErrorCallback = (error: AuthException) => void;
/** What `federateToIdentityPool` takes as options: built options or the plain-object form. */
export type FederateToIdentityPoolOptionsInput =
  FederateToIdentityPoolOptions | { readonly developerProvidedIdentityId?: string };

/** The AWS SDK clients behind the plugin, for calls it does not wrap. Each is present once its pool's client is loaded. */
export interface EscapeHatch {
  readonly cognitoIdentityClient: CognitoIdentityClient;
  readonly cognitoIdentityProviderClient?: CognitoIdentityProviderClient;
}

/** Options of `confirmSignIn`. */
export interface ConfirmSignInOptions {
  /** Attributes the NEW_PASSWORD_REQUIRED challenge asked for (`missingAttributes`). */
  readonly userAttributes?: Readonly<Record<string, string>>;
}
