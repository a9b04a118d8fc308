import { InvalidParameterException, InvalidStateException, type AuthSignInResult } from '@plugboard/core';
import type { AuthStepResponse } from '../../clients/userPool/UserPoolCalls.js';
import type { SignInChallenge } from '../../session/AuthState.js';
import { requireUserPool, type PluginRuntime } from '../PluginRuntime.js';
import { advanceSignIn } from './signInStep.js';
import { passwordlessResponses } from './passwordless/passwordlessSteps.js';
import { confirmFirstFactor } from './passwordless/userAuth.js';
import { chooseMfaSetup, needsSetupChoice } from './passwordless/mfaSetupChoice.js';
import { deviceKeyParameter } from './devices/deviceSignIn.js';

/**
 * MFA answers carry the device the password step proved, as the service expects: the tokens are then
 * bound to it (without it the pool issues a new device). EMAIL_OTP is e-mail MFA after a password, or
 * a first factor of choice-based sign-in, where the key names the same device.
 */
const MFA_CODES = new Set(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);

const MFA_ANSWERS: Record<string, string> = {
  SMS: 'SMS_MFA',
  SMS_MFA: 'SMS_MFA',
  TOTP: 'SOFTWARE_TOKEN_MFA',
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA',
  EMAIL: 'EMAIL_OTP',
  EMAIL_OTP: 'EMAIL_OTP',
};

/**
 * Answers the challenge of the sign-in in progress: an SMS or TOTP code, the MFA type ('SMS' | 'TOTP'),
 * the first TOTP code of a setup, a new password, or a custom answer. A refused answer (e.g.
 * CodeMismatchException) leaves the challenge in place, so the user can try again.
 */
export async function confirmSignInStep(
  runtime: PluginRuntime,
  response: string,
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
  const name = challenge.name ?? 'NEW_PASSWORD_REQUIRED';
  if (!service.calls) {
    if (name !== 'NEW_PASSWORD_REQUIRED')
      throw new InvalidStateException(
        'The injected userPoolService cannot answer this challenge.',
        'Implement UserPoolService.calls.',
      );
    const outcome = await service.confirmNewPassword(
      challenge.username,
      response,
      challenge.session,
      userAttributes,
    );
    const step: AuthStepResponse =
      outcome.kind === 'tokens'
        ? { tokens: outcome.tokens, challengeParameters: {} }
        : {
            challengeName: name,
            session: outcome.session,
            challengeParameters: { requiredAttributes: JSON.stringify(outcome.missingAttributes) },
          };
    return advanceSignIn(runtime, challenge.username, step, undefined);
  }
  const calls = service.calls;
  if (name === 'SELECT_CHALLENGE') return confirmFirstFactor(runtime, calls, challenge, response);
  if (name === 'MFA_SETUP' && needsSetupChoice(challenge.parameters ?? {}))
    return chooseMfaSetup(runtime, calls, challenge, response);
  let session = challenge.session;
  const passwordless = passwordlessResponses(
    name,
    challenge.parameters ?? {},
    { USERNAME: challenge.username },
    response,
  );
  if (name === 'MFA_SETUP' && !passwordless) {
    session = (await calls.verifySoftwareToken({ session }, response)).session ?? session;
  }
  const device = MFA_CODES.has(name) ? await deviceKeyParameter(runtime, challenge.username) : {};
  const answer = await calls.respondToAuthChallenge(
    name,
    { ...(passwordless ?? responsesFor(challenge, name, response, userAttributes)), ...device },
    session,
    challenge.clientMetadata,
  );
  return advanceSignIn(runtime, challenge.username, answer, challenge.clientMetadata);
}

function responsesFor(
  challenge: SignInChallenge,
  name: string,
  response: string,
  userAttributes: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const base = { USERNAME: challenge.username };
  switch (name) {
    case 'SMS_MFA':
      return { ...base, SMS_MFA_CODE: response };
    case 'SOFTWARE_TOKEN_MFA':
      return { ...base, SOFTWARE_TOKEN_MFA_CODE: response };
    case 'SELECT_MFA_TYPE': {
      const answer = MFA_ANSWERS[response.toUpperCase()];
      if (!answer)
        throw new InvalidParameterException(
          "The MFA selection must be 'SMS', 'TOTP' or 'EMAIL'.",
          'Pass one of nextStep.allowedMFATypes.',
        );
      return { ...base, ANSWER: answer };
    }
    case 'MFA_SETUP':
      return base;
    case 'NEW_PASSWORD_REQUIRED': {
      const attributes = Object.fromEntries(
        Object.entries(userAttributes ?? {}).map(([k, v]) => [`userAttributes.${k}`, v]),
      );
      return { ...base, NEW_PASSWORD: response, ...attributes };
    }
    default:
      return { ...base, ANSWER: response };
  }
}
