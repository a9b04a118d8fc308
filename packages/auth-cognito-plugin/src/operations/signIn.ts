import type { AuthSignInResult } from '@plugboard/core';
import type { SignInOutcome } from '../cognito/UserPoolService.js';
import { decodeJwtClaims } from '../session/jwt.js';
import { refusal } from '../state/guards.js';
import { requireUserPool, type PluginRuntime } from './PluginRuntime.js';

const DONE: AuthSignInResult = Object.freeze({
  isSignedIn: true,
  nextStep: Object.freeze({ signInStep: 'DONE' }),
});

/** Signs in with USER_PASSWORD_AUTH; identity-pool credentials follow on the next session fetch. */
export async function signIn(
  runtime: PluginRuntime,
  username: string,
  password: string,
  clientMetadata: Readonly<Record<string, string>> | undefined,
): Promise<AuthSignInResult> {
  const denied = refusal(runtime.machine.state, 'signIn');
  if (denied) throw denied;
  const { service } = requireUserPool(runtime);
  return settleSignIn(runtime, username, await service.signIn(username, password, clientMetadata));
}

/** Applies what a sign-in step answered: the next challenge (kept in memory), or the signed-in session. */
export async function settleSignIn(
  runtime: PluginRuntime,
  username: string,
  outcome: SignInOutcome,
): Promise<AuthSignInResult> {
  if (outcome.kind === 'newPasswordRequired') {
    await runtime.machine.dispatch({
      type: 'signInChallenged',
      challenge: { username, session: outcome.session },
    });
    return Object.freeze({
      isSignedIn: false,
      nextStep: Object.freeze({
        signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
        missingAttributes: Object.freeze([...outcome.missingAttributes]),
      }),
    });
  }
  const claims = decodeJwtClaims(outcome.tokens.idToken) ?? {};
  const userId = typeof claims.sub === 'string' ? claims.sub : username;
  const poolUsername = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : username;
  await runtime.machine.dispatch({
    type: 'signedIn',
    session: {
      username: poolUsername,
      userId,
      tokens: outcome.tokens,
      identityId: undefined,
      credentials: undefined,
    },
  });
  return DONE;
}
