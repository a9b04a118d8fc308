import type { AuthException } from '../errors/AuthException.js';

/** The signed-in user. */
export interface AuthUser {
  /** The name the user signs in with (the pool's username, not an alias). */
  readonly username: string;
  /** The user's `sub`: a stable id that never changes, unlike the username. */
  readonly userId: string;
}

/** The base shape every auth plugin's session extends. */
export interface AuthSession {
  /** Whether a user-pool user is signed in (a federated or guest session is not signed in). */
  readonly isSignedIn: boolean;
}

/** Options of `fetchAuthSession`. */
export interface FetchAuthSessionOptions {
  /** Refresh tokens and credentials even if the cached ones are still valid. */
  readonly forceRefresh?: boolean;
}

/** How `signIn` proves the password: SRP (the default, the password never leaves the device), plain, or custom. */
export type AuthFlowType =
  'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH_WITH_SRP' | 'CUSTOM_AUTH_WITHOUT_SRP' | 'USER_AUTH';

/** A first factor of choice-based sign-in (`USER_AUTH`). */
export type AuthFactorType = 'WEB_AUTHN' | 'EMAIL_OTP' | 'SMS_OTP' | 'PASSWORD' | 'PASSWORD_SRP';

/** Options of `signIn`. */
export interface AuthSignInOptions {
  /** The sign-in flow; `USER_SRP_AUTH` when left out. */
  readonly authFlowType?: AuthFlowType;
  /** `USER_AUTH` only: the first factor to use; without it the user picks from the available ones. */
  readonly preferredChallenge?: AuthFactorType;
  /** Passed to Lambda triggers as client metadata. */
  readonly clientMetadata?: Readonly<Record<string, string>>;
}

/** What a sign-in needs next: `DONE`, or the challenge to answer with `confirmSignIn`. */
export type AuthSignInStep =
  | 'DONE'
  | 'CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE'
  | 'CONFIRM_SIGN_IN_WITH_TOTP_CODE'
  | 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'
  | 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'
  | 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'
  | 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'
  | 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'
  | 'CONFIRM_SIGN_IN_WITH_PASSWORD'
  | 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'
  | 'CONFIRM_SIGN_IN_WITH_SMS_CODE'
  | 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP'
  | 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'
  | 'RESET_PASSWORD'
  | 'CONFIRM_SIGN_UP';

/** Where a confirmation or MFA code was sent. */
export interface AuthCodeDeliveryDetails {
  /** Where the code went, masked as the service gives it (e.g. `a***@e***.com`). */
  readonly destination: string;
  /** How the code was sent. */
  readonly deliveryMedium: 'EMAIL' | 'SMS' | 'PHONE' | 'UNKNOWN';
  /** The user attribute the code confirms, such as `email`. */
  readonly attributeName?: string;
}

/** A second factor. */
export type MFAType = 'SMS' | 'TOTP' | 'EMAIL';

/** The shared secret of a TOTP authenticator being set up, and its `otpauth://` URI for a QR code. */
export interface TOTPSetupDetails {
  /** The base32 secret to enter in an authenticator app. */
  readonly sharedSecret: string;
  /** The `otpauth://totp/` URI of the secret for `appName` (and `accountName`, by default the username), to show as a QR code. */
  getSetupURI(appName: string, accountName?: string): string;
}

/** The next step of a sign-in, with what that step needs. */
export interface AuthNextSignInStep {
  /** The step: `DONE`, or the challenge to answer. */
  readonly signInStep: AuthSignInStep;
  /** User attributes the service wants set with the new password. */
  readonly missingAttributes?: readonly string[];
  /** Where the code went (CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE, _EMAIL_CODE, _SMS_CODE). */
  readonly codeDeliveryDetails?: AuthCodeDeliveryDetails;
  /** The first factors to choose from (CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION). */
  readonly availableChallenges?: readonly AuthFactorType[];
  /** The methods to choose from (CONTINUE_SIGN_IN_WITH_MFA_SELECTION, _MFA_SETUP_SELECTION). */
  readonly allowedMFATypes?: readonly MFAType[];
  /** The authenticator to set up (CONTINUE_SIGN_IN_WITH_TOTP_SETUP). */
  readonly totpSetupDetails?: TOTPSetupDetails;
  /** The challenge parameters of a custom challenge (CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE). */
  readonly additionalInfo?: Readonly<Record<string, string>>;
}

/** The result of `signIn`, `confirmSignIn` and `autoSignIn`. */
export interface AuthSignInResult {
  /** Whether the sign-in is complete (`nextStep.signInStep` is `DONE`). */
  readonly isSignedIn: boolean;
  /** What comes next. */
  readonly nextStep: AuthNextSignInStep;
}

/** Options of `signOut`. */
export interface AuthSignOutOptions {
  /** Also revoke the session's tokens at the service. */
  readonly globalSignOut?: boolean;
}

/** The result of `signOut`: the local sign-out always completes; the service-side parts may fail. */
export interface AuthSignOutResult {
  /** The local session is gone (always true once signOut resolves). */
  readonly signedOutLocally: boolean;
  /** Set when a global sign-out was asked for. */
  readonly globalSignOut?: { readonly completed: boolean; readonly error?: AuthException };
  /** Set when the session came from the hosted UI: whether its `/logout` completed. */
  readonly hostedUISignOut?: { readonly completed: boolean; readonly error?: AuthException };
}

/** The behaviour the Auth category delegates to its configured plugin. */
export interface AuthCategoryBehavior {
  /** The current session; cached, refreshed when needed or when `forceRefresh` asks. */
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession>;
  /** Starts a user-pool sign-in. */
  signIn(username: string, password?: string, options?: AuthSignInOptions): Promise<AuthSignInResult>;
  /** Signs out: locally, and with `globalSignOut` also at the service. */
  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult>;
  /** The signed-in user; rejects when nobody is signed in. */
  getCurrentUser(): Promise<AuthUser>;
}

/** Options of `signUp`. */
export interface AuthSignUpOptions {
  /** User attributes to create the user with, such as `{ email: 'a@example.com' }`. */
  readonly userAttributes?: Readonly<Record<string, string>>;
  /** Passed to Lambda triggers as client metadata. */
  readonly clientMetadata?: Readonly<Record<string, string>>;
  /** Keep the credentials in memory so `autoSignIn()` can sign in once the sign-up is confirmed. */
  readonly autoSignIn?: boolean;
}

/** The result of `signUp` and `confirmSignUp`. */
export interface AuthSignUpResult {
  /** Whether the user is confirmed. */
  readonly isSignUpComplete: boolean;
  /** The new user's `sub`, when the service gives it. */
  readonly userId?: string;
  /** `CONFIRM_SIGN_UP_STEP` with where the code went, or `DONE`. */
  readonly nextStep: {
    readonly signUpStep: 'CONFIRM_SIGN_UP_STEP' | 'DONE';
    readonly codeDeliveryDetails?: AuthCodeDeliveryDetails;
  };
}

/** The result of `resetPassword`. */
export interface AuthResetPasswordResult {
  /** Whether the password is reset (false while a code is awaited). */
  readonly isPasswordReset: boolean;
  /** `CONFIRM_RESET_PASSWORD_WITH_CODE` with where the code went, or `DONE`. */
  readonly nextStep: {
    readonly resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE' | 'DONE';
    readonly codeDeliveryDetails?: AuthCodeDeliveryDetails;
  };
}

/** One user attribute, e.g. `{ key: 'email', value: 'a@example.com' }`. */
export interface AuthUserAttribute {
  /** The attribute's name, such as `email` or `custom:team`. */
  readonly key: string;
  /** The attribute's value. */
  readonly value: string;
}

/** The result of updating one user attribute. */
export interface AuthUpdateAttributeResult {
  /** Whether the new value is in effect (false while the pool waits for its confirmation code). */
  readonly isUpdated: boolean;
  /** `CONFIRM_ATTRIBUTE_WITH_CODE` with where the code went, or `DONE`. */
  readonly nextStep: {
    readonly updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE' | 'DONE';
    readonly codeDeliveryDetails?: AuthCodeDeliveryDetails;
  };
}

/**
 * The user-pool behaviour the Auth category offers when its plugin has it (the Cognito plugin does).
 * Optional for plugins: the category answers a missing method with a typed error.
 */
export interface AuthUserPoolCategoryBehavior {
  /** Answers the challenge of the current sign-in step (a code, an MFA choice, a new password, a custom answer). */
  confirmSignIn(challengeResponse: string, options?: object): Promise<AuthSignInResult>;
  /** Creates a user in the user pool. */
  signUp(username: string, password: string, options?: AuthSignUpOptions): Promise<AuthSignUpResult>;
  /** Confirms a sign-up with the code the user received. */
  confirmSignUp(username: string, confirmationCode: string): Promise<AuthSignUpResult>;
  /** Sends the sign-up confirmation code again. */
  resendSignUpCode(username: string): Promise<AuthCodeDeliveryDetails>;
  /** Signs in after a confirmed sign-up that asked for `autoSignIn`. */
  autoSignIn(): Promise<AuthSignInResult>;
  /** Starts a password reset: the pool sends the user a code. */
  resetPassword(username: string): Promise<AuthResetPasswordResult>;
  /** Sets the new password with the code from `resetPassword`. */
  confirmResetPassword(username: string, newPassword: string, confirmationCode: string): Promise<void>;
  /** Changes the signed-in user's password. */
  updatePassword(oldPassword: string, newPassword: string): Promise<void>;
  /** The signed-in user's attributes. */
  fetchUserAttributes(): Promise<AuthUserAttribute[]>;
  /** Updates the signed-in user's attributes; the result says which need a confirmation code. */
  updateUserAttributes(
    attributes: readonly AuthUserAttribute[],
  ): Promise<Record<string, AuthUpdateAttributeResult>>;
}
