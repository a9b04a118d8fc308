import {
  InvalidStateException,
  SignedOutException,
  type AuthSignInResult,
  type AuthUser,
} from '@plugboard/core';
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
  return settle(runtime, username, await service.signIn(username, password, clientMetadata));
}

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
  return settle(runtime, challenge.username, outcome);
}

async function settle(
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

/** Deletes the signed-in user at the service, then forgets the session and publishes USER_DELETED. */
export async function deleteUser(runtime: PluginRuntime): Promise<void> {
  const state = runtime.machine.state;
  const denied = refusal(state, 'deleteUser');
  if (denied) throw denied;
  if (state.kind !== 'signedIn') {
    throw new SignedOutException('There is no user signed in to delete.', 'Sign in first.');
  }
  await requireUserPool(runtime).service.deleteUser(state.session.tokens.accessToken);
  await runtime.machine.dispatch({ type: 'userDeleted' });
}

/** The signed-in user, from the stored session (no network call). */
export async function getCurrentUser(runtime: PluginRuntime): Promise<AuthUser> {
  const state = runtime.machine.state;
  const denied = refusal(state, 'getCurrentUser');
  if (denied) throw denied;
  if (state.kind !== 'signedIn') {
    throw new SignedOutException('There is no user signed in.', 'Call signIn first.');
  }
  return Object.freeze({ username: state.session.username, userId: state.session.userId });
}
