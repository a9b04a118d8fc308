import type { AuthCodeDeliveryDetails } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { codeDeliveryDetails } from './codeDelivery.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';

/** Sends the verification code of an attribute again. */
export async function resendUserAttributeConfirmationCode(
  runtime: PluginRuntime,
  key: string,
): Promise<AuthCodeDeliveryDetails> {
  const calls = requireCalls(runtime, 'sending an attribute code');
  const token = await currentAccessToken(runtime, 'resendUserAttributeConfirmationCode');
  return codeDeliveryDetails(await calls.getUserAttributeVerificationCode(token, key, undefined));
}
