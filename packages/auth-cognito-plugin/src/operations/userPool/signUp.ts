import type { AuthSignUpOptions, AuthSignUpResult } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { rememberForAutoSignIn } from './autoSignIn.js';
import { codeDeliveryDetails } from './codeDelivery.js';
import { requireCalls } from './userPoolCalls.js';

/** Registers a user; with `autoSignIn: true` the credentials stay in memory for `autoSignIn()`. */
export async function signUp(
  runtime: PluginRuntime,
  username: string,
  password: string,
  options: AuthSignUpOptions,
): Promise<AuthSignUpResult> {
  const out = await requireCalls(runtime, 'sign-up').signUp(
    username,
    password,
    options.userAttributes ?? {},
    options.clientMetadata,
  );
  if (options.autoSignIn) rememberForAutoSignIn(runtime, username, password, out.userConfirmed);
  return Object.freeze({
    isSignUpComplete: out.userConfirmed,
    ...(out.userSub ? { userId: out.userSub } : {}),
    nextStep: Object.freeze(
      out.userConfirmed
        ? { signUpStep: 'DONE' as const }
        : {
            signUpStep: 'CONFIRM_SIGN_UP_STEP' as const,
            codeDeliveryDetails: codeDeliveryDetails(out.codeDelivery),
          },
    ),
  });
}
