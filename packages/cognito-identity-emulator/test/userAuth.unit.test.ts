import { FrontFailure, type Upstream } from '../src/userPoolSrp/userPoolUpstream';
import { passwordlessSettings } from '../src/userPoolSrp/passwordless';
import { userAuth, type PasswordSteps } from '../src/userPoolSrp/userAuth';
import { WebAuthnStore } from '../src/userPoolSrp/webAuthn';

// Choice-based sign-in sessions on an injected clock, with an upstream that knows one pool, one client
// (ALLOW_USER_AUTH) and one user with an e-mail address.
const POOL = 'local_Pool1';
const upstream = {
  poolIdFor: async () => POOL,
  clientSecret: async () => undefined,
  canonical: async (_: string, name: string) => (name === 'ann@example.com' ? 'ann' : undefined),
  must: async (operation: string) =>
    operation === 'DescribeUserPoolClient'
      ? { UserPoolClient: { ExplicitAuthFlows: ['ALLOW_USER_AUTH'] } }
      : {
          Username: 'ann',
          UserStatus: 'CONFIRMED',
          UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }],
        },
} as unknown as Upstream;
const steps: PasswordSteps = {
  beginSrp: () => ({}),
  password: async () => ({}),
  passwordless: async () => ({ AuthenticationResult: { AccessToken: 'token' } }),
  known: () => true,
};

describe('userAuth sessions', () => {
  it('last three minutes: wrong codes keep the step until then, and after it the answer is refused with the service wording', async () => {
    let clock = Date.UTC(2026, 11, 6, 4, 0, 0);
    const settings = passwordlessSettings({ oneTimeCode: '424242' })!;
    const auth = userAuth(settings, upstream, new WebAuthnStore(settings, upstream), steps, () => clock);
    const start = async () =>
      (await auth.initiate({
        AuthFlow: 'USER_AUTH',
        ClientId: 'client',
        AuthParameters: { USERNAME: 'ann@example.com', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      }))!;
    const answer = (session: unknown, code: string) =>
      auth.respond({
        ChallengeName: 'EMAIL_OTP',
        Session: session,
        ChallengeResponses: { USERNAME: 'ann', EMAIL_OTP_CODE: code },
      });

    const first = await start();
    clock += 179_000;
    await expect(answer(first.Session, '000000')).rejects.toMatchObject({ type: 'CodeMismatchException' });
    await expect(answer(first.Session, '424242')).resolves.toEqual({
      AuthenticationResult: { AccessToken: 'token' },
    });

    const second = await start();
    clock += 180_000;
    const late = await answer(second.Session, '424242').catch((e: unknown) => e);
    expect(late).toBeInstanceOf(FrontFailure);
    expect(late).toMatchObject({
      type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
    await expect(answer(second.Session, '424242')).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    // A session the front never opened is not its own: the sign-in side answers for it.
    await expect(answer('unknown', '424242')).resolves.toBeUndefined();
    expect(settings.lastCode(POOL, 'ann')).toBe('424242');
  });
});
