import * as OTPAuth from 'otpauth';
import { CodeMismatchException } from '../src';
import { startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { rememberSecrets, rememberSessionSecrets } from './support/secrets';
import { SMS_NUMBER, startSmsMfaPool } from './support/smsMfaPool';
import type { SrpUserPool } from './support/srpUserPool';

// SMS MFA and the choice between SMS and TOTP, as cognito-local runs them (its codes equal CODE), with
// the plugin signing in through the SRP front.
const PASSWORD = 'Sms-Passw0rd-1';
const CODE = '246810';
const SMS_USER = 'sms@example.com';
const CHOOSER = 'chooser@example.com';

let users: SrpUserPool;
let pool: HarnessUserPool;
let h: Harness;

beforeAll(async () => {
  ({ users, pool } = await startSmsMfaPool([SMS_USER, CHOOSER], PASSWORD, CODE));
  rememberSecrets(PASSWORD, CODE);
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

describe('SMS MFA against cognito-local', () => {
  it('asks for the SMS code after the SRP proof, keeps the challenge after a wrong code, then signs in', async () => {
    const before = users.proxy.received.length;
    await expect(h.plugin.signIn(SMS_USER, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE',
        codeDeliveryDetails: expect.objectContaining({ deliveryMedium: 'SMS', destination: SMS_NUMBER }),
      },
    });
    const wrong = await h.plugin.confirmSignIn('000000').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CodeMismatchException);
    expect(h.events.filter((e) => e.name === 'SIGNED_IN')).toHaveLength(0);
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SMS_MFA',
      'RespondToAuthChallenge:SMS_MFA',
    ]);
    expect(h.events.filter((e) => e.name === 'SIGNED_IN')).toHaveLength(1);
    const session = await h.plugin.fetchAuthSession();
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    expect(session.identityIdResult.type).toBe('SUCCESS');
    rememberSessionSecrets(session);
  });

  it('lets a user with SMS and TOTP choose SMS, then asks for the SMS code', async () => {
    await h.plugin.signIn(CHOOSER, PASSWORD);
    await h.plugin.confirmSignIn(CODE);
    const { sharedSecret } = await h.plugin.setUpTOTP();
    rememberSecrets(sharedSecret);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(sharedSecret), digits: 6, period: 30 });
    await h.plugin.verifyTOTPSetup(totp.generate());
    await h.plugin.updateMFAPreference('ENABLED', 'ENABLED');
    const preference = await h.plugin.fetchMFAPreference();
    expect([...(preference.enabled ?? [])].sort()).toEqual(['SMS', 'TOTP']);
    expect(preference.preferred).toBeUndefined();
    await h.plugin.signOut();

    const before = users.proxy.received.length;
    await expect(h.plugin.signIn(CHOOSER, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION', allowedMFATypes: ['SMS', 'TOTP'] },
    });
    await expect(h.plugin.confirmSignIn('SMS')).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE',
        codeDeliveryDetails: expect.objectContaining({ deliveryMedium: 'SMS', destination: SMS_NUMBER }),
      },
    });
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SELECT_MFA_TYPE',
      'RespondToAuthChallenge:SMS_MFA',
    ]);
    const session = await h.plugin.fetchAuthSession();
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
  });
});
