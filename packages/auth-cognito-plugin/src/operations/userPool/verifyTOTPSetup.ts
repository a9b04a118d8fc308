import type { PluginRuntime } from '../PluginRuntime.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';

/** Completes the TOTP setup with a code from the authenticator. */
export async function verifyTOTPSetup(runtime: PluginRuntime, code: string): Promise<void> {
  const calls = requireCalls(runtime, 'TOTP setup');
  await calls.verifySoftwareToken(
    { accessToken: await currentAccessToken(runtime, 'verifyTOTPSetup') },
    code,
  );
}
