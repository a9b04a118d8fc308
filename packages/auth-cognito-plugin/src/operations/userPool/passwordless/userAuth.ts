import { InvalidParameterException, type AuthFactorType, type AuthSignInResult } from '@plugboard/core';
import type {
  AuthStepResponse,
  ClientMetadata,
  UserPoolCalls,
} from '../../../clients/userPool/UserPoolCalls.js';
import type { SignInChallenge } from '../../../session/AuthState.js';
import { SrpClient } from '../../../srp/SrpClient.js';
import { getPasskey, requireWebAuthn } from '../../../webauthn/passkeyCeremonies.js';
import type { PluginRuntime } from '../../PluginRuntime.js';
import { advanceSignIn } from '../signInStep.js';
import { answerPasswordVerifier } from './srpProof.js';
import { availableFactors } from './passwordlessSteps.js';

// Choice-based sign-in (USER_AUTH): a preferred first factor, or SELECT_CHALLENGE answered through
// confirmSignIn; passkey challenges are signed with navigator.credentials.get on the spot.

/** The parameter that remembers a chosen password factor until confirmSignIn brings the password. */
const CHOSEN = 'PLUGBOARD_CHOSEN_FACTOR';

export interface UserAuthInput {
  readonly username: string;
  readonly password: string | undefined;
  readonly preferredChallenge?: AuthFactorType | undefined;
  readonly clientMetadata: ClientMetadata;
}

/** The first requests of a USER_AUTH sign-in; the answer goes to advanceSignIn. */
export async function userAuthFirstSteps(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  input: UserAuthInput,
): Promise<AuthStepResponse> {
  const { username, password, preferredChallenge: preferred, clientMetadata } = input;
  const container = preferred === 'WEB_AUTHN' ? requireWebAuthn('Signing in with a passkey') : undefined;
  const srp = preferred === 'PASSWORD_SRP' ? SrpClient.create() : undefined;
  const first = await calls.initiateAuth(
    'USER_AUTH',
    {
      USERNAME: username,
      ...(preferred ? { PREFERRED_CHALLENGE: preferred } : {}),
      ...(preferred === 'PASSWORD' && password !== undefined ? { PASSWORD: password } : {}),
      ...(srp ? { SRP_A: srp.srpA } : {}),
    },
    clientMetadata,
  );
  if (srp && password !== undefined) {
    return answerPasswordVerifier(runtime, calls, srp, first, password, clientMetadata);
  }
  if (first.challengeName === 'WEB_AUTHN' && container) {
    return answerWebAuthn(calls, first, container, clientMetadata);
  }
  return first;
}

/** Signs the WEB_AUTHN challenge with a passkey of the page's authenticators and sends it. */
async function answerWebAuthn(
  calls: UserPoolCalls,
  step: AuthStepResponse,
  container: CredentialsContainer,
  clientMetadata: ClientMetadata,
): Promise<AuthStepResponse> {
  const params = step.challengeParameters;
  let options: Record<string, unknown>;
  try {
    options = JSON.parse(params.CREDENTIAL_REQUEST_OPTIONS ?? '') as Record<string, unknown>;
  } catch {
    throw new InvalidParameterException(
      'The user pool sent a WEB_AUTHN challenge without readable credential request options.',
      'Check the pool endpoint and its passkey settings.',
    );
  }
  const credential = await getPasskey(container, options);
  const username = params.USERNAME ?? params.USER_ID_FOR_SRP ?? '';
  return calls.respondToAuthChallenge(
    'WEB_AUTHN',
    { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
    step.session,
    clientMetadata,
  );
}

/**
 * Answers CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION (a factor name) or, after PASSWORD /
 * PASSWORD_SRP was chosen, CONFIRM_SIGN_IN_WITH_PASSWORD (the password).
 */
export async function confirmFirstFactor(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  challenge: SignInChallenge,
  response: string,
): Promise<AuthSignInResult> {
  const params = challenge.parameters ?? {};
  const { session, clientMetadata } = challenge;
  const base = { USERNAME: challenge.username };
  const chosen = params[CHOSEN] as AuthFactorType | undefined;
  if (chosen === 'PASSWORD' || chosen === 'PASSWORD_SRP') {
    const srp = chosen === 'PASSWORD_SRP' ? SrpClient.create() : undefined;
    const first = await calls.respondToAuthChallenge(
      'SELECT_CHALLENGE',
      { ...base, ANSWER: chosen, ...(srp ? { SRP_A: srp.srpA } : { PASSWORD: response }) },
      session,
      clientMetadata,
    );
    const step = srp
      ? await answerPasswordVerifier(runtime, calls, srp, first, response, clientMetadata)
      : first;
    return advanceSignIn(runtime, challenge.username, step, clientMetadata);
  }
  const factor = response.toUpperCase() as AuthFactorType;
  const available = availableFactors(params);
  if (!available.includes(factor)) {
    throw new InvalidParameterException(
      'The answer is not one of the first factors the user pool offered.',
      `Pass one of nextStep.availableChallenges (${available.join(', ')}).`,
    );
  }
  if (factor === 'PASSWORD' || factor === 'PASSWORD_SRP') {
    await runtime.machine.dispatch({
      type: 'signInChallenged',
      challenge: { ...challenge, parameters: { ...params, [CHOSEN]: factor } },
    });
    return Object.freeze({
      isSignedIn: false,
      nextStep: Object.freeze({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' as const }),
    });
  }
  const container = factor === 'WEB_AUTHN' ? requireWebAuthn('Signing in with a passkey') : undefined;
  const next = await calls.respondToAuthChallenge(
    'SELECT_CHALLENGE',
    { ...base, ANSWER: factor },
    session,
    clientMetadata,
  );
  const step =
    container && next.challengeName === 'WEB_AUTHN'
      ? await answerWebAuthn(calls, next, container, clientMetadata)
      : next;
  return advanceSignIn(runtime, challenge.username, step, clientMetadata);
}
