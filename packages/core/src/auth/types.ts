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

/** How `signIn` proves the password: SRP (the default, the password never leaves the device), plain, or custom. */
export type AuthFlowType =
  'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH_WITH_SRP' | 'CUSTOM_AUTH_WITHOUT_SRP';

export interface AuthSignInOptions {
  readonly authFlowType?: AuthFlowType;
  /** Passed to Lambda triggers as client metadata. */
  readonly clientMetadata?: Readonly<Record<string, string>>;
}

export type AuthSignInStep =
  | 'DONE'
  | 'CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE'
  | 'CONFIRM_SIGN_IN_WITH_TOTP_CODE'
  | 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'
  | 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'
  | 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'
  | 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'
  | 'RESET_PASSWORD'
  | 'CONFIRM_SIGN_UP';

/** Where a confirmation or MFA code was sent. */
export interface AuthCodeDeliveryDetails {
  readonly destination: string;
  readonly deliveryMedium: 'EMAIL' | 'SMS' | 'PHONE' | 'UNKNOWN';
  readonly attributeName?: string;
}

/** A second factor. */
export type MFAType = 'SMS' | 'TOTP';

/** The shared secret of a TOTP authenticator being set up, and its `otpauth://` URI for a QR code. */
export interface TOTPSetupDetails {
  readonly sharedSecret: string;
  getSetupURI(appName: string, accountName?: string): string;
}

export interface AuthNextSignInStep {
  readonly signInStep: AuthSignInStep;
  /** User attributes the service wants set with the new password. */
  readonly missingAttributes?: readonly string[];
  /** Where the MFA code went (CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE). */
  readonly codeDeliveryDetails?: AuthCodeDeliveryDetails;
  /** The methods to choose from (CONTINUE_SIGN_IN_WITH_MFA_SELECTION). */
  readonly allowedMFATypes?: readonly MFAType[];
  /** The authenticator to set up (CONTINUE_SIGN_IN_WITH_TOTP_SETUP). */
  readonly totpSetupDetails?: TOTPSetupDetails;
  /** The challenge parameters of a custom challenge (CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE). */
  readonly additionalInfo?: Readonly<Record<string, string>>;
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
  /** Set when the session came from the hosted UI: whether its `/logout` completed. */
  readonly hostedUISignOut?: { readonly completed: boolean; readonly error?: AuthException };
}

/** The behaviour the Auth category delegates to its configured plugin. */
export interface AuthCategoryBehavior {
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession>;
  signIn(username: string, password?: string, options?: AuthSignInOptions): Promise<AuthSignInResult>;
  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult>;
  getCurrentUser(): Promise<AuthUser>;
}

export interface AuthSignUpOptions {
  readonly userAttributes?: Readonly<Record<string, string>>;
  readonly clientMetadata?: Readonly<Record<string, string>>;
  /** Keep the credentials in memory so `autoSignIn()` can sign in once the sign-up is confirmed. */
  readonly autoSignIn?: boolean;
}

export interface AuthSignUpResult {
  readonly isSignUpComplete: boolean;
  readonly userId?: string;
  readonly nextStep: {
    readonly signUpStep: 'CONFIRM_SIGN_UP_STEP' | 'DONE';
    readonly codeDeliveryDetails?: AuthCodeDeliveryDetails;
  };
}

export interface AuthResetPasswordResult {
  readonly isPasswordReset: boolean;
  readonly nextStep: {
    readonly resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE' | 'DONE';
    readonly codeDeliveryDetails?: AuthCodeDeliveryDetails;
  };
}

/** One user attribute, e.g. `{ key: 'email', value: 'a@example.com' }`. */
export interface AuthUserAttribute {
  readonly key: string;
  readonly value: string;
}

export interface AuthUpdateAttributeResult {
  readonly isUpdated: boolean;
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
  confirmSignIn(challengeResponse: string, options?: object): Promise<AuthSignInResult>;
  signUp(username: string, password: string, options?: AuthSignUpOptions): Promise<AuthSignUpResult>;
  confirmSignUp(username: string, confirmationCode: string): Promise<AuthSignUpResult>;
  resendSignUpCode(username: string): Promise<AuthCodeDeliveryDetails>;
  autoSignIn(): Promise<AuthSignInResult>;
  resetPassword(username: string): Promise<AuthResetPasswordResult>;
  confirmResetPassword(username: string, newPassword: string, confirmationCode: string): Promise<void>;
  updatePassword(oldPassword: string, newPassword: string): Promise<void>;
  fetchUserAttributes(): Promise<AuthUserAttribute[]>;
  updateUserAttributes(
    attributes: readonly AuthUserAttribute[],
  ): Promise<Record<string, AuthUpdateAttributeResult>>;
}
