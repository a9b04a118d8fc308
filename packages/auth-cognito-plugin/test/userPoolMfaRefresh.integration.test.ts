import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException } from '@plugboard/core';
import * as OTPAuth from 'otpauth';
import { CodeMismatchException } from '../src';
import { startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { rememberSecrets } from './support/secrets';
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

function totpFor(secret: string): OTPAuth.TOTP {
  rememberSecrets(secret);
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
}

/** A TOTP code that is certainly not the current one (nor one window around it). */
function wrongCode(totp: OTPAuth.TOTP): string {
  const near = [-1, 0, 1].map((w) => totp.generate({ timestamp: Date.now() + w * 30_000 }));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!near.includes(candidate)) return candidate;
  }
}

describe('TOTP MFA', () => {
  it('sets up TOTP, then asks for a TOTP code at sign-in; a wrong code can be retried', async () => {
    const username = await newUser();
    await h.plugin.signIn(username, PASSWORD);
    const setup = await h.plugin.setUpTOTP();
    const totp = totpFor(setup.sharedSecret);
    const { username: poolUsername } = await h.plugin.getCurrentUser();
    expect(setup.getSetupURI('Plugboard Demo')).toBe(
      `otpauth://totp/Plugboard%20Demo:${encodeURIComponent(poolUsername)}?secret=${setup.sharedSecret}&issuer=Plugboard%20Demo`,
    );
    await expect(h.plugin.verifyTOTPSetup(wrongCode(totp))).rejects.toBeInstanceOf(CodeMismatchException);
    await h.plugin.verifyTOTPSetup(totp.generate());
    await h.plugin.updateMFAPreference(undefined, 'PREFERRED');
    await expect(h.plugin.fetchMFAPreference()).resolves.toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
    await h.plugin.signOut();

    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    const refused = await h.plugin.confirmSignIn(wrongCode(totp)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CodeMismatchException);
    expect(h.events.filter((e) => e.name === 'SIGNED_IN')).toHaveLength(1);
    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    const session = await h.plugin.fetchAuthSession();
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    if (session.awsCredentialsResult.type === 'SUCCESS') {
      rememberSecrets(
        session.awsCredentialsResult.value.secretAccessKey,
        session.awsCredentialsResult.value.sessionToken,
      );
    }
  });

  it('lets the user choose between SMS and TOTP, then asks for the chosen code', async () => {
    const username = await newUser();
    await h.plugin.signIn(username, PASSWORD);
    const totp = totpFor((await h.plugin.setUpTOTP()).sharedSecret);
    await h.plugin.verifyTOTPSetup(totp.generate());
    await h.plugin.updateMFAPreference('ENABLED', 'ENABLED');
    await h.plugin.signOut();

    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP'] },
    });
    await expect(h.plugin.confirmSignIn('EMAIL')).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(h.plugin.confirmSignIn('TOTP')).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toMatchObject({ isSignedIn: true });
  });
});

describe('refresh', () => {
  it('falls back to REFRESH_TOKEN_AUTH when GetTokensFromRefreshToken is unknown, and remembers it', async () => {
    await h.plugin.signIn(await newUser(), PASSWORD);
    const before = users.proxy.received.length;
    await h.plugin.fetchAuthSession({ forceRefresh: true });
    await h.plugin.fetchAuthSession({ forceRefresh: true });
    expect(users.proxy.received.slice(before)).toEqual([
      'GetTokensFromRefreshToken',
      'InitiateAuth:REFRESH_TOKEN_AUTH',
      'InitiateAuth:REFRESH_TOKEN_AUTH',
    ]);
  });

  it('stores the rotated refresh token of a rotation client', async () => {
    users.proxy.enableRotation(true);
    try {
      await h.plugin.signIn(await newUser(), PASSWORD);
      const first = await h.plugin.fetchAuthSession({ forceRefresh: true });
      const second = await h.plugin.fetchAuthSession({ forceRefresh: true });
      const token = (s: typeof first): string =>
        s.userPoolTokensResult.type === 'SUCCESS' ? s.userPoolTokensResult.value.refreshToken : '';
      rememberSecrets(token(first), token(second));
      expect(token(first)).toMatch(/^rotated-/);
      expect(token(second)).toMatch(/^rotated-/);
      expect(token(second)).not.toBe(token(first));
    } finally {
      users.proxy.enableRotation(false);
    }
  });

  it('keeps the user signed in when the refresh fails on the client secret (a configuration error)', async () => {
    users.proxy.enableRotation(true);
    try {
      await h.plugin.signIn(await newUser(), PASSWORD);
      users.proxy.failNext(
        'GetTokensFromRefreshToken',
        'NotAuthorizedException',
        'SecretHash does not match for the client: x',
      );
      await h.plugin.fetchAuthSession({ forceRefresh: true });
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
      await expect(h.plugin.getCurrentUser()).resolves.toMatchObject({ userId: expect.any(String) });
      users.proxy.failNext(
        'GetTokensFromRefreshToken',
        'NotAuthorizedException',
        'Refresh Token has been revoked',
      );
      await h.plugin.fetchAuthSession({ forceRefresh: true });
      expect(h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'SESSION_EXPIRED']);
    } finally {
      users.proxy.enableRotation(false);
    }
  });
});
