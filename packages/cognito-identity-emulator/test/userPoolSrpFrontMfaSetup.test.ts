import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import * as OTPAuth from 'otpauth';
import { EmulatorUsageError, startUserPoolSrpFront, type UserPoolSrpFront } from '../src';
import {
  startUserPoolEmulator,
  type UserPoolEmulator,
} from '../../../examples/federation-demo/src/localUserPool';

// The front's MFA_SETUP emulation (requireMfaSetup) before cognito-local: the secret and the code check
// are cognito-local's own; the front only carries the sign-in session across the setup calls.
const PASSWORD = 'Setup-Passw0rd-1';

describe('startUserPoolSrpFront MFA setup options', () => {
  it.each([
    ['a requireMfaSetup that is not a boolean', { requireMfaSetup: 'yes' }, /requireMfaSetup/],
    [
      'a session of 0 seconds',
      { requireMfaSetup: true, mfaSetupSessionSeconds: 0 },
      /mfaSetupSessionSeconds/,
    ],
    ['a session of an hour', { mfaSetupSessionSeconds: 3600 }, /mfaSetupSessionSeconds/],
  ])('refuses %s with EmulatorUsageError', async (_, extra, message) => {
    const options = { upstream: 'http://127.0.0.1:9', ...extra } as never;
    const error = await startUserPoolSrpFront(options).then(
      (front) => front.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmulatorUsageError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('the SRP front with requireMfaSetup before cognito-local', () => {
  let local: UserPoolEmulator;
  let front: UserPoolSrpFront;
  let admin: CognitoIdentityProviderClient;
  let pool: { poolId: string; clientId: string };
  let serial = 0;

  const call = async (operation: string, body: object) => {
    const response = await fetch(front.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  /** A confirmed user, created through the front so that it learns the password. */
  const newUser = async (): Promise<string> => {
    const username = `setup${++serial}@example.com`;
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: username,
        TemporaryPassword: `Tmp-${PASSWORD}`,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: username }],
      }),
    );
    await admin.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: username,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    return username;
  };
  const passwordSignIn = (username: string) =>
    call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: username, PASSWORD },
    });
  const totpOf = (secret: string) =>
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });

  beforeAll(async () => {
    local = await startUserPoolEmulator();
    front = await startUserPoolSrpFront({
      upstream: local.endpoint,
      requireMfaSetup: true,
      mfaSetupSessionSeconds: 2,
    });
    admin = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: front.endpoint,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) },
    });
    pool = await local.createPool();
    // MFA optional upstream: cognito-local asks for TOTP codes once a user has set TOTP up.
    await local.admin.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
  }, 30_000);
  afterAll(async () => {
    admin.destroy();
    await front.stop();
    await local.stop();
  });

  it('takes amazon-cognito-identity-js through SRP, MFA_SETUP and a TOTP challenge on the next sign-in', async () => {
    const username = await newUser();
    const user = new CognitoUser({
      Username: username,
      Pool: new CognitoUserPool({
        UserPoolId: pool.poolId,
        ClientId: pool.clientId,
        endpoint: front.endpoint,
      }),
    });
    const details = new AuthenticationDetails({ Username: username, Password: PASSWORD });
    const setUp = await new Promise<{ challenge: string; params: Record<string, string> }>(
      (resolve, reject) =>
        user.authenticateUser(details, {
          onSuccess: () => reject(new Error('signed in without MFA setup')),
          onFailure: reject,
          mfaSetup: (challenge: string, params: Record<string, string>) => resolve({ challenge, params }),
        }),
    );
    expect(setUp).toEqual({
      challenge: 'MFA_SETUP',
      params: expect.objectContaining({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }),
    });
    const secret = await new Promise<string>((resolve, reject) =>
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
    );
    const idToken = await new Promise<string>((resolve, reject) =>
      user.verifySoftwareToken(totpOf(secret).generate(), 'phone', {
        onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
        onFailure: reject,
      }),
    );
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as { iss: string };
    expect(claims.iss).toBe(`${local.issuerDomain}/${pool.poolId}`);
    const stored = await local.admin.send(
      new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: username }),
    );
    expect(stored.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(stored.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    // Set up now: the next sign-in gets cognito-local's own TOTP challenge.
    const again = new CognitoUser({
      Username: username,
      Pool: new CognitoUserPool({
        UserPoolId: pool.poolId,
        ClientId: pool.clientId,
        endpoint: front.endpoint,
      }),
    });
    const challenge = await new Promise<string>((resolve, reject) =>
      again.authenticateUser(details, {
        onSuccess: () => reject(new Error('signed in without a TOTP code')),
        onFailure: reject,
        totpRequired: (name: string) => resolve(name),
        mfaSetup: () => reject(new Error('asked to set MFA up twice')),
      }),
    );
    expect(challenge).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('answers a wrong code with EnableSoftwareTokenMFAException and keeps the session for a retry', async () => {
    const username = await newUser();
    const started = await passwordSignIn(username);
    expect(started.json).toMatchObject({ ChallengeName: 'MFA_SETUP' });
    expect(started.json.AuthenticationResult).toBeUndefined();
    const associated = await call('AssociateSoftwareToken', { Session: started.json.Session });
    expect(associated.status).toBe(200);
    const { SecretCode, Session } = associated.json as { SecretCode: string; Session: string };
    const totp = totpOf(SecretCode);
    const wrongCode = String((Number(totp.generate()) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await call('VerifySoftwareToken', { Session, UserCode: wrongCode });
    expect(wrong).toMatchObject({ status: 400, json: { __type: 'EnableSoftwareTokenMFAException' } });
    expect(JSON.stringify(wrong.json)).not.toContain(SecretCode);
    const verified = await call('VerifySoftwareToken', { Session, UserCode: totp.generate() });
    expect(verified.json).toMatchObject({ Status: 'SUCCESS', Session: expect.any(String) });
    const reused = await call('VerifySoftwareToken', { Session, UserCode: totp.generate() });
    expect(reused).toMatchObject({
      status: 400,
      json: {
        __type: 'NotAuthorizedException',
        message: 'Invalid session for the user, session can only be used once.',
      },
    });
    const respond = (session: unknown, USERNAME: string) =>
      call('RespondToAuthChallenge', {
        ClientId: pool.clientId,
        ChallengeName: 'MFA_SETUP',
        Session: session,
        ChallengeResponses: { USERNAME },
      });
    // The answer names the pool's username of ChallengeParameters: another user, and the alias, are refused.
    const poolUsername = (started.json.ChallengeParameters as { USER_ID_FOR_SRP: string }).USER_ID_FOR_SRP;
    expect(poolUsername).not.toBe(username);
    for (const other of ['someone@example.com', username]) {
      await expect(respond(verified.json.Session, other)).resolves.toMatchObject({
        status: 400,
        json: { __type: 'NotAuthorizedException' },
      });
    }
    const done = await respond(verified.json.Session, poolUsername);
    expect(done.status).toBe(200);
    expect(done.json.AuthenticationResult).toEqual(
      expect.objectContaining({ AccessToken: expect.any(String), RefreshToken: expect.any(String) }),
    );
    await expect(respond(verified.json.Session, poolUsername)).resolves.toMatchObject({
      status: 400,
      json: { __type: 'NotAuthorizedException' },
    });
  });

  it('refuses a session of the wrong step, an unknown session and an expired one', async () => {
    const username = await newUser();
    const started = await passwordSignIn(username);
    const early = await call('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'MFA_SETUP',
      Session: started.json.Session,
      ChallengeResponses: { USERNAME: username },
    });
    expect(early).toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });
    expect(early.json.AuthenticationResult).toBeUndefined();
    const unknown = await call('AssociateSoftwareToken', { Session: 'not-a-session' });
    expect(unknown).toMatchObject({
      status: 400,
      json: {
        __type: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const late = await call('AssociateSoftwareToken', { Session: started.json.Session });
    expect(late).toMatchObject({
      status: 400,
      json: {
        __type: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
      },
    });
    // Nothing was set up upstream: the user still has no MFA.
    const stored = await local.admin.send(
      new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: username }),
    );
    expect(stored.UserMFASettingList ?? []).toEqual([]);
  });

  it('asks for MFA setup after a new password too', async () => {
    const username = `setup${++serial}@example.com`;
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: username,
        TemporaryPassword: `Tmp-${PASSWORD}`,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: username }],
      }),
    );
    const started = await call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: `Tmp-${PASSWORD}` },
    });
    expect(started.json.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const params = started.json.ChallengeParameters as { USER_ID_FOR_SRP: string };
    const renewed = await call('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: started.json.Session,
      ChallengeResponses: { USERNAME: params.USER_ID_FOR_SRP, NEW_PASSWORD: PASSWORD },
    });
    expect(renewed.status).toBe(200);
    expect(renewed.json).toMatchObject({ ChallengeName: 'MFA_SETUP', Session: expect.any(String) });
    expect(renewed.json.AuthenticationResult).toBeUndefined();
    // Still nothing set up: the next sign-in with the new password asks for setup again.
    await expect(passwordSignIn(username)).resolves.toMatchObject({ json: { ChallengeName: 'MFA_SETUP' } });
  });
});
