import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
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
import { startHarness } from './support/harness';

import { CODE, NEW_PASSWORD, PASSWORD, userPoolSuite } from './support/userPoolSuite';

const suite = userPoolSuite();

describe('signIn flows through the SRP front', () => {
  it('proves the password with SRP by default and never sends it', async () => {
    const username = await suite.newUser();
    const before = suite.users.proxy.received.length;
    await expect(suite.h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(suite.users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
    ]);
  });

  it('refuses a wrong password proved with SRP with NotAuthorizedException and stays signed out', async () => {
    const username = await suite.newUser();
    const error = await suite.h.plugin.signIn(username, 'Wrong-Passw0rd-9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAuthorizedException);
    expect(String((error as Error).message)).not.toContain('Wrong-Passw0rd-9');
    await expect(suite.h.plugin.getCurrentUser()).rejects.toBeInstanceOf(SignedOutException);
  });

  it('signs in with USER_PASSWORD_AUTH when asked', async () => {
    const username = await suite.newUser();
    const before = suite.users.proxy.received.length;
    await suite.h.plugin.signIn(username, PASSWORD, { authFlowType: 'USER_PASSWORD_AUTH' });
    expect(suite.users.proxy.received.slice(before)).toEqual(['InitiateAuth:USER_PASSWORD_AUTH']);
  });

  it('answers a custom challenge after SRP (CUSTOM_AUTH_WITH_SRP); a wrong answer can be retried', async () => {
    const username = await suite.newUser();
    const first = await suite.h.plugin.signIn(username, PASSWORD, { authFlowType: 'CUSTOM_AUTH_WITH_SRP' });
    expect(first.nextStep).toMatchObject({
      signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
      additionalInfo: { question: 'six times seven?' },
    });
    await expect(suite.h.plugin.confirmSignIn('41')).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(
      suite.h.plugin.confirmSignIn(suite.users.proxy.customChallengeAnswer),
    ).resolves.toMatchObject({
      isSignedIn: true,
    });
  });

  it('answers a custom challenge without a password (CUSTOM_AUTH_WITHOUT_SRP)', async () => {
    const username = await suite.newUser();
    const first = await suite.h.plugin.signIn(username, undefined, {
      authFlowType: 'CUSTOM_AUTH_WITHOUT_SRP',
    });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
    await expect(
      suite.h.plugin.confirmSignIn(suite.users.proxy.customChallengeAnswer),
    ).resolves.toMatchObject({
      isSignedIn: true,
    });
  });

  it('signs in with an e-mail alias, answering with the suite.pool username (USER_ID_FOR_SRP)', async () => {
    const created = await suite.users.admin.send(
      new CreateUserPoolCommand({ PoolName: 'alias-suite.pool', UsernameAttributes: ['email'] }),
    );
    const poolId = created.UserPool!.Id!;
    const client = await suite.users.admin.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'alias-app' }),
    );
    await suite.users.createUser(poolId, 'alias@example.com', PASSWORD);
    await suite.h.stop();
    suite.h = await startHarness({
      userPool: { ...suite.pool, poolId, clientId: client.UserPoolClient!.ClientId! },
    });
    await expect(suite.h.plugin.signIn('alias@example.com', PASSWORD)).resolves.toMatchObject({
      isSignedIn: true,
    });
    const user = await suite.h.plugin.getCurrentUser();
    expect(user.username).toBe(user.userId); // the pool's username is the sub, not the typed e-mail
    expect(user.username).not.toBe('alias@example.com');
  });

  it('asks for a password for the SRP flows before any request', async () => {
    const before = suite.users.proxy.received.length;
    await expect(suite.h.plugin.signIn('someone@example.com')).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    expect(suite.users.proxy.received.length).toBe(before);
  });
});

describe('sign-up', () => {
  it('signs up, refuses a wrong code, confirms, and signs in automatically', async () => {
    const username = `signup${Date.now()}@example.com`;
    const result = await suite.h.plugin.signUp(username, PASSWORD, {
      userAttributes: { email: username },
      autoSignIn: true,
    });
    expect(result).toMatchObject({
      isSignUpComplete: false,
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nextStep: { signUpStep: 'CONFIRM_SIGN_UP_STEP', codeDeliveryDetails: { deliveryMedium: 'EMAIL' } },
    });
    await expect(suite.h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });
    await expect(suite.h.plugin.autoSignIn()).rejects.toBeInstanceOf(InvalidStateException);
    await expect(suite.h.plugin.confirmSignUp(username, '000000')).rejects.toBeInstanceOf(
      CodeMismatchException,
    );
    await expect(suite.h.plugin.confirmSignUp(username, CODE)).resolves.toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'DONE' },
    });
    await expect(suite.h.plugin.autoSignIn()).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect((await suite.h.plugin.getCurrentUser()).userId).toBe(result.userId);
    expect(suite.h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
  });

  it('keeps the service error name of an existing username', async () => {
    const username = await suite.newUser();
    const error = await suite.h.plugin.signUp(username, PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsernameExistsException);
    expect(error).toMatchObject({ metadata: { serviceErrorName: 'UsernameExistsException' } });
  });

  it('reports the result through callbacks too', async () => {
    const username = `callback${Date.now()}@example.com`;
    const result = await new Promise<AuthSignUpResult>((resolve, reject) =>
      suite.h.plugin.signUp(username, PASSWORD, { userAttributes: { email: username } }, resolve, reject),
    );
    expect(result.nextStep.signUpStep).toBe('CONFIRM_SIGN_UP_STEP');
    const error = await new Promise((resolve) =>
      suite.h.plugin.confirmSignUp(username, '', resolve, resolve),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
  });
});

describe('passwords', () => {
  it('resets a forgotten password with the code, then signs in with the new one', async () => {
    const username = await suite.newUser();
    await expect(suite.h.plugin.resetPassword(username)).resolves.toMatchObject({
      isPasswordReset: false,
      nextStep: { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE' },
    });
    await expect(
      suite.h.plugin.confirmResetPassword(username, NEW_PASSWORD, '000000'),
    ).rejects.toBeInstanceOf(CodeMismatchException);
    await suite.h.plugin.confirmResetPassword(username, NEW_PASSWORD, CODE);
    await expect(suite.h.plugin.signIn(username, PASSWORD)).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(suite.h.plugin.signIn(username, NEW_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
  });

  it('changes the password of the signed-in user', async () => {
    const username = await suite.newUser();
    await expect(suite.h.plugin.updatePassword(PASSWORD, NEW_PASSWORD)).rejects.toBeInstanceOf(
      SignedOutException,
    );
    await suite.h.plugin.signIn(username, PASSWORD);
    await Amplify.Auth.updatePassword(PASSWORD, NEW_PASSWORD);
    await suite.h.plugin.signOut();
    await expect(suite.h.plugin.signIn(username, NEW_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
  });
});

describe('user attributes', () => {
  it('fetches, updates, and confirms a changed email with the code', async () => {
    const username = await suite.newUser();
    await suite.h.plugin.signIn(username, PASSWORD);
    const attributes = await Amplify.Auth.fetchUserAttributes();
    expect(attributes).toEqual(expect.arrayContaining([{ key: 'email', value: username }]));
    const updated = await suite.h.plugin.updateUserAttributes([
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
    await expect(suite.h.plugin.resendUserAttributeConfirmationCode('email')).resolves.toEqual({
      destination: '',
      deliveryMedium: 'UNKNOWN',
    });
    await expect(suite.h.plugin.confirmUserAttribute('email', '000000')).rejects.toBeInstanceOf(
      CodeMismatchException,
    );
    await suite.h.plugin.confirmUserAttribute('email', CODE);
    const after = await suite.h.plugin.fetchUserAttributes();
    expect(after).toEqual(
      expect.arrayContaining([
        { key: 'given_name', value: 'Ada' },
        { key: 'email', value: `new-${username}` },
        { key: 'email_verified', value: 'true' },
      ]),
    );
  });

  it('rejects malformed attributes before any request', async () => {
    const before = suite.users.proxy.received.length;
    await expect(suite.h.plugin.updateUserAttributes([] as never)).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(
      suite.h.plugin.updateUserAttributes([{ key: 'email', value: 3 as never }]),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    expect(suite.users.proxy.received.length).toBe(before);
  });
});
