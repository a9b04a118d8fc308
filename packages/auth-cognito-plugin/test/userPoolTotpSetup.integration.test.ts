import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as OTPAuth from 'otpauth';
import type { TOTPSetupDetails } from '@plugboard/core';
import { CodeMismatchException } from '../src';
import { startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { rememberSecrets, rememberSessionSecrets } from './support/secrets';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';

// TOTP setup during sign-in (MFA_SETUP) through a real flow: the SRP front plays a pool that requires
// MFA (requireMfaSetup), cognito-local makes the TOTP secret and checks the codes.
const PASSWORD = 'Totp-Setup-Passw0rd-1';
const USERNAME = 'setup@example.com';

let users: SrpUserPool;
let pool: HarnessUserPool;
let h: Harness;

beforeAll(async () => {
  users = await startSrpUserPool({ front: { requireMfaSetup: true } });
  const { poolId, clientId } = await users.createPool();
  // MFA optional upstream, so that cognito-local asks for a TOTP code once the user has set it up.
  await users.local.admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  await users.createUser(poolId, USERNAME, PASSWORD);
  const { endpoint, port, issuerDomain } = users;
  pool = { poolId, clientId, endpoint, port, issuerDomain };
  rememberSecrets(PASSWORD);
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

/** Another code than `code` (a different number of the same length). */
const otherThan = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('TOTP setup during sign-in, against cognito-local behind the SRP front', () => {
  it('sets TOTP up after the SRP proof, keeps the step after a wrong code, then asks for TOTP codes', async () => {
    const before = users.proxy.received.length;
    const first = await h.plugin.signIn(USERNAME, PASSWORD);
    expect(first).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
        totpSetupDetails: expect.objectContaining({ sharedSecret: expect.any(String) }),
      },
    });
    const details = (first.nextStep as { totpSetupDetails?: TOTPSetupDetails }).totpSetupDetails;
    if (!details) throw new Error('no TOTP setup details');
    const { sharedSecret, getSetupURI } = details;
    rememberSecrets(sharedSecret);
    // What an authenticator app does with the setup URI.
    const totp = OTPAuth.URI.parse(getSetupURI('Plugboard', USERNAME));
    expect(totp).toBeInstanceOf(OTPAuth.TOTP);
    expect(totp.secret.base32).toBe(sharedSecret);
    expect(totp.issuer).toBe('Plugboard');

    const wrong = await h.plugin.confirmSignIn(otherThan(totp.generate())).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CodeMismatchException);
    expect((wrong as CodeMismatchException).metadata?.serviceErrorName).toBe(
      'EnableSoftwareTokenMFAException',
    );
    expect(h.events.filter((e) => e.name === 'SIGNED_IN')).toHaveLength(0);

    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(users.proxy.received.slice(before)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'VerifySoftwareToken',
      'RespondToAuthChallenge:MFA_SETUP',
    ]);
    expect(h.events.filter((e) => e.name === 'SIGNED_IN')).toHaveLength(1);
    const session = await h.plugin.fetchAuthSession();
    expect(session.userPoolTokensResult.type).toBe('SUCCESS');
    const { idToken } = (session.userPoolTokensResult as { value: { idToken: string } }).value;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as { iss: string };
    expect(claims.iss).toBe(`${users.issuerDomain}/${pool.poolId}`);
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    expect(session.identityIdResult.type).toBe('SUCCESS');
    rememberSessionSecrets(session);
    await expect(h.plugin.fetchMFAPreference()).resolves.toEqual(
      expect.objectContaining({ enabled: ['TOTP'], preferred: 'TOTP' }),
    );
    await h.plugin.signOut();

    // Set up now: the next sign-in asks for a code of the same authenticator.
    const mark = users.proxy.received.length;
    await expect(h.plugin.signIn(USERNAME, PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(users.proxy.received.slice(mark)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
    ]);
    const again = await h.plugin.fetchAuthSession();
    expect(again.awsCredentialsResult.type).toBe('SUCCESS');
  });
});
