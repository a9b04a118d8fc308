import type { AuthCodeDeliveryDetails } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { codeDeliveryDetails } from './codeDelivery.js';
import { requireCalls } from './userPoolCalls.js';

/** Sends the sign-up confirmation code again. */
export async function resendSignUpCode(
  runtime: PluginRuntime,
  username: string,
): Promise<AuthCodeDeliveryDetails> {
  return codeDeliveryDetails(
    await requireCalls(runtime, 'resending the sign-up code').resendConfirmationCode(username, undefined),
  );
}
