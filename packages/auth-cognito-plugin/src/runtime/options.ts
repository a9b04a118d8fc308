import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthException, KeyValueStorage } from '@plugboard/core';
import type { FederateToIdentityPoolOptions } from '../model/FederateToIdentityPoolOptions.js';

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
  /** Refresh credentials this many seconds before they expire. Default 120; capped at half the credentials' lifetime. */
  readonly credentialsRefreshMarginSeconds?: number;
  /**
   * Deadline of each HTTP attempt to Cognito (connection and whole response), in milliseconds. With the
   * SDK's retries a call takes at most 3 × this + 1 s. Default 10000.
   */
  readonly requestTimeoutMs?: number;
  /** How long the plugin waits for `federatedTokenRefresher`, in milliseconds. Default 30000. */
  readonly federatedTokenRefresherTimeoutMs?: number;
  /** Milliseconds since the epoch, for tests. Default `Date.now`. */
  readonly clock?: () => number;
}

/** The error callback of the callback-style overloads. */
export type AuthErrorCallback = (error: AuthException) => void;

/** What `federateToIdentityPool` takes as options: built options or the plain-object form. */
export type FederateToIdentityPoolOptionsInput =
  FederateToIdentityPoolOptions | { readonly developerProvidedIdentityId?: string };

/**
 * The AWS SDK clients behind the plugin, for calls it does not wrap. A client is present once loaded,
 * and only for a configured pool: `loadEscapeHatch()` loads both; the user-pool client also loads on
 * the first user-pool call. The identity-pool client loads only through `loadEscapeHatch()` (the
 * plugin's own identity-pool calls use a small built-in client until then, and that SDK client after).
 */
export interface EscapeHatch {
  /** The identity-pool client (`@aws-sdk/client-cognito-identity`), once loaded. */
  readonly cognitoIdentityClient?: CognitoIdentityClient;
  /** The user-pool client (`@aws-sdk/client-cognito-identity-provider`), once loaded. */
  readonly cognitoIdentityProviderClient?: CognitoIdentityProviderClient;
}

/** Options of `confirmSignIn`. */
export interface ConfirmSignInOptions {
  /** Attributes the NEW_PASSWORD_REQUIRED challenge asked for (`missingAttributes`). */
  readonly userAttributes?: Readonly<Record<string, string>>;
}
