import { InvalidStateException, SignedOutException } from '@plugboard/core';
import type { DeviceCalls } from '../../../clients/userPool/deviceCalls.js';
import type { DeviceRecord, DeviceStore } from '../../../session/DeviceStore.js';
import { requireUserPool, type PluginRuntime } from '../../PluginRuntime.js';
import { currentAccessToken } from '../userPoolCalls.js';
import { isUnknownDevice } from './deviceSignIn.js';

/** A device of the signed-in user, as `fetchDevices` lists it. */
export interface AuthDevice {
  /** The device key. */
  readonly id: string;
  /** The name the device was confirmed with (`device_name`), when it has one. */
  readonly name?: string;
  /** Every attribute the pool keeps for the device (`device_status`, `dev:device_remembered_status`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
  /** When the pool issued the device. */
  readonly createDate?: Date;
  /** When the device last signed in. */
  readonly lastAuthenticatedDate?: Date;
  /** When the device's record last changed (e.g. remembered). */
  readonly lastModifiedDate?: Date;
}

interface DeviceContext {
  readonly calls: DeviceCalls;
  readonly store: DeviceStore;
  readonly accessToken: string;
  readonly username: string;
}

async function deviceContext(runtime: PluginRuntime, what: string): Promise<DeviceContext> {
  const calls = requireUserPool(runtime).service.devices;
  const store = runtime.devices;
  if (!calls || !store) {
    throw new InvalidStateException(
      `The user-pool service passed to the plugin cannot do ${what}.`,
      'Implement UserPoolService.devices in the injected userPoolService, or leave userPoolService out to use the AWS SDK.',
    );
  }
  const accessToken = await currentAccessToken(runtime, what);
  const state = runtime.machine.state;
  if (state.kind !== 'signedIn')
    throw new SignedOutException(`${what} needs a signed-in user.`, 'Call signIn first.');
  return { calls, store, accessToken, username: state.session.username };
}

async function currentDevice(context: DeviceContext, what: string): Promise<DeviceRecord> {
  const device = await context.store.load(context.username);
  if (!device) {
    throw new InvalidStateException(
      `${what}: this device is not tracked by the user pool.`,
      'Turn on device tracking for the user pool, then sign in again; the pool issues a device at sign-in.',
    );
  }
  return device;
}

/** Marks the current device as remembered, so later sign-ins on it skip MFA (where the pool allows). */
export async function rememberDevice(runtime: PluginRuntime): Promise<void> {
  const context = await deviceContext(runtime, 'Remembering the device');
  const device = await currentDevice(context, 'Remembering the device');
  try {
    await context.calls.updateDeviceStatus(context.accessToken, device.deviceKey, true);
  } catch (error) {
    if (isUnknownDevice(error)) await context.store.erase(context.username);
    throw error;
  }
}

/**
 * Forgets a device of the user at the pool: the current one when `deviceId` is left out (its record here
 * goes too, so the next sign-in asks for MFA again and gets a new device).
 */
export async function forgetDevice(runtime: PluginRuntime, deviceId: string | undefined): Promise<void> {
  const context = await deviceContext(runtime, 'Forgetting the device');
  const current = deviceId === undefined ? await currentDevice(context, 'Forgetting the device') : undefined;
  const stored = current ?? (await context.store.load(context.username));
  const key = deviceId ?? current!.deviceKey;
  const isCurrent = stored?.deviceKey === key;
  try {
    await context.calls.forgetDevice(context.accessToken, key);
  } catch (error) {
    // Already forgotten at the pool: the record here is stale either way.
    if (!(isCurrent && isUnknownDevice(error))) throw error;
  }
  if (isCurrent) await context.store.erase(context.username);
}

/** The devices the pool keeps for the signed-in user. */
export async function fetchDevices(runtime: PluginRuntime): Promise<AuthDevice[]> {
  const context = await deviceContext(runtime, 'Listing the devices');
  const devices = await context.calls.listDevices(context.accessToken);
  return devices.map((device) =>
    Object.freeze({
      id: device.deviceKey,
      ...(device.attributes.device_name ? { name: device.attributes.device_name } : {}),
      attributes: Object.freeze({ ...device.attributes }),
      ...(device.createDate ? { createDate: device.createDate } : {}),
      ...(device.lastAuthenticatedDate ? { lastAuthenticatedDate: device.lastAuthenticatedDate } : {}),
      ...(device.lastModifiedDate ? { lastModifiedDate: device.lastModifiedDate } : {}),
    }),
  );
}
