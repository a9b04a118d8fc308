import type { AuthException } from '../errors/AuthException.js';

/** The signed-in user. */
export interface AuthUser {
  readonly username: string;
  readonly userId: string;
}

/** The base shape every auth plugin's session extends. */
export interface AuthSession {
  readonly isSignedIn: boolean;
}

export interface FetchAuthSessionOptions {
  /** Refresh tokens and credentials even if the cached ones are still valid. */
  readonly forceRefresh?: boolean;
}

export type AuthFlowType = 'USER_PASSWORD_AUTH';

export interface AuthSignInOptions {
  readonly authFlowType?: AuthFlowType;
  /** Passed to Lambda triggers as client metadata. */
  readonly clientMetadata?: Readonly<Record<string, string>>;
}

export type AuthSignInStep = 'DONE' | 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED';

export interface AuthNextSignInStep {
  readonly signInStep: AuthSignInStep;
  /** User attributes the service wants set with the new password. */
  readonly missingAttributes?: readonly string[];
}

export interface AuthSignInResult {
  readonly isSignedIn: boolean;
  readonly nextStep: AuthNextSignInStep;
}

export interface AuthSignOutOptions {
  /** Also revoke the session's tokens at the service. */
  readonly globalSignOut?: boolean;
}

export interface AuthSignOutResult {
  /** The local session is gone (always true once signOut resolves). */
  readonly signedOutLocally: boolean;
  /** Set when a global sign-out was asked for. */
  readonly globalSignOut?: { readonly completed: boolean; readonly error?: AuthException };
}

/** The behaviour the Auth category delegates to its configured plugin. */
export interface AuthCategoryBehavior {
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession>;
  signIn(username: string, password: string, options?: AuthSignInOptions): Promise<AuthSignInResult>;
  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult>;
  getCurrentUser(): Promise<AuthUser>;
}
