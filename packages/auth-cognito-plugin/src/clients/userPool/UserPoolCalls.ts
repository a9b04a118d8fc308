import type { UserPoolTokenSet } from '../../model/types.js';

/** What a password sign-in step answers: the tokens, or the next challenge. */
export type SignInOutcome =
  | { readonly kind: 'tokens'; readonly tokens: UserPoolTokenSet }
  | {
      readonly kind: 'newPasswordRequired';
      readonly session: string;
      readonly missingAttributes: readonly string[];
    };

/** One step of a sign-in as the service answered it: tokens, or the next challenge. */
export interface AuthStepResponse {
  readonly challengeName?: string;
  readonly challengeParameters: Readonly<Record<string, string>>;
  readonly session?: string;
  readonly tokens?: UserPoolTokenSet;
}

/** Where the service sent a code (CodeDeliveryDetails), as it answered. */
export interface CodeDelivery {
  readonly destination?: string;
  readonly deliveryMedium?: string;
  readonly attributeName?: string;
}

/** What GetUser answers. */
export interface UserPoolUser {
  readonly username: string;
  readonly attributes: readonly { readonly name: string; readonly value: string }[];
  readonly mfaSettings: readonly string[];
  readonly preferredMfa?: string;
}

/** An MFA method's setting for SetUserMFAPreference. */
export interface MfaMethodSetting {
  readonly enabled: boolean;
  readonly preferred: boolean;
}

/** A TOTP association is made either for a signed-in user or during sign-in (MFA_SETUP). */
export type TotpAuthorization = { readonly accessToken: string } | { readonly session: string };

/** Client metadata for Lambda triggers. */
export type ClientMetadata = Readonly<Record<string, string>> | undefined;

/**
 * The user-pool calls behind sign-in challenges, sign-up, passwords, attributes and MFA. The client
 * secret's SECRET_HASH is added by the implementation wherever the service wants it.
 */
export interface UserPoolCalls {
  initiateAuth(
    flow: string,
    parameters: Record<string, string>,
    clientMetadata: ClientMetadata,
  ): Promise<AuthStepResponse>;
  respondToAuthChallenge(
    challengeName: string,
    responses: Record<string, string>,
    session: string | undefined,
    clientMetadata: ClientMetadata,
  ): Promise<AuthStepResponse>;
  signUp(
    username: string,
    password: string,
    attributes: Readonly<Record<string, string>>,
    clientMetadata: ClientMetadata,
  ): Promise<{
    readonly userConfirmed: boolean;
    readonly userSub?: string;
    readonly codeDelivery?: CodeDelivery;
  }>;
  confirmSignUp(username: string, code: string, clientMetadata: ClientMetadata): Promise<void>;
  resendConfirmationCode(username: string, clientMetadata: ClientMetadata): Promise<CodeDelivery | undefined>;
  forgotPassword(username: string, clientMetadata: ClientMetadata): Promise<CodeDelivery | undefined>;
  confirmForgotPassword(
    username: string,
    code: string,
    newPassword: string,
    clientMetadata: ClientMetadata,
  ): Promise<void>;
  changePassword(accessToken: string, previousPassword: string, proposedPassword: string): Promise<void>;
  getUser(accessToken: string): Promise<UserPoolUser>;
  updateUserAttributes(
    accessToken: string,
    attributes: Readonly<Record<string, string>>,
    clientMetadata: ClientMetadata,
  ): Promise<readonly CodeDelivery[]>;
  verifyUserAttribute(accessToken: string, attributeName: string, code: string): Promise<void>;
  getUserAttributeVerificationCode(
    accessToken: string,
    attributeName: string,
    clientMetadata: ClientMetadata,
  ): Promise<CodeDelivery | undefined>;
  associateSoftwareToken(
    auth: TotpAuthorization,
  ): Promise<{ readonly secretCode: string; readonly session?: string }>;
  verifySoftwareToken(
    auth: TotpAuthorization,
    code: string,
    friendlyDeviceName?: string,
  ): Promise<{ readonly session?: string }>;
  setUserMfaPreference(accessToken: string, sms?: MfaMethodSetting, totp?: MfaMethodSetting): Promise<void>;
}

/** The Amazon Cognito user-pool calls the plugin makes. Unit tests may pass a fake. */
export interface UserPoolService {
  signIn(username: string, password: string, clientClientMetadata?: ClientMetadata): Promise<SignInOutcome>;
  confirmNewPassword(
    username: string,
    newPassword: string,
    session: string,
    userAttributes?: Readonly<Record<string, string>>,
  ): Promise<SignInOutcome>;
  /** New access and id tokens; the refresh token is kept unless the service rotates it. */
  refresh(refreshToken: string, username: string): Promise<UserPoolTokenSet>;
  /** Revokes every token of the user (all devices). */
  globalSignOut(accessToken: string): Promise<void>;
  /** Revokes the refresh token and the access tokens issued from it. */
  revokeToken(refreshToken: string): Promise<void>;
  /** Deletes the signed-in user from the pool. */
  deleteUser(accessToken: string): Promise<void>;
  /** SRP, MFA and custom challenges, sign-up, passwords, attributes, TOTP; without it only USER_PASSWORD_AUTH works. */
  readonly calls?: UserPoolCalls;
}
