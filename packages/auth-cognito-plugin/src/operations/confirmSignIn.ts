import { InvalidStateException, type AuthSignInResult } from '@plugboard/core';
import { requireUserPool, type PluginRuntime } from './PluginRuntime.js';
import { settleSignIn } from './signIn.js';

/** Answers the NEW_PASSWORD_REQUIRED challenge of the sign-in in progress. */
export async function confirmSignIn(
  runtime: PluginRuntime,
  newPassword: string,
  userAttributes: Readonly<Record<string, string>> | undefined,
): Promise<AuthSignInResult> {
  const state = runtime.machine.state;
  const challenge = state.kind === 'signedOut' ? state.challenge : undefined;
  if (!challenge) {
    throw new InvalidStateException(
      'There is no sign-in waiting for confirmation.',
      'Call signIn first; confirmSignIn answers the challenge it returns in nextStep.',
    );
  }
  const { service } = requireUserPool(runtime);
  const outcome = await service.confirmNewPassword(
    challenge.username,
    newPassword,
    challenge.session,
    userAttributes,
  );
  return settleSignIn(runtime, challenge.username, outcome);
}
