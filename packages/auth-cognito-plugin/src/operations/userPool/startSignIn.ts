import {
  AuthException,
  InvalidParameterException,
  NotAuthorizedException,
  type AuthFactorType,
  type AuthFlowType,
  type AuthSignInResult,
} from '@plugboard/core';
import type { AuthStepResponse, UserPoolCalls } from '../../clients/userPool/UserPoolCalls.js';
import { SrpClient } from '../../srp/SrpClient.js';
import { refusal } from '../../session/guards.js';
import { requireUserPool, type PluginRuntime } from '../PluginRuntime.js';
import { advanceSignIn, completeSignIn } from './signInStep.js';
import { passwordAuthWithDevice, verifyPasswordWithDevice } from './devices/deviceSignIn.js';
import { userAuthFirstSteps } from './passwordless/userAuth.js';
import { passwordVerifierResponses } from './srpVerifier.js';

type Metadata = Readonly<Record<string, string>> | undefined;

export interface SignInInput {
  readonly username: string;
  readonly password: string | undefined;
  readonly authFlowType: AuthFlowType;
  readonly clientMetadata: Metadata;
  /** USER_AUTH only. */
  readonly preferredChallenge?: AuthFactorType | undefined;
}

/** Sign-in refusals that must not tell whether the user exists (Cognito's own answer is NotAuthorized). */
const HIDDEN = new Set(['UserNotFoundException']);

/**
 * Signs in with the chosen flow (SRP by default): the password is proved with SRP-6a unless the flow is
 * USER_PASSWORD_AUTH. Challenges after the password (MFA, new password, custom) come back in `nextStep`.
 */
export async function startSignIn(runtime: PluginRuntime, input: SignInInput): Promise<AuthSignInResult> {
  const denied = refusal(runtime.machine.state, 'signIn');
  if (denied) throw denied;
  const { service } = requireUserPool(runtime);
  const { username, password, authFlowType, clientMetadata } = input;
  if (!service.calls) {
    if (authFlowType !== 'USER_PASSWORD_AUTH' || password === undefined) {
      throw new InvalidParameterException(
        `The injected userPoolService only supports USER_PASSWORD_AUTH, not ${authFlowType}.`,
        "Pass { authFlowType: 'USER_PASSWORD_AUTH' }, or implement UserPoolService.calls.",
      );
    }
    const outcome = await service.signIn(username, password, clientMetadata);
    if (outcome.kind === 'tokens') return completeSignIn(runtime, username, outcome.tokens);
    return advanceSignIn(
      runtime,
      username,
      {
        challengeName: 'NEW_PASSWORD_REQUIRED',
        session: outcome.session,
        challengeParameters: { requiredAttributes: JSON.stringify(outcome.missingAttributes) },
      },
      clientMetadata,
    );
  }
  try {
    const response = await firstSteps(runtime, service.calls, input);
    return await advanceSignIn(runtime, username, response, clientMetadata);
  } catch (error) {
    return stepForRefusal(error);
  }
}

async function firstSteps(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  input: SignInInput,
): Promise<AuthStepResponse> {
  const { username, password, authFlowType, clientMetadata } = input;
  if (authFlowType === 'USER_AUTH') return userAuthFirstSteps(runtime, calls, input);
  if (authFlowType === 'CUSTOM_AUTH_WITHOUT_SRP') {
    return calls.initiateAuth('CUSTOM_AUTH', { USERNAME: username }, clientMetadata);
  }
  if (password === undefined) {
    throw new InvalidParameterException(
      `${authFlowType} needs a password.`,
      'Pass the password the user typed.',
    );
  }
  if (authFlowType === 'USER_PASSWORD_AUTH') {
    return passwordAuthWithDevice(runtime, calls, { USERNAME: username, PASSWORD: password }, clientMetadata);
  }
  const srp = SrpClient.create();
  const custom = authFlowType === 'CUSTOM_AUTH_WITH_SRP';
  const first = await calls.initiateAuth(
    custom ? 'CUSTOM_AUTH' : 'USER_SRP_AUTH',
    { USERNAME: username, SRP_A: srp.srpA, ...(custom ? { CHALLENGE_NAME: 'SRP_A' } : {}) },
    clientMetadata,
  );
  if (first.challengeName !== 'PASSWORD_VERIFIER') return first;
  const responses = await passwordVerifierResponses(runtime, srp, first.challengeParameters, password);
  return verifyPasswordWithDevice(runtime, calls, responses, first.session, clientMetadata);
}

/** Unconfirmed users and required resets are next steps, not failures; unknown users look like wrong passwords. */
function stepForRefusal(error: unknown): AuthSignInResult {
  const name = error instanceof AuthException ? (error.metadata?.serviceErrorName ?? error.name) : undefined;
  if (name === 'UserNotConfirmedException') {
    return Object.freeze({
      isSignedIn: false,
      nextStep: Object.freeze({ signInStep: 'CONFIRM_SIGN_UP' as const }),
    });
  }
  if (name === 'PasswordResetRequiredException') {
    return Object.freeze({
      isSignedIn: false,
      nextStep: Object.freeze({ signInStep: 'RESET_PASSWORD' as const }),
    });
  }
  if ((name && HIDDEN.has(name)) || name === 'InvalidPasswordException') {
    throw new NotAuthorizedException(
      'Signing in failed: incorrect username or password.',
      'Check the username and password and try again.',
      {
        cause: error,
        ...((error as AuthException).metadata ? { metadata: (error as AuthException).metadata } : {}),
      },
    );
  }
  throw error;
}
