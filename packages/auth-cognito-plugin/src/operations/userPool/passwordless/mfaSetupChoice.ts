import { InvalidParameterException, type AuthSignInResult } from '@plugboard/core';
import type { UserPoolCalls } from '../../../clients/userPool/UserPoolCalls.js';
import type { SignInChallenge } from '../../../session/AuthState.js';
import type { PluginRuntime } from '../../PluginRuntime.js';
import { totpSetupDetails } from '../totpSetupDetails.js';

// MFA_SETUP offering TOTP and e-mail: CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION, answered 'TOTP' or
// 'EMAIL'; the choice narrows the kept MFAS_CAN_SETUP, so the next answer takes the one-method path.

const ONLY = { TOTP: '["SOFTWARE_TOKEN_MFA"]', EMAIL: '["EMAIL_OTP"]' } as const;

/** The pool lets the user set up TOTP or e-mail MFA, and nothing is chosen yet. */
export function needsSetupChoice(params: Readonly<Record<string, string>>): boolean {
  const can = params.MFAS_CAN_SETUP ?? '';
  return can.includes('EMAIL_OTP') && can.includes('SOFTWARE_TOKEN_MFA');
}

/** Takes the choice: e-mail asks for the address next, TOTP starts the authenticator association. */
export async function chooseMfaSetup(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  challenge: SignInChallenge,
  response: string,
): Promise<AuthSignInResult> {
  const choice = response.toUpperCase();
  if (choice !== 'TOTP' && choice !== 'EMAIL') {
    throw new InvalidParameterException(
      "The MFA to set up must be 'TOTP' or 'EMAIL'.",
      'Pass one of nextStep.allowedMFATypes.',
    );
  }
  let session = challenge.session;
  let secret: string | undefined;
  if (choice === 'TOTP') {
    const association = await calls.associateSoftwareToken({ session });
    session = association.session ?? session;
    secret = association.secretCode;
  }
  await runtime.machine.dispatch({
    type: 'signInChallenged',
    challenge: {
      ...challenge,
      session,
      parameters: { ...challenge.parameters, MFAS_CAN_SETUP: ONLY[choice] },
    },
  });
  const nextStep =
    secret === undefined
      ? { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' as const }
      : {
          signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' as const,
          totpSetupDetails: totpSetupDetails(secret, challenge.username),
        };
  return Object.freeze({ isSignedIn: false, nextStep: Object.freeze(nextStep) });
}
