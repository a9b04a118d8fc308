import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';
import { rememberSecrets } from './support/secrets';

const PASSWORD = 'Srp-Proxy-Pass-1';
let users: SrpUserPool;
let pool: { poolId: string; clientId: string };

beforeAll(async () => {
  users = await startSrpUserPool();
  pool = await users.createPool();
  rememberSecrets(PASSWORD, `Tmp-${PASSWORD}`);
}, 30_000);

afterAll(async () => {
  await users.stop();
});

/** Signs in with AWS's own SRP client (amazon-cognito-identity-js) through the proxy. */
function referenceSignIn(username: string, password: string): Promise<{ idToken: string }> {
  const userPool = new CognitoUserPool({
    UserPoolId: pool.poolId,
    ClientId: pool.clientId,
    endpoint: users.endpoint,
  });
  const user = new CognitoUser({ Username: username, Pool: userPool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ idToken: session.getIdToken().getJwtToken() }),
      onFailure: reject,
    }),
  );
}

describe('the SRP front of the emulator package, in front of cognito-local', () => {
  it('lets amazon-cognito-identity-js sign in with USER_SRP_AUTH and the right password', async () => {
    await users.createUser(pool.poolId, 'ref-ok@example.com', PASSWORD);
    const { idToken } = await referenceSignIn('ref-ok@example.com', PASSWORD);
    rememberSecrets(idToken);
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims.email).toBe('ref-ok@example.com');
    expect(claims.iss).toBe(`${users.issuerDomain}/${pool.poolId}`);
    expect(users.proxy.received).toEqual(
      expect.arrayContaining(['InitiateAuth:USER_SRP_AUTH', 'RespondToAuthChallenge:PASSWORD_VERIFIER']),
    );
  });

  it('refuses amazon-cognito-identity-js with a wrong password (NotAuthorizedException)', async () => {
    await users.createUser(pool.poolId, 'ref-wrong@example.com', PASSWORD);
    const error = await referenceSignIn('ref-wrong@example.com', 'Wrong-Pass-2').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NotAuthorizedException' });
  });

  it('refuses an unknown user', async () => {
    const error = await referenceSignIn('nobody@example.com', PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UserNotFoundException' });
  });
});
