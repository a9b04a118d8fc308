import { AuthException, NotAuthorizedException } from '@plugboard/core';
import type {
  AuthStepResponse,
  ClientMetadata,
  UserPoolCalls,
} from '../../../clients/userPool/UserPoolCalls.js';
import { SrpClient } from '../../../srp/SrpClient.js';
import type { DeviceRecord } from '../../../session/DeviceStore.js';
import type { PluginRuntime } from '../../PluginRuntime.js';
import { poolUsernameOf } from './confirmNewDevice.js';

/** The service's answer to a device key it does not know (forgotten by another client or an admin). */
export function isUnknownDevice(error: unknown): boolean {
  return error instanceof AuthException && error.metadata?.serviceErrorName === 'ResourceNotFoundException';
}

/** Forgets the user's device here, with a warning that names no value. */
export async function dropUnknownDevice(runtime: PluginRuntime, username: string): Promise<void> {
  runtime.logger.warn(
    'The user pool no longer knows the remembered device (forgotten elsewhere); it is forgotten here too and the sign-in continues without it.',
  );
  await eraseQuietly(runtime, username);
}

async function eraseQuietly(runtime: PluginRuntime, username: string): Promise<void> {
  try {
    await runtime.devices?.erase(username);
  } catch (error) {
    runtime.logger.warn('Could not remove the forgotten device record.', error);
  }
}

/** `{ DEVICE_KEY }` of the user's remembered device, for challenge answers; empty without one. */
export async function deviceKeyParameter(
  runtime: PluginRuntime,
  username: string,
): Promise<Record<string, string>> {
  const device = await runtime.devices?.load(username);
  return device ? { DEVICE_KEY: device.deviceKey } : {};
}

/**
 * A sign-in step sent with the user's remembered device (DEVICE_KEY added by `send`), then the device
 * SRP the pool asks for. A device the pool no longer knows is dropped and the step sent again without it.
 */
async function withDevice(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  username: string,
  send: (device: Record<string, string>) => Promise<AuthStepResponse>,
  clientMetadata: ClientMetadata,
): Promise<AuthStepResponse> {
  const device = await runtime.devices?.load(username);
  if (!device) return send({});
  let response: AuthStepResponse;
  try {
    response = await send({ DEVICE_KEY: device.deviceKey });
  } catch (error) {
    if (!isUnknownDevice(error)) throw error;
    await dropUnknownDevice(runtime, username);
    return send({});
  }
  return proveDevice(runtime, calls, device, username, response, clientMetadata);
}

/** PASSWORD_VERIFIER's answer (USERNAME = USER_ID_FOR_SRP), with the user's device when one is kept. */
export function verifyPasswordWithDevice(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  responses: Record<string, string> & { USERNAME: string },
  session: string | undefined,
  clientMetadata: ClientMetadata,
): Promise<AuthStepResponse> {
  return withDevice(
    runtime,
    calls,
    responses.USERNAME,
    (device) =>
      calls.respondToAuthChallenge('PASSWORD_VERIFIER', { ...responses, ...device }, session, clientMetadata),
    clientMetadata,
  );
}

/** USER_PASSWORD_AUTH, with the device kept for the typed username when there is one. */
export function passwordAuthWithDevice(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  parameters: { USERNAME: string; PASSWORD: string },
  clientMetadata: ClientMetadata,
): Promise<AuthStepResponse> {
  return withDevice(
    runtime,
    calls,
    parameters.USERNAME,
    async (device) => {
      const response = await calls.initiateAuth(
        'USER_PASSWORD_AUTH',
        { ...parameters, ...device },
        clientMetadata,
      );
      if (!device.DEVICE_KEY) await aliasSignInName(runtime, parameters.USERNAME, response);
      return response;
    },
    clientMetadata,
  );
}

/**
 * Devices are kept under the pool's username, which USER_PASSWORD_AUTH does not know before the
 * answer: records which one the typed name (an alias) signs in as, so the next sign-in finds the device.
 */
async function aliasSignInName(
  runtime: PluginRuntime,
  typed: string,
  response: AuthStepResponse,
): Promise<void> {
  const params = response.challengeParameters;
  const username =
    params.USER_ID_FOR_SRP ??
    params.USERNAME ??
    (response.tokens ? poolUsernameOf(response.tokens.idToken, typed) : typed);
  try {
    await runtime.devices?.alias(typed, username);
  } catch (error) {
    runtime.logger.warn(
      'Could not record the sign-in name of the device; the next sign-in may not find it.',
      error,
    );
  }
}

/**
 * Answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER: the password SRP with the group key as pool
 * name, the device key as user id and the device secret as password. Any other answer passes through.
 */
async function proveDevice(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  device: DeviceRecord,
  storedAs: string,
  response: AuthStepResponse,
  clientMetadata: ClientMetadata,
): Promise<AuthStepResponse> {
  if (response.challengeName !== 'DEVICE_SRP_AUTH') return response;
  const username = response.challengeParameters.USERNAME ?? storedAs;
  const srp = SrpClient.create();
  const challenge = await calls.respondToAuthChallenge(
    'DEVICE_SRP_AUTH',
    { USERNAME: username, DEVICE_KEY: device.deviceKey, SRP_A: srp.srpA },
    response.session,
    clientMetadata,
  );
  if (challenge.challengeName !== 'DEVICE_PASSWORD_VERIFIER') return challenge;
  const { SALT, SRP_B, SECRET_BLOCK, USERNAME } = challenge.challengeParameters;
  if (!SALT || !SRP_B || !SECRET_BLOCK) {
    throw new NotAuthorizedException(
      'The user pool sent an incomplete device challenge.',
      'Try again; check the pool endpoint.',
    );
  }
  let proof;
  try {
    proof = await srp.answerAs(
      device.groupKey,
      { SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP: device.deviceKey },
      device.secret,
      new Date(runtime.now()),
    );
  } catch (error) {
    throw new NotAuthorizedException(
      'The user pool sent an invalid device challenge.',
      'Try again; check the pool endpoint.',
      { cause: error },
    );
  }
  try {
    return await calls.respondToAuthChallenge(
      'DEVICE_PASSWORD_VERIFIER',
      { USERNAME: USERNAME ?? username, DEVICE_KEY: device.deviceKey, ...proof },
      challenge.session,
      clientMetadata,
    );
  } catch (error) {
    if (!(error instanceof NotAuthorizedException)) throw error;
    // A device secret the pool refuses would refuse every later sign-in too: forget it here.
    runtime.logger.warn("The user pool refused the remembered device's proof; the device is forgotten here.");
    await eraseQuietly(runtime, storedAs);
    throw new NotAuthorizedException(
      'Signing in failed: the user pool refused the proof of the remembered device, which is now forgotten here.',
      'Sign in again: the pool then treats this as a new device (and may ask for MFA).',
      { cause: error, ...(error.metadata ? { metadata: error.metadata } : {}) },
    );
  }
}
