import type { PluginRuntime } from '../PluginRuntime.js';
import { requireCalls } from './userPoolCalls.js';

/** Sets the new password with the code from `resetPassword`. */
export async function confirmResetPassword(
  runtime: PluginRuntime,
  username: string,
  newPassword: string,
  code: string,
): Promise<void> {
  await requireCalls(runtime, 'password reset').confirmForgotPassword(username, code, newPassword, undefined);
}
