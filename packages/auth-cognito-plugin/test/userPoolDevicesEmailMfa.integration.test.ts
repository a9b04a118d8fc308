// E-mail MFA with device tracking: the EMAIL_OTP answer names the device the password step proved, so the
// pool binds the tokens to it instead of issuing a new device (as the TOTP and SMS answers do).
import type { Harness, HarnessUserPool } from './support/harness';
import { rememberSecrets } from './support/secrets';
import { DEVICE_PASSWORD, deviceSuite, type RecordingStorage } from './support/deviceSuite';
import type { SrpUserPool } from './support/srpUserPool';

const CODE = '31415926';
const suite = deviceSuite('email-device', { passwordless: { oneTimeCode: CODE } });
const { poolUsername, received } = suite;
let h: Harness;
let users: SrpUserPool;
let storage: RecordingStorage;
let pool: HarnessUserPool;
beforeEach(() => {
  ({ h, users, storage, pool } = suite);
  rememberSecrets(CODE);
});

describe('e-mail MFA with a device record', () => {
  it('answers the e-mail code with DEVICE_KEY: the device is kept, no second one is issued', async () => {
    const username = 'email-device-1@example.com';
    await users.createUser(pool.poolId, username, DEVICE_PASSWORD);
    // The first sign-in (no MFA yet) is a new device: confirmed and kept here, not remembered.
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
    await h.plugin.updateMFAPreference({ email: 'PREFERRED' });
    const name = await poolUsername();
    const record = storage.device(name)!;
    expect(users.proxy.devices(pool.poolId, name)).toEqual([
      expect.objectContaining({ key: record.deviceKey, remembered: false }),
    ]);
    await h.plugin.signOut();

    // A device that is not remembered does not skip MFA: device SRP, then the e-mail code.
    const mark = users.proxy.received.length;
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' },
    });
    expect(received(mark)).toContain('RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER');
    await expect(h.plugin.confirmSignIn(CODE)).resolves.toMatchObject({ isSignedIn: true });
    expect(received(mark)).toContain('RespondToAuthChallenge:EMAIL_OTP');

    // Bound to the device it named: the record is the same, and the pool still has that one device.
    expect(storage.device(name)).toEqual(record);
    expect(users.proxy.devices(pool.poolId, name).map((d) => d.key)).toEqual([record.deviceKey]);
    // The refresh token is bound to that device too (the front refuses a refresh without its key).
    const session = await h.plugin.fetchAuthSession({ forceRefresh: true });
    expect(session.userPoolTokensResult.type).toBe('SUCCESS');
  });
});
