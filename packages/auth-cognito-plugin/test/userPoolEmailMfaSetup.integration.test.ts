import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as OTPAuth from 'otpauth';
import { InvalidParameterException, type TOTPSetupDetails } from '@plugboard/core';
import { startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { rememberSecrets } from './support/secrets';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';

// MFA set-up during sign-in when the pool offers TOTP and e-mail: the SRP front plays a pool that
// requires MFA (requireMfaSetup) with e-mail MFA on (passwordless option); cognito-local checks TOTP.
const PASSWORD = 'Mfa-Setup-Passw0rd-1';
const CODE = '86420975';

let users: SrpUserPool;
let pool: HarnessUserPool;
let h: Harness;

beforeAll(async () => {
  users = await startSrpUserPool({ front: { requireMfaSetup: true, passwordless: { oneTimeCode: CODE } } });
  const { poolId, clientId } = await users.createPool();
  await users.local.admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  for (const name of ['by-email@example.com', 'by-totp@example.com'])
    await users.createUser(poolId, name, PASSWORD);
  const { endpoint, port, issuerDomain } = users;
  pool = { poolId, clientId, endpoint, port, issuerDomain };
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

const selection = {
  isSignedIn: false,
  nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', allowedMFATypes: ['TOTP', 'EMAIL'] },
};

describe('MFA set-up with a choice of TOTP and e-mail', () => {
  it('sets e-mail MFA up with an address, keeping the step after a bad one', async () => {
    await expect(h.plugin.signIn('by-email@example.com', PASSWORD)).resolves.toEqual(selection);
    await expect(h.plugin.confirmSignIn('VOICE')).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(h.plugin.confirmSignIn('email')).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' },
    });
    await expect(h.plugin.confirmSignIn('not an address')).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(h.plugin.confirmSignIn('mfa-inbox@example.com')).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: expect.stringContaining('***') },
      },
    });
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    await expect(h.plugin.fetchMFAPreference()).resolves.toEqual({ enabled: ['EMAIL'], preferred: 'EMAIL' });
  });

  it('sets TOTP up when TOTP is chosen', async () => {
    await expect(h.plugin.signIn('by-totp@example.com', PASSWORD)).resolves.toEqual(selection);
    const chosen = await h.plugin.confirmSignIn('TOTP');
    expect(chosen.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    const { sharedSecret } = (chosen.nextStep as { totpSetupDetails: TOTPSetupDetails }).totpSetupDetails;
    rememberSecrets(sharedSecret);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(sharedSecret), digits: 6, period: 30 });
    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
  });
});
