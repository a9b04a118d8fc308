// Remembered devices that go wrong: forgotten elsewhere, tampered, another user's, bad input; and the
// device key, group key and secret never shown.
import { inspect } from 'node:util';
import {
  CognitoIdentityProviderClient,
  ForgetDeviceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { InvalidParameterException, NotAuthorizedException, SignedOutException } from '@plugboard/core';
import { leakedSecrets, rememberSecrets, secretScan } from './support/secrets';
import type { Harness, HarnessUserPool } from './support/harness';
import { DEVICE_PASSWORD, deviceSuite, type RecordingStorage } from './support/deviceSuite';
import type { SrpUserPool } from './support/srpUserPool';

const suite = deviceSuite('faulty');
const { userWithTotp, poolUsername, received } = suite;
let h: Harness;
let users: SrpUserPool;
let storage: RecordingStorage;
let pool: HarnessUserPool;
beforeEach(() => {
  ({ h, users, storage, pool } = suite);
});

describe('remembered devices that go wrong', () => {
  it('drops a device forgotten by another client with a warning, and signs in the normal way', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, DEVICE_PASSWORD);
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
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    expect(secretScan().written.slice(written).join('\n')).toMatch(/no longer knows the remembered device/);
    expect(storage.device(name)).toBeUndefined();
    await expect(h.plugin.confirmSignIn(totp.generate())).resolves.toMatchObject({ isSignedIn: true });
    expect(storage.device(name)?.deviceKey).not.toBe(forgotten.deviceKey);
  });

  it('refuses a tampered device secret, forgets the device here, and the next sign-in starts over', async () => {
    const { username, totp } = await userWithTotp();
    await h.plugin.signIn(username, DEVICE_PASSWORD);
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
    const refused = await h.plugin.signIn(username, DEVICE_PASSWORD).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotAuthorizedException);
    expect(storage.items.has(key)).toBe(false);
    expect(h.events.slice(events)).toEqual([]);
    await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
  });

  it('drops a device key of another user (the pool does not know it for this user) and signs in without it', async () => {
    const first = await userWithTotp();
    await h.plugin.signIn(first.username, DEVICE_PASSWORD);
    await h.plugin.confirmSignIn(first.totp.generate());
    const firstRecord = storage.device(await poolUsername())!;
    await h.plugin.signOut();
    const second = await userWithTotp();
    await h.plugin.signIn(second.username, DEVICE_PASSWORD);
    await h.plugin.confirmSignIn(second.totp.generate());
    const secondName = await poolUsername();
    await h.plugin.signOut();
    const key = `plugboard.auth.${pool.poolId}.device.${secondName}`;
    storage.items.set(key, JSON.stringify({ v: 1, ...firstRecord }));

    await expect(h.plugin.signIn(second.username, DEVICE_PASSWORD)).resolves.toMatchObject({
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
    await h.plugin.signIn(username, DEVICE_PASSWORD);
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
