import { InvalidParameterException } from '@plugboard/core';
import * as OTPAuth from 'otpauth';
import { CodeMismatchException } from '../src';
import { rememberSecrets, rememberSessionSecrets } from './support/secrets';
import { PASSWORD, userPoolSuite } from './support/userPoolSuite';

const suite = userPoolSuite();

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
    const username = await suite.newUser();
    await suite.h.plugin.signIn(username, PASSWORD);
    const setup = await suite.h.plugin.setUpTOTP();
    const totp = totpFor(setup.sharedSecret);
    const { username: poolUsername } = await suite.h.plugin.getCurrentUser();
    expect(setup.getSetupURI('Plugboard Demo')).toBe(
      `otpauth://totp/Plugboard%20Demo:${encodeURIComponent(poolUsername)}?secret=${setup.sharedSecret}&issuer=Plugboard%20Demo`,
    );
    await expect(suite.h.plugin.verifyTOTPSetup(wrongCode(totp))).rejects.toBeInstanceOf(
      CodeMismatchException,
    );
    await suite.h.plugin.verifyTOTPSetup(totp.generate());
    await suite.h.plugin.updateMFAPreference(undefined, 'PREFERRED');
    await expect(suite.h.plugin.fetchMFAPreference()).resolves.toEqual({
      enabled: ['TOTP'],
      preferred: 'TOTP',
    });
    await suite.h.plugin.signOut();

    await expect(suite.h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    const refused = await suite.h.plugin.confirmSignIn(wrongCode(totp)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CodeMismatchException);
    expect(suite.h.events.filter((e) => e.name === 'SIGNED_IN')).toHaveLength(1);
    await expect(suite.h.plugin.confirmSignIn(totp.generate())).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    const session = await suite.h.plugin.fetchAuthSession();
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    rememberSessionSecrets(session);
  });

  it('lets the user choose between SMS and TOTP, then asks for the chosen code', async () => {
    const username = await suite.newUser();
    await suite.h.plugin.signIn(username, PASSWORD);
    const totp = totpFor((await suite.h.plugin.setUpTOTP()).sharedSecret);
    await suite.h.plugin.verifyTOTPSetup(totp.generate());
    await suite.h.plugin.updateMFAPreference('ENABLED', 'ENABLED');
    await suite.h.plugin.signOut();

    await expect(suite.h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP'] },
    });
    await expect(suite.h.plugin.confirmSignIn('EMAIL')).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(suite.h.plugin.confirmSignIn('TOTP')).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await expect(suite.h.plugin.confirmSignIn(totp.generate())).resolves.toMatchObject({ isSignedIn: true });
  });
});

describe('refresh', () => {
  it('falls back to REFRESH_TOKEN_AUTH when GetTokensFromRefreshToken is unknown, and remembers it', async () => {
    await suite.h.plugin.signIn(await suite.newUser(), PASSWORD);
    const before = suite.users.proxy.received.length;
    await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
    await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
    expect(suite.users.proxy.received.slice(before)).toEqual([
      'GetTokensFromRefreshToken',
      'InitiateAuth:REFRESH_TOKEN_AUTH',
      'InitiateAuth:REFRESH_TOKEN_AUTH',
    ]);
  });

  it('stores the rotated refresh token of a rotation client', async () => {
    suite.users.proxy.enableRotation(true);
    try {
      await suite.h.plugin.signIn(await suite.newUser(), PASSWORD);
      const first = await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
      const second = await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
      const token = (s: typeof first): string =>
        s.userPoolTokensResult.type === 'SUCCESS' ? s.userPoolTokensResult.value.refreshToken : '';
      rememberSecrets(token(first), token(second));
      expect(token(first)).toMatch(/^rotated-/);
      expect(token(second)).toMatch(/^rotated-/);
      expect(token(second)).not.toBe(token(first));
    } finally {
      suite.users.proxy.enableRotation(false);
    }
  });

  it('keeps the user signed in when the refresh fails on the client secret (a configuration error)', async () => {
    suite.users.proxy.enableRotation(true);
    try {
      await suite.h.plugin.signIn(await suite.newUser(), PASSWORD);
      suite.users.proxy.failNext(
        'GetTokensFromRefreshToken',
        'NotAuthorizedException',
        'SecretHash does not match for the client: x',
      );
      await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
      expect(suite.h.events.map((e) => e.name)).toEqual(['SIGNED_IN']);
      await expect(suite.h.plugin.getCurrentUser()).resolves.toMatchObject({ userId: expect.any(String) });
      suite.users.proxy.failNext(
        'GetTokensFromRefreshToken',
        'NotAuthorizedException',
        'Refresh Token has been revoked',
      );
      await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
      expect(suite.h.events.map((e) => e.name)).toEqual(['SIGNED_IN', 'SESSION_EXPIRED']);
    } finally {
      suite.users.proxy.enableRotation(false);
    }
  });
});
