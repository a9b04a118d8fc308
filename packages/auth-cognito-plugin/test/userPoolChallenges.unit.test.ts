import { InMemoryKeyValueStorage, InvalidStateException } from '@plugboard/core';
import { createPluginContext } from '@plugboard/core/internals';
import { AWSCognitoAuthPlugin, CodeMismatchException } from '../src';
import {
  type AuthStepResponse,
  type UserPoolCalls,
  type UserPoolService,
  pluginWithTransports,
} from '../src/internal';
import { rememberSecrets } from './support/secrets';

/** A JWT-shaped token the plugin can read the claims of (it does not verify signatures). */
function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${part({ alg: 'none' })}.${part(claims)}.${'s'.repeat(16)}`;
  rememberSecrets(token);
  return token;
}

const TOKENS = () => ({
  accessToken: jwt({ sub: 'sub-1', exp: Math.floor(Date.now() / 1000) + 3600 }),
  idToken: jwt({ sub: 'sub-1', 'cognito:username': 'pool-user', exp: Math.floor(Date.now() / 1000) + 3600 }),
  refreshToken: 'refresh-token-secret-0123456789',
  expiresAt: Date.now() + 3600_000,
});

/**
 * User-pool calls scripted per test: each answer is taken in order; the log records what was sent
 * (challenge names and response keys, never values).
 */
function scripted(answers: (AuthStepResponse | Error)[]) {
  const log: string[] = [];
  const next = async (entry: string): Promise<AuthStepResponse> => {
    log.push(entry);
    const answer = answers.shift();
    if (!answer) throw new Error('no scripted answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const unused = async (): Promise<never> => {
    throw new Error('not scripted');
  };
  const calls: UserPoolCalls = {
    initiateAuth: (flow, params) => next(`InitiateAuth ${flow} ${Object.keys(params).sort().join(',')}`),
    respondToAuthChallenge: (name, responses, session) =>
      next(`Respond ${name} ${Object.keys(responses).sort().join(',')} session=${session ?? '-'}`),
    associateSoftwareToken: async (auth) => {
      log.push(`AssociateSoftwareToken ${'session' in auth ? auth.session : 'token'}`);
      return { secretCode: 'JBSWY3DPEHPK3PXP', session: 'session-after-associate' };
    },
    verifySoftwareToken: async (auth, code) => {
      log.push(`VerifySoftwareToken ${'session' in auth ? auth.session : 'token'}`);
      if (code !== '123456') throw new CodeMismatchException('wrong', 'retry');
      return { session: 'session-after-verify' };
    },
    resendConfirmationCode: async () => ({
      destination: 'a***@e***',
      deliveryMedium: 'EMAIL',
      attributeName: 'email',
    }),
    signUp: unused,
    confirmSignUp: unused,
    forgotPassword: unused,
    confirmForgotPassword: unused,
    changePassword: unused,
    getUser: unused,
    updateUserAttributes: unused,
    verifyUserAttribute: unused,
    getUserAttributeVerificationCode: unused,
    setUserMfaPreference: unused,
  };
  const service: UserPoolService = {
    signIn: unused,
    confirmNewPassword: unused,
    refresh: unused,
    globalSignOut: unused,
    revokeToken: unused,
    deleteUser: unused,
    calls,
  };
  return { service, log };
}

function plugin(service: UserPoolService): AWSCognitoAuthPlugin {
  const p = pluginWithTransports({ storage: new InMemoryKeyValueStorage(), userPoolService: service });
  p.configure(
    {
      CognitoUserPool: { Default: { PoolId: 'us-east-1_Pool1', AppClientId: 'client', Region: 'us-east-1' } },
    },
    createPluginContext('auth', 'awsCognitoAuthPlugin'),
  );
  return p;
}

const verifierChallenge = (): AuthStepResponse => ({
  challengeName: 'PASSWORD_VERIFIER',
  session: 's0',
  challengeParameters: { SALT: 'ab', SRP_B: '1f', SECRET_BLOCK: 'AAAA', USER_ID_FOR_SRP: 'pool-user' },
});

describe('AWSCognitoAuthPlugin sign-in challenges (scripted user-pool calls)', () => {
  it('answers SMS MFA with the pool username, keeps the challenge after a wrong code, completes with the right one', async () => {
    const { service, log } = scripted([
      verifierChallenge(),
      {
        challengeName: 'SMS_MFA',
        session: 's1',
        challengeParameters: {
          CODE_DELIVERY_DESTINATION: '+*******1234',
          CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
          USER_ID_FOR_SRP: 'pool-user',
        },
      },
      new CodeMismatchException('Invalid code.', 'Check the code.'),
      { challengeParameters: {}, tokens: TOKENS() },
    ]);
    const p = plugin(service);
    await expect(p.signIn('alias@example.com', 'Pass-word-1')).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE',
        codeDeliveryDetails: { destination: '+*******1234', deliveryMedium: 'SMS' },
      },
    });
    await expect(p.confirmSignIn('000000')).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(p.confirmSignIn('123456')).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(log).toEqual([
      'InitiateAuth USER_SRP_AUTH SRP_A,USERNAME',
      'Respond PASSWORD_VERIFIER PASSWORD_CLAIM_SECRET_BLOCK,PASSWORD_CLAIM_SIGNATURE,TIMESTAMP,USERNAME session=s0',
      'Respond SMS_MFA SMS_MFA_CODE,USERNAME session=s1',
      'Respond SMS_MFA SMS_MFA_CODE,USERNAME session=s1',
    ]);
    await expect(p.getCurrentUser()).resolves.toEqual({ username: 'pool-user', userId: 'sub-1' });
  });

  it('sets up TOTP during sign-in (MFA_SETUP): secret, first code, then the setup answer', async () => {
    const { service, log } = scripted([
      verifierChallenge(),
      {
        challengeName: 'MFA_SETUP',
        session: 's1',
        challengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'pool-user' },
      },
      { challengeParameters: {}, tokens: TOKENS() },
    ]);
    const p = plugin(service);
    const first = await p.signIn('pool-user', 'Pass-word-1');
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    expect(first.nextStep.totpSetupDetails?.sharedSecret).toBe('JBSWY3DPEHPK3PXP');
    expect(first.nextStep.totpSetupDetails?.getSetupURI('App')).toBe(
      'otpauth://totp/App:pool-user?secret=JBSWY3DPEHPK3PXP&issuer=App',
    );
    await expect(p.confirmSignIn('999999')).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(p.confirmSignIn('123456')).resolves.toMatchObject({ isSignedIn: true });
    expect(log.slice(2)).toEqual([
      'AssociateSoftwareToken s1',
      'VerifySoftwareToken session-after-associate',
      'VerifySoftwareToken session-after-associate',
      'Respond MFA_SETUP USERNAME session=session-after-verify',
    ]);
  });

  it('sends the new password with the attributes the pool asked for', async () => {
    const { service, log } = scripted([
      verifierChallenge(),
      {
        challengeName: 'NEW_PASSWORD_REQUIRED',
        session: 's1',
        challengeParameters: { requiredAttributes: '["userAttributes.name"]', USER_ID_FOR_SRP: 'pool-user' },
      },
      { challengeParameters: {}, tokens: TOKENS() },
    ]);
    const p = plugin(service);
    await expect(p.signIn('pool-user', 'Pass-word-1')).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: ['name'] },
    });
    await p.confirmSignIn('New-Pass-word-2', { userAttributes: { name: 'Ada' } });
    expect(log[2]).toBe('Respond NEW_PASSWORD_REQUIRED NEW_PASSWORD,USERNAME,userAttributes.name session=s1');
  });

  it('turns a required password reset into the RESET_PASSWORD step', async () => {
    const { PasswordResetRequiredException } = await import('../src');
    const { service } = scripted([
      new PasswordResetRequiredException('reset', 'reset', {
        metadata: { serviceErrorName: 'PasswordResetRequiredException' },
      }),
    ]);
    await expect(plugin(service).signIn('pool-user', 'Pass-word-1')).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'RESET_PASSWORD' },
    });
  });

  it('refuses confirmSignIn without a sign-in in progress', async () => {
    await expect(plugin(scripted([]).service).confirmSignIn('123456')).rejects.toBeInstanceOf(
      InvalidStateException,
    );
  });

  it('describes where a resent sign-up code went', async () => {
    await expect(plugin(scripted([]).service).resendSignUpCode('pool-user')).resolves.toEqual({
      destination: 'a***@e***',
      deliveryMedium: 'EMAIL',
      attributeName: 'email',
    });
  });

  it('refuses SRP with an injected service that has no calls, before any request', async () => {
    const { service } = scripted([]);
    const { calls: _calls, ...legacy } = service;
    await expect(plugin(legacy).signIn('pool-user', 'Pass-word-1')).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});
