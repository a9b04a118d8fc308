import type { AuthSignUpResult } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { markConfirmedForAutoSignIn } from './autoSignIn.js';
import { requireCalls } from './userPoolCalls.js';

/** Confirms a sign-up with the code the user received. */
export async function confirmSignUp(
  runtime: PluginRuntime,
  username: string,
  code: string,
): Promise<AuthSignUpResult> {
  await requireCalls(runtime, 'sign-up confirmation').confirmSignUp(username, code, undefined);
  markConfirmedForAutoSignIn(runtime, username);
  return Object.freeze({ isSignUpComplete: true, nextStep: Object.freeze({ signUpStep: 'DONE' as const }) });
}
