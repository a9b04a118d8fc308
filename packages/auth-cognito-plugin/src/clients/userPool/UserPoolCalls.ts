import type { UserPoolTokenSet } from '../../model/types.js';
import type { ClientMetadata, SignInOutcome } from './sdkShapes.js';
import type { DeviceCalls } from './deviceCalls.js';
import type { SdkUserPoolService } from './UserPoolService.js';
import type { WebAuthnCalls } from './webAuthnCalls.js';

export type {
  AuthStepResponse,
  ClientMetadata,
  CodeDelivery,
  MfaMethodSetting,
  SignInOutcome,
  TotpAuthorization,
  UserPoolUser,
} from './sdkShapes.js';

/**
 * The user-pool calls behind sign-in challenges, sign-up, passwords, attributes and MFA: the calls of the
 * one SDK wrapper (`SdkUserPoolService`) beyond the session's own, so a call added there is a call here.
 * The client secret's SECRET_HASH is added by the implementation wherever the service wants it.
 */
export type UserPoolCalls = Omit<SdkUserPoolService, keyof UserPoolService | 'load' | 'loadedClient'>;

/** The Amazon Cognito user-pool calls the plugin makes. Unit tests may pass a fake. */
export interface UserPoolService {
  signIn(username: string, password: string, clientClientMetadata?: ClientMetadata): Promise<SignInOutcome>;
  confirmNewPassword(
    username: string,
    newPassword: string,
    session: string,
    userAttributes?: Readonly<Record<string, string>>,
  ): Promise<SignInOutcome>;
  /**
   * New access and id tokens; the refresh token is kept unless the service rotates it. `deviceKey`: the
   * confirmed device the tokens are bound to.
   */
  refresh(refreshToken: string, username: string, deviceKey?: string): Promise<UserPoolTokenSet>;
  /** Revokes every token of the user (all devices). */
  globalSignOut(accessToken: string): Promise<void>;
  /** Revokes the refresh token and the access tokens issued from it. */
  revokeToken(refreshToken: string): Promise<void>;
  /** Deletes the signed-in user from the pool. */
  deleteUser(accessToken: string): Promise<void>;
  /** SRP, MFA and custom challenges, sign-up, passwords, attributes, TOTP; without it only USER_PASSWORD_AUTH works. */
  readonly calls?: UserPoolCalls;
  /** Device tracking (ConfirmDevice, ListDevices, ...); without it devices are not remembered. */
  readonly devices?: DeviceCalls;
  /** Passkeys and e-mail MFA; without them those methods answer InvalidStateException. */
  readonly webAuthn?: WebAuthnCalls;
}
