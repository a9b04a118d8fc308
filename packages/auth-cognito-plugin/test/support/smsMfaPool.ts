import { randomBytes, randomUUID } from 'node:crypto';
import {
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { HarnessUserPool } from './harness';
import { startSrpUserPool, type SrpUserPool } from './srpUserPool';

export const SMS_NUMBER = '+15555550100';

/**
 * cognito-local (behind the SRP front) with a pool, MFA optional, whose users receive SMS MFA codes.
 * cognito-local sends an SMS_MFA challenge only to users with a legacy `MFAOptions` SMS setting, which
 * none of its operations sets, so the pool's database is seeded before it starts (cognito-local loads
 * pool files as they are). The app client and the passwords go through its API, the passwords through
 * the SRP front (which learns them).
 */
export async function startSmsMfaPool(
  usernames: readonly string[],
  password: string,
  code: string,
): Promise<{ users: SrpUserPool; pool: HarnessUserPool }> {
  const poolId = `local_Sms${randomBytes(4).toString('hex')}`;
  const now = new Date().toISOString();
  const records = usernames.map((email) => {
    const sub = randomUUID();
    const attributes = { email, email_verified: 'true', phone_number: SMS_NUMBER, sub };
    return {
      Username: sub,
      Password: randomUUID(), // replaced through the front below
      Attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      Enabled: true,
      UserStatus: 'CONFIRMED',
      MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
      UserCreateDate: now,
      UserLastModifiedDate: now,
      RefreshTokens: [],
    };
  });
  // cognito-local keys a pool's users by their username (the sub, in an email-as-username pool).
  const database = {
    Options: { Id: poolId, Name: 'sms-mfa', MfaConfiguration: 'OPTIONAL', UsernameAttributes: ['email'] },
    Users: Object.fromEntries(records.map((record) => [record.Username, record])),
  };
  const users = await startSrpUserPool({ code, seedPools: { [poolId]: database } });
  try {
    const client = await users.admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    for (const username of usernames) {
      await users.admin.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: password,
          Permanent: true,
        }),
      );
    }
    const { endpoint, port, issuerDomain } = users;
    const pool = { poolId, clientId: client.UserPoolClient!.ClientId!, endpoint, port, issuerDomain };
    return { users, pool };
  } catch (error) {
    await users.stop();
    throw error;
  }
}
