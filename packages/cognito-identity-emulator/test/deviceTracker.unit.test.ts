import { DeviceTracker } from '../src/userPoolSrp/deviceTracking';
import type { Upstream } from '../src/userPoolSrp/userPoolUpstream';

// The device store alone, with an upstream that only vouches for one access token: what a long-running
// front keeps of the device keys it hands out.
const upstream = {
  accessTokenUser: async (token: unknown) => {
    if (token !== 'alice-token') throw new Error('not this test');
    return { poolId: 'local_pool', username: 'alice' };
  },
} as unknown as Upstream;

const issue = (tracker: DeviceTracker): string =>
  String(
    (
      tracker.signedIn('local_pool', 'alice', { AccessToken: 'alice-token' }, undefined)
        .NewDeviceMetadata as {
        DeviceKey: string;
      }
    ).DeviceKey,
  );
const confirm = (tracker: DeviceTracker, DeviceKey: string) =>
  tracker.answer('ConfirmDevice', {
    AccessToken: 'alice-token',
    DeviceKey,
    DeviceSecretVerifierConfig: { Salt: 'AQID', PasswordVerifier: 'BAUG' },
  });

describe('DeviceTracker', () => {
  it('forgets the oldest unconfirmed device keys past 10 000, and keeps confirmed devices', async () => {
    const tracker = new DeviceTracker({}, upstream, () => 1_000);
    const kept = issue(tracker);
    await expect(confirm(tracker, kept)).resolves.toEqual({ UserConfirmationNecessary: false });
    const early = issue(tracker);
    let last = '';
    for (let i = 0; i < 10_000; i++) last = issue(tracker);
    await expect(confirm(tracker, early)).rejects.toMatchObject({ type: 'ResourceNotFoundException' });
    await expect(confirm(tracker, last)).resolves.toEqual({ UserConfirmationNecessary: false });
    expect(tracker.list('local_pool', 'alice').map((d) => d.key)).toEqual([kept, last]);
    await expect(confirm(tracker, kept)).rejects.toMatchObject({ type: 'InvalidParameterException' });
  });

  it('keeps one device group key per user and answers dates in epoch seconds', async () => {
    const tracker = new DeviceTracker({ deviceOnlyRememberedOnUserPrompt: true }, upstream, () => 1_234_567);
    const a = tracker.signedIn('local_pool', 'alice', {}, undefined).NewDeviceMetadata as Record<
      string,
      string
    >;
    const b = tracker.signedIn('local_pool', 'alice', {}, undefined).NewDeviceMetadata as Record<
      string,
      string
    >;
    expect(a.DeviceGroupKey).toBe(b.DeviceGroupKey);
    expect(a.DeviceKey).not.toBe(b.DeviceKey);
    await expect(confirm(tracker, a.DeviceKey!)).resolves.toEqual({ UserConfirmationNecessary: true });
    const got = await tracker.answer('GetDevice', { AccessToken: 'alice-token', DeviceKey: a.DeviceKey });
    expect(got).toMatchObject({ Device: { DeviceCreateDate: 1234, DeviceLastModifiedDate: 1234 } });
  });
});
