import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  Amplify,
  InvalidParameterException,
  InvalidStateException,
  NotAuthorizedException,
  SignedOutException,
  type AuthSignUpResult,
} from '@plugboard/core';
import { CodeMismatchException, UsernameExistsException } from '../src';
import { startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { rememberSecrets } from './support/secrets';
import { CUSTOM_CHALLENGE_ANSWER } from './support/srpProxy';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';

const PASSWORD = 'Api-Passw0rd-1';
const NEW_PASSWORD = 'Api-Passw0rd-2';
const CODE = '654321'; // cognito-local's one-time codes equal CODE
let users: SrpUserPool;
let pool: HarnessUserPool;
let count = 0;
let h: Harness;

beforeAll(async () => {
  process.env.CODE = CODE;
  try {
    users = await startSrpUserPool();
  } finally {
    delete process.env.CODE;
  }
  const created = await users.createPool();
  await users.admin.send(
    new UpdateUserPoolCommand({ UserPoolId: created.poolId, AutoVerifiedAttributes: ['email'] }),
  );
  pool = { ...created, endpoint: users.endpoint, port: users.port, issuerDomain: users.issuerDomain };
  rememberSecrets(PASSWORD, NEW_PASSWORD, `Tmp-${PASSWORD}`, 'Wrong-Passw0rd-9');
}, 30_000);

afterAll(async () => {
  await users.stop();
});

beforeEach(async () => {
  h = await startHarness({ userPool: pool });
});

afterEach(async () => {
  await h.stop();
});

async function newUser(): Promise<string> {
  const username = `api${++count}@example.com`;
  await users.createUser(pool.poolId, username, PASSWORD);
  return username;
}

describe('signIn flows through the SRP proxy', () => {
  it('proves the password with SRP by default and never sends it', async () => {
    const username = await newUser();
    const before = users.proxy.received.length;
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
    ]);
  });

  it('refuses a wrong password proved with SRP with NotAuthorizedException and stays signed out', async () => {
    const username = await newUser();
    const error = await h.plugin.signIn(username, 'Wrong-Passw0rd-9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAuthorizedException);
    expect(String((error as Error).message)).not.toContain('Wrong-Passw0rd-9');
    await expect(h.plugin.getCurrentUser()).rejects.toBeInstanceOf(SignedOutException);
  });

  it('signs in with USER_PASSWORD_AUTH when asked', async () => {
    const username = await newUser();
    const before = users.proxy.received.length;
    await h.plugin.signIn(username, PASSWORD, { authFlowType: 'USER_PASSWORD_AUTH' });
    expect(users.proxy.received.slice(before)).toEqual(['InitiateAuth:USER_PASSWORD_AUTH']);
  });

  it('answers a custom challenge after SRP (CUSTOM_AUTH_WITH_SRP); a wrong answer can be retried', async () => {
    const username = await newUser();
    const first = await h.plugin.signIn(username, PASSWORD, { authFlowType: 'CUSTOM_AUTH_WITH_SRP' });
    expect(first.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { question: 'six times seven?' },
    });
    await expect(h.plugin.confirmSignIn('41')).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(h.plugin.confirmSignIn(CUSTOM_CHALLENGE_ANSWER)).resolves.toMatchObject({
      isSignedIn: true,
    });
  });

  it('answers a custom challenge without a password (CUSTOM_AUTH_WITHOUT_SRP)', async () => {
    const username = await newUser();
    const first = await h.plugin.signIn(username, undefined, { authFlowType: 'CUSTOM_AUTH_WITHOUT_SRP' });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    await expect(h.plugin.confirmSignIn(CUSTOM_CHALLENGE_ANSWER)).resolves.toMatchObject({
      isSignedIn: true,
    });
  });

  it('signs in with an e-mail alias, answering with the pool username (USER_ID_FOR_SRP)', async () => {
    const created = await users.admin.send(
      new CreateUserPoolCommand({ PoolName: 'alias-pool', UsernameAttributes: ['email'] }),
    );
    const poolId = created.UserPool!.Id!;
    const client = await users.admin.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'alias-app' }),
    );
    await users.createUser(poolId, 'alias@example.com', PASSWORD);
    await h.stop();
    h = await startHarness({
      userPool: { ...pool, poolId, clientId: client.UserPoolClient!.ClientId! },
    });
    await expect(h.plugin.signIn('alias@example.com', PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
    const user = await h.plugin.getCurrentUser();
    expect(user.username).toBe(user.userId); // the pool's username is the sub, not the typed e-mail
    expect(user.username).not.toBe('alias@example.com');
  });

  it('asks for a password for the SRP flows before any request', async () => {
    const before = users.proxy.received.length;
    await expect(h.plugin.signIn('someone@example.com')).rejects.toBeInstanceOf(InvalidParameterException);
    expect(users.proxy.received.length).toBe(before);
  });
});

describe('sign-up', () => {
  it('signs up, refuses a wrong code, confirms, and signs in automatically', async () => {
    const username = `signup${++count}@example.com`;
    const result = await h.plugin.signUp(username, PASSWORD, {
      userAttributes: { email: username },
      autoSignIn: true,
    });
    expect(result).toMatchObject({
      isSignUpComplete: false,
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nextStep: { signUpStep: 'CONFIRM_SIGN_UP_STEP', codeDeliveryDetails: { deliveryMedium: 'EMAIL' } },
    });
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });
    await expect(h.plugin.autoSignIn()).rejects.toBeInstanceOf(InvalidStateException);
    await expect(h.plugin.confirmSignUp(username, '000000')).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(h.plugin.confirmSignUp(username, CODE)).resolves.toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'DONE' },
    });
    await expect(h.plugin.autoSignIn()).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect((await h.plugin.getCurrentUser()).userId).toBe(result.userId);
    expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
  });

  it('keeps the service error name of an existing username', async () => {
    const username = await newUser();
    const error = await h.plugin.signUp(username, PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsernameExistsException);
    expect(error).toMatchObject({ metadata: { serviceErrorName: 'UsernameExistsException' } });
  });

  it('reports the result through callbacks too', async () => {
    const username = `callback${++count}@example.com`;
    const result = await new Promise<AuthSignUpResult>((resolve, reject) =>
      h.plugin.signUp(username, PASSWORD, { userAttributes: { email: username } }, resolve, reject),
    );
    expect(result.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP_STEP');
    const error = await new Promise((resolve) => h.plugin.confirmSignUp(username, '', resolve, resolve));
    expect(error).toBeInstanceOf(InvalidParameterException);
  });
});

describe('passwords', () => {
  it('resets a forgotten password with the code, then signs in with the new one', async () => {
    const username = await newUser();
    await expect(h.plugin.resetPassword(username)).resolves.toMatchObject({
      isPasswordReset: false,
      nextStep: { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE' },
    });
    await expect(h.plugin.confirmResetPassword(username, NEW_PASSWORD, '000000')).rejects.toBeInstanceOf(
      CodeMismatchException,
    );
    await h.plugin.confirmResetPassword(username, NEW_PASSWORD, CODE);
    await expect(h.plugin.signIn(username, PASSWORD)).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(h.plugin.signIn(username, NEW_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
  });

  it('changes the password of the signed-in user', async () => {
    const username = await newUser();
    await expect(h.plugin.updatePassword(PASSWORD, NEW_PASSWORD)).rejects.toBeInstanceOf(SignedOutException);
    await h.plugin.signIn(username, PASSWORD);
    await Amplify.Auth.updatePassword(PASSWORD, NEW_PASSWORD);
    await h.plugin.signOut();
    await expect(h.plugin.signIn(username, NEW_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
  });
});

describe('user attributes', () => {
  it('fetches, updates, and confirms a changed email with the code', async () => {
    const username = await newUser();
    await h.plugin.signIn(username, PASSWORD);
    const attributes = await Amplify.Auth.fetchUserAttributes();
    expect(attributes).toEqual(expect.arrayContaining([{ key: 'email', value: username }]));
    const updated = await h.plugin.updateUserAttributes([
      { key: 'given_name', value: 'Ada' },
      { key: 'email', value: `new-${username}` },
    ]);
    expect(updated.given_name).toEqual({ isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } });
    expect(updated.email).toMatchObject({
      isUpdated: false,
      nextStep: {
        updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
        codeDeliveryDetails: { attributeName: 'email' },
      },
    });
    // cognito-local sends the code but answers without CodeDeliveryDetails.
    await expect(h.plugin.resendUserAttributeConfirmationCode('email')).resolves.toEqual({
      destination: '',
      deliveryMedium: 'UNKNOWN',
    });
    await expect(h.plugin.confirmUserAttribute('email', '000000')).rejects.toBeInstanceOf(
      CodeMismatchException,
    );
    await h.plugin.confirmUserAttribute('email', CODE);
    const after = await h.plugin.fetchUserAttributes();
    expect(after).toEqual(
      expect.arrayContaining([
        { key: 'given_name', value: 'Ada' },
        { key: 'email', value: `new-${username}` },
        { key: 'email_verified', value: 'true' },
      ]),
    );
  });

  it('rejects malformed attributes before any request', async () => {
    const before = users.proxy.received.length;
    await expect(h.plugin.updateUserAttributes([] as never)).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(h.plugin.updateUserAttributes([{ key: 'email', value: 3 as never }])).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    expect(users.proxy.received.length).toBe(before);
  });
});
