import type { AuthResetPasswordResult } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { codeDeliveryDetails } from './codeDelivery.js';
import { requireCalls } from './userPoolCalls.js';

/** Starts a password reset: the pool sends a code to the user. */
export async function resetPassword(
  runtime: PluginRuntime,
  username: string,
): Promise<AuthResetPasswordResult> {
  const delivery = await requireCalls(runtime, 'password reset').forgotPassword(username, undefined);
  return Object.freeze({
    isPasswordReset: false,
    nextStep: Object.freeze({
      resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE' as const,
      codeDeliveryDetails: codeDeliveryDetails(delivery),
    }),
  });
}
