import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { InMemoryKeyValueStorage, type Logger } from '@plugboard/core';
import { modPow, padHex } from '../src/srp/bigIntMath';
import { createDeviceVerifier } from '../src/srp/deviceVerifier';
import { webSrpCrypto, type SrpCrypto } from '../src/srp/srpCrypto';
import { SRP_G, SRP_N } from '../src/srp/srpGroup';
import { DeviceStore, deviceRecord } from '../src/session/DeviceStore';
import { SessionStorageException } from '../src/model/SessionStorageException';
import { rememberSecrets } from './support/secrets';

const KEY = 'us-east-1_0b7a3c52-5a3e-4a3b-9d1e-0c1d2e3f4a5b';
const GROUP = '-Abc123xyZ';
const SECRET = 'device-secret-of-forty-bytes-base64-form==';
rememberSecrets(KEY, GROUP, SECRET);

function warnings(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = {
    warn: (message: string) => void lines.push(message),
    info: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
    error: () => undefined,
  } as unknown as Logger;
  return { logger, lines };
}

describe('device records', () => {
  it('mask the key, group key and secret in inspect, String and JSON, and keep the values readable', () => {
    const record = deviceRecord(KEY, GROUP, SECRET);
    const shown = [inspect(record, { depth: 5 }), String(record), JSON.stringify(record), inspect([record])];
    for (const text of shown) {
      for (const value of [KEY, GROUP, SECRET]) expect(text).not.toContain(value);
    }
    expect([record.deviceKey, record.groupKey, record.secret]).toEqual([KEY, GROUP, SECRET]);
  });

  it('are kept per user apart from the session, and read back; unreadable ones are dropped with a warning', async () => {
    const storage = new InMemoryKeyValueStorage();
    const { logger, lines } = warnings();
    const store = new DeviceStore(storage, 'us-east-1_pool', logger);
    await store.save('alice', deviceRecord(KEY, GROUP, SECRET));
    await expect(store.load('alice')).resolves.toEqual(
      expect.objectContaining({ deviceKey: KEY, groupKey: GROUP, secret: SECRET }),
    );
    await expect(store.load('bob')).resolves.toBeUndefined();
    expect(inspect(store)).toBe('DeviceStore {}');
    for (const bad of ['{', '{"v":2}', JSON.stringify({ v: 1, deviceKey: KEY, groupKey: GROUP }), '[]']) {
      await storage.setItem('plugboard.auth.us-east-1_pool.device.carol', bad);
      await expect(store.load('carol')).resolves.toBeUndefined();
    }
    expect(lines).toHaveLength(4);
    await store.erase('alice');
    await expect(store.load('alice')).resolves.toBeUndefined();
  });

  it('follow one alias from a sign-in name to the pool username; erasing through it removes both', async () => {
    const storage = new InMemoryKeyValueStorage();
    const store = new DeviceStore(storage, 'us-east-1_pool', warnings().logger);
    await store.save('uuid-1', deviceRecord(KEY, GROUP, SECRET));
    await store.alias('alice@example.com', 'uuid-1');
    await store.alias('uuid-1', 'uuid-1'); // the same name: nothing to record
    await expect(store.load('alice@example.com')).resolves.toEqual(
      expect.objectContaining({ deviceKey: KEY }),
    );
    await store.alias('loop@example.com', 'alice@example.com'); // an alias of an alias is not followed
    await expect(store.load('loop@example.com')).resolves.toBeUndefined();
    await store.erase('alice@example.com');
    await expect(store.load('uuid-1')).resolves.toBeUndefined();
    await expect(
      storage.getItem('plugboard.auth.us-east-1_pool.device.alice@example.com'),
    ).resolves.toBeNull();
  });

  it('turn a refused write into a SessionStorageException that names no value', async () => {
    const storage = new InMemoryKeyValueStorage();
    storage.setItem = async () => {
      throw new Error('disk full');
    };
    const store = new DeviceStore(storage, 'us-east-1_pool', warnings().logger);
    const refused = await store.save('alice', deviceRecord(KEY, GROUP, SECRET)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SessionStorageException);
    expect(inspect(refused, { depth: 5 })).not.toContain(SECRET);
  });
});

describe('createDeviceVerifier', () => {
  it("is the password SRP's verifier with the group key as pool name and the device key as user id", async () => {
    const bytes: SrpCrypto = {
      ...webSrpCrypto,
      randomBytes: (length) => Uint8Array.from({ length }, (_, i) => (i * 37 + 200) % 256),
    };
    const made = await createDeviceVerifier(GROUP, KEY, bytes);
    rememberSecrets(made.secret);
    expect(made.secret).toBe(Buffer.from(bytes.randomBytes(40)).toString('base64'));
    const saltHex = Buffer.from(bytes.randomBytes(16)).toString('hex');
    // The salt's top bit is set: its padded form has a leading zero byte, as Cognito hashes it.
    expect(Buffer.from(made.salt, 'base64').toString('hex')).toBe(`00${saltHex}`);
    const inner = createHash('sha256').update(`${GROUP}${KEY}:${made.secret}`).digest();
    const x = BigInt(
      `0x${createHash('sha256')
        .update(Buffer.concat([Buffer.from(`00${saltHex}`, 'hex'), inner]))
        .digest('hex')}`,
    );
    expect(Buffer.from(made.verifier, 'base64').toString('hex')).toBe(padHex(modPow(SRP_G, x, SRP_N)));
  });
});
