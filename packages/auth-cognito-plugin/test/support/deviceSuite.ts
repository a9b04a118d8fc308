import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { KeyValueStorage } from '@plugboard/core';
import * as OTPAuth from 'otpauth';
import { startHarness, type Harness, type HarnessUserPool } from './harness';
import { rememberSecrets } from './secrets';
import { startSrpUserPool, type SrpUserPool } from './srpUserPool';

export const DEVICE_PASSWORD = 'Device-Passw0rd-1';

/** Storage the test can read: the device record is there, and nowhere else. */
export class RecordingStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly poolId: string) {}
  async getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  async setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  async removeItem(key: string) {
    this.items.delete(key);
  }
  /** The storage key of `username`'s device record. */
  key(username: string): string {
    return `plugboard.auth.${this.poolId}.device.${username}`;
  }
  /** The stored device record of `username`, remembered as secrets. */
  device(username: string): { deviceKey: string; groupKey: string; secret: string } | undefined {
    const text = this.items.get(this.key(username));
    if (!text) return undefined;
    const record = JSON.parse(text) as { deviceKey: string; groupKey: string; secret: string };
    rememberSecrets(record.deviceKey, record.groupKey, record.secret);
    return record;
  }
}

export interface DeviceSuite {
  users: SrpUserPool;
  pool: HarnessUserPool;
  h: Harness;
  storage: RecordingStorage;
  /** A new user with TOTP MFA preferred; signed out, with the device of the set-up sign-in kept. */
  userWithTotp(): Promise<{ username: string; totp: OTPAuth.TOTP }>;
  /** The signed-in user's pool username (the key of its device record). */
  poolUsername(): Promise<string>;
  /** The operations the SRP front received since `since`. */
  received(since: number): string[];
}

/**
 * Hooks of a device suite: cognito-local behind the SRP front with device tracking on (user opt-in:
 * `rememberDevice` remembers; remembered devices skip MFA), a pool with optional TOTP MFA, and per test
 * a harness whose storage the test can read.
 */
export function deviceSuite(
  prefix: string,
  front: Omit<NonNullable<Parameters<typeof startSrpUserPool>[0]>['front'], 'deviceTracking'> = {},
): DeviceSuite {
  let count = 0;
  const suite = {
    async userWithTotp() {
      const { h } = suite;
      const username = `${prefix}${++count}@example.com`;
      await suite.users.createUser(suite.pool.poolId, username, DEVICE_PASSWORD);
      await expect(h.plugin.signIn(username, DEVICE_PASSWORD)).resolves.toMatchObject({ isSignedIn: true });
      const { sharedSecret } = await h.plugin.setUpTOTP();
      rememberSecrets(sharedSecret);
      const totp = new OTPAuth.TOTP({
        secret: OTPAuth.Secret.fromBase32(sharedSecret),
        digits: 6,
        period: 30,
      });
      await h.plugin.verifyTOTPSetup(totp.generate());
      await h.plugin.updateMFAPreference(undefined, 'PREFERRED');
      await h.plugin.signOut();
      return { username, totp };
    },
    poolUsername: async () => (await suite.h.plugin.getCurrentUser()).username,
    received: (since: number) => suite.users.proxy.received.slice(since),
  } as DeviceSuite;
  beforeAll(async () => {
    suite.users = await startSrpUserPool({
      front: {
        ...front,
        deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      },
    });
    const created = await suite.users.createPool();
    await suite.users.local.admin.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: created.poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const { endpoint, port, issuerDomain } = suite.users;
    suite.pool = { ...created, endpoint, port, issuerDomain };
    rememberSecrets(DEVICE_PASSWORD);
  }, 30_000);
  afterAll(async () => {
    await suite.users.stop();
  });
  beforeEach(async () => {
    suite.storage = new RecordingStorage(suite.pool.poolId);
    suite.h = await startHarness({ userPool: suite.pool, storage: suite.storage });
  });
  afterEach(async () => {
    await suite.h.stop();
  });
  return suite;
}
