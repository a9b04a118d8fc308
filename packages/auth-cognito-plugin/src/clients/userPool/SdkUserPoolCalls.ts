import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUserPoolConfig } from '@plugboard/core';
import { secretHash } from './secretHash.js';
import { mapUserPoolError } from './userPoolErrors.js';
import { authOf, delivery, meta, step } from './sdkShapes.js';
import type { TotpAuthorization, UserPoolCalls } from './UserPoolCalls.js';

type SdkModule = typeof import('@aws-sdk/client-cognito-identity-provider');
type Loaded = { sdk: SdkModule; client: CognitoIdentityProviderClient };
type Metadata = Readonly<Record<string, string>> | undefined;

/** {@link UserPoolCalls} over the AWS SDK client the plugin already loads. */
export class SdkUserPoolCalls implements UserPoolCalls {
  constructor(
    private readonly config: CognitoUserPoolConfig,
    private readonly load: () => Promise<Loaded>,
  ) {}

  initiateAuth(flow: string, parameters: Record<string, string>, clientMetadata: Metadata) {
    return this.#call('Signing in', async ({ sdk, client }) =>
      step(
        await client.send(
          new sdk.InitiateAuthCommand({
            AuthFlow: flow as never,
            ClientId: this.config.AppClientId,
            AuthParameters: { ...parameters, ...(await this.#hash(parameters.USERNAME, 'SECRET_HASH')) },
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
            ChallengeResponses: { ...responses, ...(await this.#hash(responses.USERNAME, 'SECRET_HASH')) },
            ...(session ? { Session: session } : {}),
            ...meta(clientMetadata),
          }),
        ),
      ),
    );
  }

  signUp(
    username: string,
    password: string,
    attributes: Readonly<Record<string, string>>,
    clientMetadata: Metadata,
  ) {
    return this.#call('Signing up', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.SignUpCommand({
          ClientId: this.config.AppClientId,
          Username: username,
          Password: password,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
          ...(await this.#hash(username, 'SecretHash')),
          ...meta(clientMetadata),
        }),
      );
      return {
        userConfirmed: out.UserConfirmed === true,
        ...(out.UserSub ? { userSub: out.UserSub } : {}),
        ...(out.CodeDeliveryDetails ? { codeDelivery: delivery(out.CodeDeliveryDetails) } : {}),
      };
    });
  }

  confirmSignUp(username: string, code: string, clientMetadata: Metadata) {
    return this.#call('Confirming the sign-up', async ({ sdk, client }) => {
      await client.send(
        new sdk.ConfirmSignUpCommand({
          ClientId: this.config.AppClientId,
          Username: username,
          ConfirmationCode: code,
          ...(await this.#hash(username, 'SecretHash')),
          ...meta(clientMetadata),
        }),
      );
    });
  }

  resendConfirmationCode(username: string, clientMetadata: Metadata) {
    return this.#call('Resending the sign-up code', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.ResendConfirmationCodeCommand({
          ClientId: this.config.AppClientId,
          Username: username,
          ...(await this.#hash(username, 'SecretHash')),
          ...meta(clientMetadata),
        }),
      );
      return out.CodeDeliveryDetails ? delivery(out.CodeDeliveryDetails) : undefined;
    });
  }

  forgotPassword(username: string, clientMetadata: Metadata) {
    return this.#call('Starting the password reset', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.ForgotPasswordCommand({
          ClientId: this.config.AppClientId,
          Username: username,
          ...(await this.#hash(username, 'SecretHash')),
          ...meta(clientMetadata),
        }),
      );
      return out.CodeDeliveryDetails ? delivery(out.CodeDeliveryDetails) : undefined;
    });
  }

  confirmForgotPassword(username: string, code: string, newPassword: string, clientMetadata: Metadata) {
    return this.#call('Confirming the password reset', async ({ sdk, client }) => {
      await client.send(
        new sdk.ConfirmForgotPasswordCommand({
          ClientId: this.config.AppClientId,
          Username: username,
          ConfirmationCode: code,
          Password: newPassword,
          ...(await this.#hash(username, 'SecretHash')),
          ...meta(clientMetadata),
        }),
      );
    });
  }

  changePassword(accessToken: string, previousPassword: string, proposedPassword: string) {
    return this.#call('Changing the password', async ({ sdk, client }) => {
      await client.send(
        new sdk.ChangePasswordCommand({
          AccessToken: accessToken,
          PreviousPassword: previousPassword,
          ProposedPassword: proposedPassword,
        }),
      );
    });
  }

  getUser(accessToken: string) {
    return this.#call('Fetching the user', async ({ sdk, client }) => {
      const out = await client.send(new sdk.GetUserCommand({ AccessToken: accessToken }));
      return {
        username: out.Username ?? '',
        attributes: (out.UserAttributes ?? []).map((a) => ({ name: a.Name ?? '', value: a.Value ?? '' })),
        mfaSettings: out.UserMFASettingList ?? [],
        ...(out.PreferredMfaSetting ? { preferredMfa: out.PreferredMfaSetting } : {}),
      };
    });
  }

  updateUserAttributes(
    accessToken: string,
    attributes: Readonly<Record<string, string>>,
    clientMetadata: Metadata,
  ) {
    return this.#call('Updating user attributes', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.UpdateUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
          ...meta(clientMetadata),
        }),
      );
      return (out.CodeDeliveryDetailsList ?? []).map(delivery);
    });
  }

  verifyUserAttribute(accessToken: string, attributeName: string, code: string) {
    return this.#call('Confirming the attribute', async ({ sdk, client }) => {
      await client.send(
        new sdk.VerifyUserAttributeCommand({
          AccessToken: accessToken,
          AttributeName: attributeName,
          Code: code,
        }),
      );
    });
  }

  getUserAttributeVerificationCode(accessToken: string, attributeName: string, clientMetadata: Metadata) {
    return this.#call('Sending the attribute confirmation code', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.GetUserAttributeVerificationCodeCommand({
          AccessToken: accessToken,
          AttributeName: attributeName,
          ...meta(clientMetadata),
        }),
      );
      return out.CodeDeliveryDetails ? delivery(out.CodeDeliveryDetails) : undefined;
    });
  }

  associateSoftwareToken(auth: TotpAuthorization) {
    return this.#call('Setting up TOTP', async ({ sdk, client }) => {
      const out = await client.send(new sdk.AssociateSoftwareTokenCommand(authOf(auth)));
      if (!out.SecretCode) throw new Error('AssociateSoftwareToken answered without a secret');
      return { secretCode: out.SecretCode, ...(out.Session ? { session: out.Session } : {}) };
    });
  }

  verifySoftwareToken(auth: TotpAuthorization, code: string, friendlyDeviceName?: string) {
    return this.#call('Verifying the TOTP setup', async ({ sdk, client }) => {
      const out = await client.send(
        new sdk.VerifySoftwareTokenCommand({
          ...authOf(auth),
          UserCode: code,
          ...(friendlyDeviceName ? { FriendlyDeviceName: friendlyDeviceName } : {}),
        }),
      );
      if (out.Status && out.Status !== 'SUCCESS')
        throw Object.assign(new Error('Code mismatch'), { name: 'CodeMismatchException' });
      return out.Session ? { session: out.Session } : {};
    });
  }

  setUserMfaPreference(
    accessToken: string,
    sms?: { enabled: boolean; preferred: boolean },
    totp?: { enabled: boolean; preferred: boolean },
  ) {
    return this.#call('Updating the MFA preference', async ({ sdk, client }) => {
      const setting = (s: { enabled: boolean; preferred: boolean }) => ({
        Enabled: s.enabled,
        PreferredMfa: s.preferred,
      });
      await client.send(
        new sdk.SetUserMFAPreferenceCommand({
          AccessToken: accessToken,
          ...(sms ? { SMSMfaSettings: setting(sms) } : {}),
          ...(totp ? { SoftwareTokenMfaSettings: setting(totp) } : {}),
        }),
      );
    });
  }

  async #hash<K extends string>(username: string | undefined, key: K): Promise<Partial<Record<K, string>>> {
    const secret = this.config.AppClientSecret;
    if (!secret || username === undefined) return {};
    return { [key]: await secretHash(username, this.config.AppClientId, secret) } as Record<K, string>;
  }

  async #call<T>(action: string, work: (loaded: Loaded) => Promise<T>): Promise<T> {
    try {
      return await work(await this.load());
    } catch (error) {
      throw mapUserPoolError(error, action);
    }
  }
}
