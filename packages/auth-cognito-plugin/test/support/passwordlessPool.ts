import {
  AdminUpdateUserAttributesCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PasswordlessOptions } from '@plugboard/cognito-identity-emulator';
import type { HarnessUserPool } from './harness';
import { startSrpUserPool, type SrpUserPool } from './srpUserPool';

/**
 * cognito-local behind the SRP front with passwordless sign-in on (USER_AUTH, one-time codes, passkeys,
 * e-mail MFA), and an app client that allows USER_AUTH. Users are created through the front.
 */
export async function startPasswordlessPool(
  passwordless: PasswordlessOptions,
): Promise<{ users: SrpUserPool; pool: HarnessUserPool }> {
  const users = await startSrpUserPool({ front: { passwordless } });
  try {
    const { poolId, clientId } = await users.createPool();
    await users.local.admin.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const { endpoint, port, issuerDomain } = users;
    return { users, pool: { poolId, clientId, endpoint, port, issuerDomain } };
  } catch (error) {
    await users.stop();
    throw error;
  }
}

/** Gives a user a phone number at cognito-local (SMS_OTP needs one). */
export async function addPhone(users: SrpUserPool, poolId: string, username: string, phone: string) {
  await users.local.admin.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: poolId,
      Username: username,
      UserAttributes: [{ Name: 'phone_number', Value: phone }],
    }),
  );
}
