import type { AuthStepResponse } from '../../../clients/userPool/UserPoolCalls.js';
import { decodeJwtClaims } from '../../../model/jwt.js';
import { createDeviceVerifier } from '../../../srp/deviceVerifier.js';
import { deviceRecord } from '../../../session/DeviceStore.js';
import type { PluginRuntime } from '../../PluginRuntime.js';

/** The pool's own username of a sign-in's tokens (`cognito:username`), or the name the sign-in used. */
export function poolUsernameOf(idToken: string, fallback: string): string {
  const name = decodeJwtClaims(idToken)?.['cognito:username'];
  return typeof name === 'string' && name !== '' ? name : fallback;
}

/** A name for the device in the user's device list: the browser's user agent, or the runtime. */
function deviceName(): string {
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  if (typeof agent === 'string' && agent !== '') return agent.slice(0, 1024);
  const node = (globalThis as { process?: { version?: unknown } }).process?.version;
  return typeof node === 'string' ? `Node.js ${node}` : 'Plugboard';
}

/**
 * Confirms the device the pool issued with the tokens (NewDeviceMetadata): a fresh device secret, its
 * SRP verifier sent with ConfirmDevice, then the key, group key and secret kept for the user. The
 * sign-in never fails because of it: a refusal is logged (without values) and the device is not kept.
 */
export async function confirmNewDevice(
  runtime: PluginRuntime,
  typedUsername: string,
  response: AuthStepResponse,
): Promise<void> {
  const { newDevice, tokens } = response;
  const calls = runtime.userPool?.service.devices;
  if (!newDevice || !tokens || !calls || !runtime.devices) return;
  const username = poolUsernameOf(tokens.idToken, typedUsername);
  try {
    const { deviceKey, groupKey } = newDevice;
    const { secret, salt, verifier } = await createDeviceVerifier(groupKey, deviceKey);
    await calls.confirmDevice(tokens.accessToken, { deviceKey, salt, verifier, deviceName: deviceName() });
    await runtime.devices.save(username, deviceRecord(deviceKey, groupKey, secret));
  } catch (error) {
    runtime.logger.warn(
      'The user pool issued a device, but confirming it failed; it is not remembered.',
      error,
    );
  }
}
