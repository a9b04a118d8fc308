import { inspect } from 'node:util';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as OTPAuth from 'otpauth';
import { InvalidParameterException } from '@plugboard/core';
import { CodeMismatchException, WebAuthnNotSupportedException } from '../src';
import { startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { addPhone, startPasswordlessPool } from './support/passwordlessPool';
import { leakedSecrets, rememberSecrets, rememberSessionSecrets } from './support/secrets';
import type { SrpUserPool } from './support/srpUserPool';

// Choice-based sign-in (USER_AUTH) and e-mail MFA against cognito-local behind the SRP front with its
// passwordless option: the front sends the one-time codes (here always CODE) and checks them.
const PASSWORD = 'Passwordless-Passw0rd-1';
const CODE = '24681357'; // eight digits, long enough for the secret scanner
const WRONG = '97531864';
const USER = 'otp@example.com';
const PHONE_USER = 'sms-otp@example.com';
const MFA_USER = 'email-mfa@example.com';
const CHOOSER = 'email-or-totp@example.com';
const USER_AUTH = { authFlowType: 'USER_AUTH' } as const;

let users: SrpUserPool;
let pool: HarnessUserPool;
let h: Harness;

beforeAll(async () => {
  ({ users, pool } = await startPasswordlessPool({ oneTimeCode: CODE }));
  // MFA optional upstream, so that cognito-local asks for TOTP once a user has set it up.
  await users.local.admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: pool.poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  for (const name of [USER, PHONE_USER, MFA_USER, CHOOSER])
    await users.createUser(pool.poolId, name, PASSWORD);
  await addPhone(users, pool.poolId, PHONE_USER, '+15555550142');
  rememberSecrets(PASSWORD, CODE, WRONG);
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

const done = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
const signedIn = () => h.events.filter((e) => e.name === 'SIGNED_IN').length;

describe('USER_AUTH one-time codes', () => {
  it('signs in with an e-mail code, keeping the step after a wrong code; no secret in the error', async () => {
    const before = users.proxy.received.length;
    await expect(
      h.plugin.signIn(USER, undefined, { ...USER_AUTH, preferredChallenge: 'EMAIL_OTP' }),
    ).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: expect.stringContaining('***') },
      },
    });
    const wrong = await h.plugin.confirmSignIn(WRONG).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CodeMismatchException);
    expect(leakedSecrets(inspect(wrong, { depth: 8 }))).toEqual([]);
    expect(signedIn()).toBe(0);
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual(done);
    expect(users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_AUTH',
      'RespondToAuthChallenge:EMAIL_OTP',
      'RespondToAuthChallenge:EMAIL_OTP',
    ]);
    expect(signedIn()).toBe(1);
    await expect(h.plugin.getCurrentUser()).resolves.toEqual(
      expect.objectContaining({ userId: expect.any(String) }),
    );
    const session = await h.plugin.fetchAuthSession();
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    rememberSessionSecrets(session);
  });

  it('signs in with an SMS code', async () => {
    await expect(
      h.plugin.signIn(PHONE_USER, undefined, { ...USER_AUTH, preferredChallenge: 'SMS_OTP' }),
    ).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        codeDeliveryDetails: { deliveryMedium: 'SMS', destination: expect.stringMatching(/0142$/) },
      },
    });
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual(done);
  });

  it('offers the first factors without a preference and continues with the chosen one', async () => {
    await expect(h.plugin.signIn(PHONE_USER, undefined, USER_AUTH)).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        availableChallenges: ['EMAIL_OTP', 'SMS_OTP', 'PASSWORD', 'PASSWORD_SRP'],
      },
    });
    const refused = await h.plugin.confirmSignIn('WEB_AUTHN').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidParameterException);
    await expect(h.plugin.confirmSignIn('sms_otp')).resolves.toEqual(
      expect.objectContaining({
        nextStep: expect.objectContaining({ signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE' }),
      }),
    );
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual(done);
  });

  it('takes the password after PASSWORD or PASSWORD_SRP is chosen', async () => {
    for (const factor of ['PASSWORD', 'PASSWORD_SRP']) {
      await h.plugin.signIn(USER, undefined, USER_AUTH);
      const before = users.proxy.received.length;
      await expect(h.plugin.confirmSignIn(factor)).resolves.toEqual({
        isSignedIn: false,
        nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' },
      });
      expect(users.proxy.received.length).toBe(before); // chosen locally, sent with the password
      await expect(h.plugin.confirmSignIn(PASSWORD)).resolves.toEqual(done);
      expect(users.proxy.received.slice(before)).toEqual([
        'RespondToAuthChallenge:SELECT_CHALLENGE',
        ...(factor === 'PASSWORD_SRP' ? ['RespondToAuthChallenge:PASSWORD_VERIFIER'] : []),
      ]);
      await h.plugin.signOut();
    }
  });
});

describe('USER_AUTH with a password', () => {
  it('signs in with PASSWORD and with PASSWORD_SRP as the preferred challenge', async () => {
    let before = users.proxy.received.length;
    await expect(
      h.plugin.signIn(USER, PASSWORD, { ...USER_AUTH, preferredChallenge: 'PASSWORD' }),
    ).resolves.toEqual(done);
    expect(users.proxy.received.slice(before)).toEqual(['InitiateAuth:USER_AUTH']);
    await h.plugin.signOut();
    before = users.proxy.received.length;
    await expect(
      h.plugin.signIn(USER, PASSWORD, { ...USER_AUTH, preferredChallenge: 'PASSWORD_SRP' }),
    ).resolves.toEqual(done);
    expect(users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
    ]);
  });

  it('refuses a wrong password as NotAuthorized, without telling whether the user exists', async () => {
    const wrong = await h.plugin
      .signIn(USER, 'Not-The-Passw0rd', { ...USER_AUTH, preferredChallenge: 'PASSWORD' })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ name: 'NotAuthorizedException' });
    expect(signedIn()).toBe(0);
  });
});

describe('bad input, refused before any request', () => {
  it('checks preferredChallenge and WebAuthn availability', async () => {
    const before = users.proxy.received.length;
    const attempts = [
      h.plugin.signIn(USER, PASSWORD, { preferredChallenge: 'EMAIL_OTP' }),
      h.plugin.signIn(USER, undefined, { ...USER_AUTH, preferredChallenge: 'MAGIC_LINK' as never }),
      h.plugin.signIn(USER, undefined, { ...USER_AUTH, preferredChallenge: 'PASSWORD' }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(InvalidParameterException);
    const passkey = await h.plugin
      .signIn(USER, undefined, { ...USER_AUTH, preferredChallenge: 'WEB_AUTHN' })
      .catch((e: unknown) => e);
    expect(passkey).toBeInstanceOf(WebAuthnNotSupportedException);
    expect((passkey as WebAuthnNotSupportedException).recoverySuggestion).toMatch(/browser/);
    expect(users.proxy.received.length).toBe(before);
    await h.plugin.signIn(USER, PASSWORD);
    const registration = await h.plugin.associateWebAuthnCredential().catch((e: unknown) => e);
    expect(registration).toBeInstanceOf(WebAuthnNotSupportedException);
    await expect(h.plugin.listWebAuthnCredentials({ pageSize: 0 })).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(h.plugin.deleteWebAuthnCredential('not base64url!')).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(h.plugin.listWebAuthnCredentials()).resolves.toEqual({ credentials: [] });
  });
});

describe('e-mail MFA', () => {
  it('is turned on with updateMFAPreference, read back, then asked after the password', async () => {
    await h.plugin.signIn(MFA_USER, PASSWORD);
    await h.plugin.updateMFAPreference({ email: 'PREFERRED' });
    await expect(h.plugin.fetchMFAPreference()).resolves.toEqual({ enabled: ['EMAIL'], preferred: 'EMAIL' });
    await h.plugin.signOut();
    await expect(h.plugin.signIn(MFA_USER, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: expect.stringContaining('***') },
      },
    });
    await expect(h.plugin.confirmSignIn(WRONG)).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual(done);
    // the callback form of the record, then e-mail MFA off again
    await new Promise<void>((resolve, reject) =>
      h.plugin.updateMFAPreference({ email: 'DISABLED' }, resolve, reject),
    );
    await expect(h.plugin.fetchMFAPreference()).resolves.toEqual({});
  });
});

describe('e-mail MFA beside TOTP', () => {
  it('offers EMAIL in the MFA selection and sends the e-mail code when chosen', async () => {
    await h.plugin.signIn(CHOOSER, PASSWORD);
    const { sharedSecret } = await h.plugin.setUpTOTP();
    rememberSecrets(sharedSecret);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(sharedSecret), digits: 6, period: 30 });
    await h.plugin.verifyTOTPSetup(totp.generate());
    await h.plugin.updateMFAPreference({ totp: 'ENABLED', email: 'ENABLED' });
    const preference = await h.plugin.fetchMFAPreference();
    expect([...(preference.enabled ?? [])].sort()).toEqual(['EMAIL', 'TOTP']);
    await h.plugin.signOut();
    await expect(h.plugin.signIn(CHOOSER, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] },
    });
    await expect(h.plugin.confirmSignIn('EMAIL')).resolves.toEqual(
      expect.objectContaining({
        nextStep: expect.objectContaining({ signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' }),
      }),
    );
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual(done);
  });
});

describe('secrets of passwordless sign-in', () => {
  it('codes and passwords stay out of errors, results, events and the plugin while a step is pending', async () => {
    const seen: unknown[] = [];
    const capture = <T>(p: Promise<T>): Promise<void> =>
      p.then(
        (v) => void seen.push(v),
        (e: unknown) => void seen.push(e),
      );
    const p = h.plugin;
    await capture(p.signIn(USER, undefined, { ...USER_AUTH, preferredChallenge: 'EMAIL_OTP' }));
    await capture(p.confirmSignIn(WRONG));
    seen.push(p);
    await capture(p.confirmSignIn(CODE));
    await capture(p.signOut());
    await capture(p.signIn(USER, `${PASSWORD}-x`, { ...USER_AUTH, preferredChallenge: 'PASSWORD_SRP' }));
    await capture(p.signIn(USER, undefined, USER_AUTH));
    await capture(p.confirmSignIn('PASSWORD'));
    await capture(p.confirmSignIn(`${PASSWORD}-x`));
    seen.push(p);
    await capture(p.confirmSignIn(PASSWORD));
    seen.push(p, h.events);
    rememberSecrets(`${PASSWORD}-x`);
    expect(seen.filter((v) => v instanceof Error).length).toBeGreaterThanOrEqual(3);
    const text = seen
      .map((v) => `${inspect(v, { depth: 10 })}\n${v instanceof Error ? v.stack : ''}`)
      .join('\n');
    expect(leakedSecrets(text)).toEqual([]);
    expect(text).not.toContain(CODE);
    expect(text).not.toContain(WRONG);
  });
});
