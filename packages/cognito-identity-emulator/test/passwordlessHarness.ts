import {
  AdminUpdateUserAttributesCommand,
  CreateUserPoolClientCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PasswordlessOptions, StartUserPoolSrpFrontOptions } from '../src';
import { startFrontHarness, type FrontHarness } from './srpFrontHarness';

/** The SRP front harness with passwordless sign-in on and an app client that allows USER_AUTH. */
export interface PasswordlessHarness extends FrontHarness {
  /** An app client of the same pool without ALLOW_USER_AUTH. */
  readonly plainClientId: string;
  /** Gives the user a phone number at cognito-local (for SMS_OTP). */
  addPhone(username: string, phone: string): Promise<void>;
  /** The access token of a USER_PASSWORD_AUTH sign-in through the front. */
  accessToken(email: string, password: string): Promise<string>;
}

export async function startPasswordlessHarness(
  passwordless: PasswordlessOptions = {},
  extra: Omit<StartUserPoolSrpFrontOptions, 'upstream' | 'passwordless'> = {},
): Promise<PasswordlessHarness> {
  const h = await startFrontHarness({ passwordless, deviceTracking: {}, ...extra });
  await h.local.admin.send(
    new UpdateUserPoolClientCommand({
      UserPoolId: h.pool.poolId,
      ClientId: h.pool.clientId,
      ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const plain = await h.local.admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: h.pool.poolId,
      ClientName: 'plain',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    }),
  );
  return {
    ...h,
    plainClientId: plain.UserPoolClient!.ClientId!,
    async addPhone(username, phone) {
      await h.local.admin.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: h.pool.poolId,
          Username: username,
          UserAttributes: [{ Name: 'phone_number', Value: phone }],
        }),
      );
    },
    async accessToken(email, password) {
      const out = await h.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: h.pool.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      });
      const result = out.json.AuthenticationResult as { AccessToken?: string } | undefined;
      if (!result?.AccessToken) throw new Error(`no tokens: ${JSON.stringify(out.json.__type)}`);
      return result.AccessToken;
    },
  };
}

/** The `iss`/`username` claims of a token. */
export const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
