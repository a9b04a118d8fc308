import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUserPoolConfig } from '@plugboard/core';
import type { UserPoolTokenSet } from '../../model/types.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, startingCallSignal } from '../deadline.js';
import { boundSdkTransport } from '../http/sdkTransport.js';
import { LazySdkClient, sdkClientSettings } from '../identityPool/LazySdkClient.js';
import { refreshTokens, type RefreshMemory } from './refreshTokens.js';
import { SdkDeviceCalls, type DeviceCalls } from './deviceCalls.js';
import { abortable, meta, signInOutcome, step } from './sdkShapes.js';
import { secretHashParameter } from './secretHash.js';
import {
  confirmForgotPassword,
  confirmSignUp,
  forgotPassword,
  resendConfirmationCode,
  signUp,
} from './signUpCalls.js';
import type {
  LoadedUserPoolSdk,
  ClientMetadata as Metadata,
  MfaMethodSetting,
  SignInOutcome,
  TotpAuthorization,
} from './sdkShapes.js';
import { mapUserPoolError } from './userPoolErrors.js';
import {
  associateSoftwareToken,
  changePassword,
  getUser,
  getUserAttributeVerificationCode,
  setUserMfaPreference,
  updateUserAttributes,
  verifySoftwareToken,
  verifyUserAttribute,
} from './accountCalls.js';
import { WebAuthnCalls } from './webAuthnCalls.js';

type SdkModule = typeof import('@aws-sdk/client-cognito-identity-provider');
type Loaded = LoadedUserPoolSdk;
type Attributes = Readonly<Record<string, string>>;

/**
 * The one wrapper of the user-pool API over the AWS SDK (loaded on first use): every call goes through
 * one error mapping (`mapUserPoolError`) and one secret hash. It is its own `UserPoolCalls`.
 */
export class SdkUserPoolService {
  readonly #client: LazySdkClient<SdkModule, CognitoIdentityProviderClient>;
  readonly #refresh: RefreshMemory = { getTokensUnsupported: false };
  /** The calls beyond the session's own: this wrapper itself. */
  readonly calls = this;
  /** Device tracking and passkeys: their calls go through this wrapper's `#call` (one error mapping). */
  readonly devices: DeviceCalls = new SdkDeviceCalls((action, work) => this.#call(action, work));
  readonly webAuthn = new WebAuthnCalls((action, work) => this.#call(action, work));

  constructor(
    private readonly config: CognitoUserPoolConfig,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    this.#client = new LazySdkClient<SdkModule, CognitoIdentityProviderClient>(
      () => import('@aws-sdk/client-cognito-identity-provider'),
      (sdk) =>
        boundSdkTransport(
          new sdk.CognitoIdentityProviderClient(sdkClientSettings(config, requestTimeoutMs)),
          requestTimeoutMs,
        ),
    );
  }

  load(): Promise<Loaded> {
    return this.#client.load();
  }

  get loadedClient(): CognitoIdentityProviderClient | undefined {
    return this.#client.loaded;
  }

  // The session's own calls (a refused user or password is NotAuthorizedException).

  signIn(username: string, password: string, clientMetadata?: Metadata): Promise<SignInOutcome> {
    return this.#session('Signing in', async ({ sdk, client }) =>
      signInOutcome(
        await client.send(
          new sdk.InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: this.config.AppClientId,
            AuthParameters: { USERNAME: username, PASSWORD: password, ...(await this.#hash(username)) },
            ...meta(clientMetadata),
          }),
        ),
      ),
    );
  }

  confirmNewPassword(username: string, newPassword: string, session: string, userAttributes?: Attributes) {
    return this.#session('Setting the new password', async ({ sdk, client }) => {
      const attributes = Object.fromEntries(
        Object.entries(userAttributes ?? {}).map(([name, value]) => [`userAttributes.${name}`, value]),
      );
      const responses = { USERNAME: username, NEW_PASSWORD: newPassword, ...attributes };
      return signInOutcome(
        await client.send(
          new sdk.RespondToAuthChallengeCommand({
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            ClientId: this.config.AppClientId,
            Session: session,
            ChallengeResponses: { ...responses, ...(await this.#hash(username)) },
          }),
        ),
      );
    });
  }

  refresh(refreshToken: string, username: string, deviceKey?: string): Promise<UserPoolTokenSet> {
    return this.#session('Refreshing the user-pool tokens', (loaded) =>
      refreshTokens(loaded, this.config, refreshToken, username, this.#refresh, deviceKey),
    );
  }

  globalSignOut(accessToken: string): Promise<void> {
    return this.#session('Signing out globally', ({ sdk, client }) =>
      this.#none(client.send(new sdk.GlobalSignOutCommand({ AccessToken: accessToken }))),
    );
  }

  revokeToken(refreshToken: string): Promise<void> {
    const { AppClientId: ClientId, AppClientSecret: ClientSecret } = this.config;
    return this.#session('Revoking the refresh token', ({ sdk, client }) =>
      this.#none(
        client.send(
          new sdk.RevokeTokenCommand({
            Token: refreshToken,
            ClientId,
            ...(ClientSecret ? { ClientSecret } : {}),
          }),
        ),
      ),
    );
  }

  deleteUser(accessToken: string): Promise<void> {
    return this.#session('Deleting the user', ({ sdk, client }) =>
      this.#none(client.send(new sdk.DeleteUserCommand({ AccessToken: accessToken }))),
    );
  }

  // UserPoolCalls: challenges, sign-up, passwords, attributes, MFA (typed user-pool exceptions);
  // the bodies of the sign-up and reset calls are in signUpCalls.ts, the signed-in user's in accountCalls.ts.

  initiateAuth(flow: string, parameters: Record<string, string>, clientMetadata: Metadata) {
    return this.#call('Signing in', async ({ sdk, client }) =>
      step(
        await client.send(
          new sdk.InitiateAuthCommand({
            AuthFlow: flow as never,
            ClientId: this.config.AppClientId,
            AuthParameters: { ...parameters, ...(await this.#hash(parameters.USERNAME)) },
            ...meta(clientMetadata),
          }),
        ),
      ),
    );
  }

  respondToAuthChallenge(
    name: string,
    responses: Record<string, string>,
    session: string | undefined,
    clientMetadata: Metadata,
  ) {
    return this.#call('Answering the sign-in challenge', async ({ sdk, client }) =>
      step(
        await client.send(
          new sdk.RespondToAuthChallengeCommand({
            ChallengeName: name as never,
            ClientId: this.config.AppClientId,
            ChallengeResponses: { ...responses, ...(await this.#hash(responses.USERNAME)) },
            ...(session ? { Session: session } : {}),
            ...meta(clientMetadata),
          }),
        ),
      ),
    );
  }

  signUp(username: string, password: string, attributes: Attributes, clientMetadata: Metadata) {
    return this.#call('Signing up', (loaded) =>
      signUp(loaded, this.config, username, password, attributes, clientMetadata),
    );
  }

  confirmSignUp(username: string, code: string, clientMetadata: Metadata) {
    return this.#call('Confirming the sign-up', (loaded) =>
      confirmSignUp(loaded, this.config, username, code, clientMetadata),
    );
  }

  resendConfirmationCode(username: string, clientMetadata: Metadata) {
    return this.#call('Resending the sign-up code', (loaded) =>
      resendConfirmationCode(loaded, this.config, username, clientMetadata),
    );
  }

  forgotPassword(username: string, clientMetadata: Metadata) {
    return this.#call('Starting the password reset', (loaded) =>
      forgotPassword(loaded, this.config, username, clientMetadata),
    );
  }

  confirmForgotPassword(username: string, code: string, newPassword: string, clientMetadata: Metadata) {
    return this.#call('Confirming the password reset', (loaded) =>
      confirmForgotPassword(loaded, this.config, username, code, newPassword, clientMetadata),
    );
  }

  changePassword(accessToken: string, previousPassword: string, proposedPassword: string) {
    return this.#call('Changing the password', (loaded) =>
      changePassword(loaded, accessToken, previousPassword, proposedPassword),
    );
  }

  getUser(accessToken: string) {
    return this.#call('Fetching the user', (loaded) => getUser(loaded, accessToken));
  }

  updateUserAttributes(accessToken: string, attributes: Attributes, clientMetadata: Metadata) {
    return this.#call('Updating user attributes', (loaded) =>
      updateUserAttributes(loaded, accessToken, attributes, clientMetadata),
    );
  }

  verifyUserAttribute(accessToken: string, attributeName: string, code: string) {
    return this.#call('Confirming the attribute', (loaded) =>
      verifyUserAttribute(loaded, accessToken, attributeName, code),
    );
  }

  getUserAttributeVerificationCode(accessToken: string, attributeName: string, clientMetadata: Metadata) {
    return this.#call('Sending the attribute confirmation code', (loaded) =>
      getUserAttributeVerificationCode(loaded, accessToken, attributeName, clientMetadata),
    );
  }

  associateSoftwareToken(auth: TotpAuthorization) {
    return this.#call('Setting up TOTP', (loaded) => associateSoftwareToken(loaded, auth));
  }

  verifySoftwareToken(auth: TotpAuthorization, code: string, friendlyDeviceName?: string) {
    return this.#call('Verifying the TOTP setup', (loaded) =>
      verifySoftwareToken(loaded, auth, code, friendlyDeviceName),
    );
  }

  setUserMfaPreference(accessToken: string, sms?: MfaMethodSetting, totp?: MfaMethodSetting) {
    return this.#call('Updating the MFA preference', (loaded) =>
      setUserMfaPreference(loaded, accessToken, sms, totp),
    );
  }

  /** The one secret hash: `{ SECRET_HASH }` when the app client has a secret (and a username is known). */
  #hash(username: string | undefined): Promise<{ SECRET_HASH?: string }> {
    return secretHashParameter(this.config, username);
  }

  async #none(sent: Promise<unknown>): Promise<void> {
    await sent;
  }

  #session<T>(action: string, work: (loaded: Loaded) => Promise<T>): Promise<T> {
    return this.#call(action, work, true);
  }

  /**
   * Every call: load the SDK, send, and map a failure with the one user-pool error mapping. The call
   * deadline's signal (read before the first `await`) goes with every request: a call that runs out of
   * time or is abandoned ends its request in flight.
   */
  async #call<T>(action: string, work: (loaded: Loaded) => Promise<T>, session = false): Promise<T> {
    const signal = startingCallSignal();
    try {
      const loaded = await this.load();
      return await work(signal ? abortable(loaded, signal) : loaded);
    } catch (error) {
      throw mapUserPoolError(error, action, session);
    }
  }
}
