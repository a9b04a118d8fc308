import type { TOTPSetupDetails } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { totpSetupDetails } from './totpSetupDetails.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';

/** Starts a TOTP authenticator setup for the signed-in user; `verifyTOTPSetup` completes it. */
export async function setUpTOTP(runtime: PluginRuntime): Promise<TOTPSetupDetails> {
  const calls = requireCalls(runtime, 'TOTP setup');
  const token = await currentAccessToken(runtime, 'setUpTOTP');
  const { secretCode } = await calls.associateSoftwareToken({ accessToken: token });
  const state = runtime.machine.state;
  return totpSetupDetails(secretCode, state.kind === 'signedIn' ? state.session.username : '');
}
