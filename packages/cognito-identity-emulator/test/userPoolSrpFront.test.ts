import { randomBytes } from 'node:crypto';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { EmulatorUsageError, startUserPoolSrpFront, type UserPoolSrpFront } from '../src';
import {
  startUserPoolEmulator,
  type UserPoolEmulator,
} from '../../../examples/federation-demo/src/localUserPool';

/** The TIMESTAMP form of the protocol: `Tue Mar 5 09:07:02 UTC 2024`. */
function cognitoTimestamp(date: Date): string {
  const utc = date.toUTCString(); // `Fri, 27 Nov 2026 13:07:24 GMT`
  const time = date.toISOString().slice(11, 19);
  return `${utc.slice(0, 3)} ${utc.slice(8, 11)} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

describe('startUserPoolSrpFront input', () => {
  it.each([
    ['no options', undefined, /options object/],
    ['no upstream', {}, /loopback/],
    ['a non-loopback upstream', { upstream: 'http://10.1.2.3:9229' }, /loopback/],
    ['a non-http upstream', { upstream: 'ftp://127.0.0.1/' }, /loopback/],
  ])('refuses %s with EmulatorUsageError', async (_, options, message) => {
    const error = await startUserPoolSrpFront(options as never).then(
      (front) => front.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmulatorUsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as EmulatorUsageError).recoverySuggestion.length).toBeGreaterThan(10);
  });
});

describe('the SRP front before cognito-local', () => {
  const PASSWORD = 'Front-Passw0rd-1';
  let local: UserPoolEmulator;
  let front: UserPoolSrpFront;
  let pool: { poolId: string; clientId: string };
  const call = async (
    operation: string,
    body: object,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
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

  beforeAll(async () => {
    local = await startUserPoolEmulator();
    front = await startUserPoolSrpFront({ upstream: local.endpoint, customChallengeAnswer: 'blue' });
    pool = await local.createPool();
    // Created through the front, which learns the password from the call.
    const created = await call('SignUp', {
      ClientId: pool.clientId,
      Username: 'srp@example.com',
      Password: PASSWORD,
    });
    expect(created.status).toBe(200);
    await local.admin.send(
      new (await import('@aws-sdk/client-cognito-identity-provider')).AdminConfirmSignUpCommand({
        UserPoolId: pool.poolId,
        Username: 'srp@example.com',
      }),
    );
  }, 30_000);
  afterAll(async () => {
    await front.stop();
    await local.stop();
  });

  const reference = (password: string): Promise<string> => {
    const user = new CognitoUser({
      Username: 'srp@example.com',
      Pool: new CognitoUserPool({
        UserPoolId: pool.poolId,
        ClientId: pool.clientId,
        endpoint: front.endpoint,
      }),
    });
    return new Promise((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: 'srp@example.com', Password: password }), {
        onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
        onFailure: reject,
      }),
    );
  };

  it('signs amazon-cognito-identity-js in with the right password, with tokens of cognito-local', async () => {
    const idToken = await reference(PASSWORD);
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as { iss: string };
    expect(claims.iss).toBe(`${local.issuerDomain}/${pool.poolId}`);
    expect(front.received).toEqual(
      expect.arrayContaining([
        'SignUp',
        'InitiateAuth:USER_SRP_AUTH',
        'RespondToAuthChallenge:PASSWORD_VERIFIER',
      ]),
    );
  });

  it('refuses a wrong password, a forged claim and an A of zero', async () => {
    await expect(reference('Wrong-Passw0rd-2')).rejects.toMatchObject({ code: 'NotAuthorizedException' });
    const A = randomBytes(384).toString('hex');
    const started = await call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: 'srp@example.com', SRP_A: A },
    });
    expect(started.json.ChallengeName).toBe('PASSWORD_VERIFIER');
    const params = started.json.ChallengeParameters as Record<string, string>;
    const forged = await call('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: started.json.Session,
      ChallengeResponses: {
        USERNAME: params.USERNAME,
        PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK,
        PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString('base64'),
        TIMESTAMP: cognitoTimestamp(new Date()),
      },
    });
    expect(forged).toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });
    const zero = await call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: 'srp@example.com', SRP_A: '0' },
    });
    expect(zero).toMatchObject({ status: 400, json: { __type: 'InvalidParameterException' } });
  });

  it('asks its custom challenge and checks the configured answer', async () => {
    const started = await call('InitiateAuth', {
      AuthFlow: 'CUSTOM_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: 'srp@example.com' },
    });
    expect(started.json.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const answer = (ANSWER: string, Session: unknown) =>
      call('RespondToAuthChallenge', {
        ClientId: pool.clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session,
        ChallengeResponses: {
          USERNAME: (started.json.ChallengeParameters as { USERNAME: string }).USERNAME,
          ANSWER,
        },
      });
    await expect(answer('42', started.json.Session)).resolves.toMatchObject({ status: 400 });
    const done = await answer('blue', started.json.Session);
    expect(done.status).toBe(200);
    expect(done.json.AuthenticationResult).toEqual(expect.objectContaining({ IdToken: expect.any(String) }));
  });

  it('forwards other calls unchanged and fails the next call of an operation on request', async () => {
    front.failNext('ListUserPools', 'TooManyRequestsException', 'slow down');
    const failed = await call('ListUserPools', { MaxResults: 10 });
    expect(failed).toMatchObject({
      status: 400,
      json: { __type: 'TooManyRequestsException', message: 'slow down' },
    });
    const listed = await call('ListUserPools', { MaxResults: 10 });
    expect(listed.status).toBe(200);
    expect(listed.json.UserPools).toEqual([expect.objectContaining({ Id: pool.poolId })]);
    const unknown = await call('GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: 'x' });
    expect(unknown.json.__type).toBe('UnknownOperationException');
  });
});
