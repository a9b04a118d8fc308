import type { PluginRuntime } from '../PluginRuntime.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';

/** Changes the signed-in user's password. */
export async function updatePassword(
  runtime: PluginRuntime,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const calls = requireCalls(runtime, 'changing the password');
  await calls.changePassword(await currentAccessToken(runtime, 'updatePassword'), oldPassword, newPassword);
}
