import { inspect } from 'node:util';
import {
  CognitoIdentityProviderClient,
  ForgetDeviceCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  InvalidParameterException,
  InvalidStateException,
  NotAuthorizedException,
  SignedOutException,
  type KeyValueStorage,
} from '@plugboard/core';
import * as OTPAuth from 'otpauth';
import { startHarness, type Harness, type HarnessUserPool } from './support/harness';
import { leakedSecrets, rememberSecrets, secretScan } from './support/secrets';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';

const PASSWORD = 'Device-Passw0rd-1';
let users: SrpUserPool;
let pool: HarnessUserPool;
let h: Harness;
let storage: RecordingStorage;
let count = 0;

/** Storage the test can read: the device record is there, and nowhere else. */
class RecordingStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  async getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  async setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  async removeItem(key: string) {
    this.items.delete(key);
  }
  /** The stored device record of `username`, remembered as secrets. */
  device(username: string): { deviceKey: string; groupKey: string; secret: string } | undefined {
    const text = this.items.get(`plugboard.auth.${pool.poolId}.device.${username}`);
    if (!text) return undefined;
    const record = JSON.parse(text) as { deviceKey: string; groupKey: string; secret: string };
    rememberSecrets(record.deviceKey, record.groupKey, record.secret);
    return record;
  }
}

beforeAll(async () => {
  users = await startSrpUserPool({
    front: { deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true } },
  });
  const created = await users.createPool();
  await users.local.admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: created.poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  pool = { ...created, endpoint: users.endpoint, port: users.port, issuerDomain: users.issuerDomain };
  rememberSecrets(PASSWORD);
}, 30_000);

afterAll(async () => {
  await users.stop();
});

beforeEach(async () => {
  storage = new RecordingStorage();
  h = await startHarness({ userPool: pool, storage });
});

afterEach(async () => {
  await h.stop();
});

/** A new user with TOTP MFA preferred; signed out, with the device of the set-up sign-in kept. */
async function userWithTotp(): Promise<{ username: string; totp: OTPAuth.TOTP }> {
  const username = `device${++count}@example.com`;
  await users.createUser(pool.poolId, username, PASSWORD);
  await expect(h.plugin.signIn(username, PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
  const { sharedSecret } = await h.plugin.setUpTOTP();
  rememberSecrets(sharedSecret);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(sharedSecret), digits: 6, period: 30 });
  await h.plugin.verifyTOTPSetup(totp.generate());
  await h.plugin.updateMFAPreference(undefined, 'PREFERRED');
  await h.plugin.signOut();
  return { username, totp };
}

const poolUsername = async (): Promise<string> => (await h.plugin.getCurrentUser()).username;
const received = (since: number): string[] => users.proxy.received.slice(since);

describe('remembered devices', () => {
  it('confirms the issued device, remembers it, then signs in with device SRP and no MFA', async () => {
    const { username, totp } = await userWithTotp();
    // The set-up sign-in confirmed a device; the pool waits for the user to remember it.
    let mark = users.proxy.received.length;
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
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
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toEqual({
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
    await expect(h.plugin.signIn(username, PASSWORD, flow)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await h.plugin.confirmSignIn(totp.generate());
    const name = await poolUsername();
    expect(name).not.toBe(username);
    await h.plugin.rememberDevice();
    await h.plugin.signOut();

    const mark = users.proxy.received.length;
    await expect(h.plugin.signIn(username, PASSWORD, flow)).resolves.toMatchObject({ isSignedIn: true });
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
    await h.plugin.signIn(username, PASSWORD);
    await h.plugin.confirmSignIn(totp.generate());
    await h.plugin.rememberDevice();
    await h.plugin.signOut();
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toMatchObject({ isSignedIn: true });

    const restarted = await h.restart();
    const events = h.events.length;
    const session = await restarted.fetchAuthSession({ forceRefresh: true });
    expect(session.userPoolTokensResult.type).toBe('SUCCESS');
    expect(h.events.slice(events).map((e) => e.name)).not.toContain('SESSION_EXPIRED');
    await restarted.signOut();
    const mark = users.proxy.received.length;
    await expect(restarted.signIn(username, PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
    expect(received(mark)).toContain('RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER');
  });

  it('forgetDevice forgets the current device at the pool and here: the next sign-in asks for MFA', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, PASSWORD);
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
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toMatchObject({
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
    await h.plugin.signIn(username, PASSWORD);
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

  it('drops a device forgotten by another client with a warning, and signs in the normal way', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, PASSWORD);
    await h.plugin.confirmSignIn(totp.generate());
    await h.plugin.rememberDevice();
    const name = await poolUsername();
    const forgotten = storage.device(name)!;
    const session = await h.plugin.fetchAuthSession();
    const accessToken =
      session.userPoolTokensResult.type === 'SUCCESS' ? session.userPoolTokensResult.value.accessToken : '';
    const other = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: users.endpoint,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) },
    });
    try {
      await other.send(new ForgetDeviceCommand({ AccessToken: accessToken, DeviceKey: forgotten.deviceKey }));
    } finally {
      other.destroy();
    }
    await h.plugin.signOut();

    const written = secretScan().written.length;
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    expect(secretScan().written.slice(written).join('\n')).toMatch(/no longer knows the remembered device/);
    expect(storage.device(name)).toBeUndefined();
    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toMatchObject({ isSignedIn: true });
    expect(storage.device(name)?.deviceKey).not.toBe(forgotten.deviceKey);
  });

  it('refuses a tampered device secret, forgets the device here, and the next sign-in starts over', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, PASSWORD);
    await h.plugin.confirmSignIn(totp.generate());
    await h.plugin.rememberDevice();
    const name = await poolUsername();
    const record = storage.device(name)!;
    await h.plugin.signOut();
    const key = `plugboard.auth.${pool.poolId}.device.${name}`;
    const tampered = `${record.secret.slice(0, 10)}${record.secret[10] === 'A' ? 'B' : 'A'}${record.secret.slice(11)}`;
    rememberSecrets(tampered);
    storage.items.set(key, JSON.stringify({ v: 1, ...record, secret: tampered }));

    const events = h.events.length;
    const refused = await h.plugin.signIn(username, PASSWORD).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotAuthorizedException);
    expect(storage.items.has(key)).toBe(false);
    expect(h.events.slice(events)).toEqual([]);
    await expect(h.plugin.signIn(username, PASSWORD)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
  });

  it('drops a device key of another user (the pool does not know it for this user) and signs in without it', async () => {
    const first = await userWithTotp();
    await h.plugin.signIn(first.username, PASSWORD);
    await h.plugin.confirmSignIn(first.totp.generate());
    const firstRecord = storage.device(await poolUsername())!;
    await h.plugin.signOut();
    const second = await userWithTotp();
    await h.plugin.signIn(second.username, PASSWORD);
    await h.plugin.confirmSignIn(second.totp.generate());
    const secondName = await poolUsername();
    await h.plugin.signOut();
    const key = `plugboard.auth.${pool.poolId}.device.${secondName}`;
    storage.items.set(key, JSON.stringify({ v: 1, ...firstRecord }));

    await expect(h.plugin.signIn(second.username, PASSWORD)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    expect(storage.items.has(key)).toBe(false);
    await expect(h.plugin.confirmSignIn(second.totp.generate())).resolves.toMatchObject({ isSignedIn: true });
    expect(storage.device(secondName)?.deviceKey).not.toBe(firstRecord.deviceKey);
  });

  it('checks input before any request and needs a signed-in user', async () => {
    const mark = users.proxy.received.length;
    for (const bad of [null, 'key', {}, { id: '' }, { id: 7 }, { id: 'x'.repeat(56) }]) {
      await expect(h.plugin.forgetDevice(bad as never)).rejects.toBeInstanceOf(InvalidParameterException);
    }
    await expect(
      (h.plugin.rememberDevice as (o: unknown) => Promise<void>)({ now: true }),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    expect(received(mark)).toEqual([]);
    await expect(h.plugin.fetchDevices()).rejects.toBeInstanceOf(SignedOutException);
    await expect(h.plugin.forgetDevice()).rejects.toBeInstanceOf(SignedOutException);
    const listed = await new Promise<unknown>((resolve) => {
      h.plugin.fetchDevices(resolve, resolve);
    });
    expect(listed).toBeInstanceOf(SignedOutException);
  });

  it('never shows the device key, group key or secret in inspect, errors or logs', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, PASSWORD);
    await h.plugin.confirmSignIn(totp.generate());
    const record = storage.device(await poolUsername())!;
    const secrets = [record.deviceKey, record.groupKey, record.secret];
    const seen = [inspect(h.plugin, { depth: 10 }), String(h.plugin)];
    seen.push(inspect(await h.plugin.fetchAuthSession(), { depth: 10 }));
    const refused = await h.plugin.forgetDevice({ id: `${record.deviceKey}x` }).catch((e: unknown) => e);
    seen.push(inspect(refused, { depth: 10 }), String(refused));
    // The device secret itself is never sent where a log could show it: only its verifier is.
    seen.push(...secretScan().written);
    const text = seen.join('\n');
    expect(leakedSecrets(text).filter((s) => secrets.includes(s))).toEqual([]);
  });
});
