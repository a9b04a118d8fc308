// Remembered devices against cognito-local behind the SRP front with device tracking: confirm, remember,
// device SRP without MFA, refresh bound to the device, fetch and forget.
import { InvalidStateException } from '@plugboard/core';
import type { Harness, HarnessUserPool } from './support/harness';
import { rememberSecrets } from './support/secrets';
import { DEVICE_PASSWORD, deviceSuite, type RecordingStorage } from './support/deviceSuite';
import type { SrpUserPool } from './support/srpUserPool';

const suite = deviceSuite('device');
const { userWithTotp, poolUsername, received } = suite;
let h: Harness;
let users: SrpUserPool;
let storage: RecordingStorage;
let pool: HarnessUserPool;
beforeEach(() => {
  ({ h, users, storage, pool } = suite);
});

describe('remembered devices', () => {
  it('confirms the issued device, remembers it, then signs in with device SRP and no MFA', async () => {
    const { username, totp } = await userWithTotp();
    // The set-up sign-in confirmed a device; the pool waits for the user to remember it.
    let mark = users.proxy.received.length;
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    expect(received(mark)).toContain('RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER');
    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toMatchObject({ isSignedIn: true });
    const name = await poolUsername();
    const record = storage.device(name)!;
    expect(record.secret).toMatch(/^[A-Za-z0-9+/]{54}==$/);
    expect(users.proxy.devices(pool.poolId, name)).toEqual([
      expect.objectContaining({ key: record.deviceKey, remembered: false }),
    ]);

    await h.plugin.rememberDevice();
    expect(users.proxy.devices(pool.poolId, name)).toEqual([
      expect.objectContaining({ key: record.deviceKey, remembered: true }),
    ]);
    const devices = await h.plugin.fetchDevices();
    expect(devices).toEqual([
      expect.objectContaining({
        id: record.deviceKey,
        name: expect.stringMatching(/^Node\.js v/),
        attributes: expect.objectContaining({ 'dev:device_remembered_status': 'remembered' }),
        createDate: expect.any(Date),
      }),
    ]);

    await h.plugin.signOut();
    expect(storage.device(name)).toEqual(record); // signing out keeps the device
    mark = users.proxy.received.length;
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(received(mark)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);

    // The refresh token is bound to the device: the refresh sends its key (without it the front refuses).
    mark = users.proxy.received.length;
    const session = await h.plugin.fetchAuthSession({ forceRefresh: true });
    expect(session.userPoolTokensResult.type).toBe('SUCCESS');
    expect(received(mark).length).toBeGreaterThan(0);
    expect(h.events.map((e) => e.name)).not.toContain('SESSION_EXPIRED');
  });

  it('USER_PASSWORD_AUTH with the e-mail the user types finds the device kept under the pool username', async () => {
    const { username, totp } = await userWithTotp();
    const flow = { authFlowType: 'USER_PASSWORD_AUTH' } as const;
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD, flow)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await h.plugin.confirmSignIn(totp.generate());
    const name = await poolUsername();
    expect(name).not.toBe(username);
    await h.plugin.rememberDevice();
    await h.plugin.signOut();

    const mark = users.proxy.received.length;
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD, flow)).resolves.toMatchObject({
      isSignedIn: true,
    });
    expect(received(mark)).toEqual([
      'InitiateAuth:USER_PASSWORD_AUTH',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    // The e-mail only points at the pool username's record; the secret is stored once.
    const stored = [...storage.items.values()].filter((v) => v.includes(storage.device(name)!.secret));
    expect(stored).toHaveLength(1);
  });

  it('keeps the device across a restart: the restored session refreshes with it, and the next sign-in skips MFA', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, DEVICE_PASSWORD);
    await h.plugin.confirmSignIn(totp.generate());
    await h.plugin.rememberDevice();
    await h.plugin.signOut();
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });

    const restarted = await h.restart();
    const events = h.events.length;
    const session = await restarted.fetchAuthSession({ forceRefresh: true });
    expect(session.userPoolTokensResult.type).toBe('SUCCESS');
    expect(h.events.slice(events).map((e) => e.name)).not.toContain('SESSION_EXPIRED');
    await restarted.signOut();
    const mark = users.proxy.received.length;
    await expect(restarted.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
    expect(received(mark)).toContain('RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER');
  });

  it('forgetDevice forgets the current device at the pool and here: the next sign-in asks for MFA', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, DEVICE_PASSWORD);
    await h.plugin.confirmSignIn(totp.generate());
    await h.plugin.rememberDevice();
    const name = await poolUsername();
    expect(storage.device(name)).toBeDefined();

    await h.plugin.forgetDevice();
    expect(storage.device(name)).toBeUndefined();
    expect(users.proxy.devices(pool.poolId, name)).toEqual([]);
    await expect(h.plugin.rememberDevice()).rejects.toBeInstanceOf(InvalidStateException);
    await h.plugin.signOut();

    const mark = users.proxy.received.length;
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    expect(received(mark)).not.toContain('RespondToAuthChallenge:DEVICE_SRP_AUTH');
    await h.plugin.confirmSignIn(totp.generate());
    // A new device was issued with these tokens and confirmed.
    expect(storage.device(name)).toBeDefined();
  });

  it('forgetDevice({ id }) forgets another device of the user and keeps the current one', async () => {
    const { username, totp } = await userWithTotp();
    // Without its record here, the next sign-in is a new device: the pool then has two.
    storage.items.clear();
    await h.plugin.signIn(username, DEVICE_PASSWORD);
    await h.plugin.confirmSignIn(totp.generate());
    const name = await poolUsername();
    const current = storage.device(name)!;
    const other = users.proxy.devices(pool.poolId, name).find((d) => d.key !== current.deviceKey);
    expect(other).toBeDefined();
    rememberSecrets(other!.key);
    await h.plugin.forgetDevice({ id: other!.key });
    expect(users.proxy.devices(pool.poolId, name).map((d) => d.key)).toEqual([current.deviceKey]);
    expect(storage.device(name)).toEqual(current);
  });
});
