import { UnknownException, type AuthSignInResult, type MFAType } from '@plugboard/core';
import type { AuthStepResponse } from '../../clients/userPool/UserPoolCalls.js';
import { decodeJwtClaims } from '../../model/jwt.js';
import type { UserPoolTokenSet } from '../../session/AuthState.js';
import type { PluginRuntime } from '../PluginRuntime.js';
import { codeDeliveryDetails } from './codeDelivery.js';
import { requireCalls } from './userPoolCalls.js';
import { totpSetupDetails } from './totpSetupDetails.js';
import { confirmNewDevice } from './devices/confirmNewDevice.js';

type Metadata = Readonly<Record<string, string>> | undefined;

const MFA_TYPES: Record<string, MFAType> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP' };

function parseList(json: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function pending(nextStep: AuthSignInResult['nextStep']): AuthSignInResult {
  return Object.freeze({ isSignedIn: false, nextStep: Object.freeze(nextStep) });
}

/** Stores the tokens of a completed sign-in; SIGNED_IN follows, identity-pool credentials on the next fetch. */
export async function completeSignIn(
  runtime: PluginRuntime,
  username: string,
  tokens: UserPoolTokenSet,
): Promise<AuthSignInResult> {
  const claims = decodeJwtClaims(tokens.idToken) ?? {};
  const userId = typeof claims.sub === 'string' ? claims.sub : username;
  const poolUsername = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : username;
  await runtime.machine.dispatch({
    type: 'signedIn',
    session: { username: poolUsername, userId, tokens, identityId: undefined, credentials: undefined },
  });
  return Object.freeze({ isSignedIn: true, nextStep: Object.freeze({ signInStep: 'DONE' }) });
}

/**
 * Turns the service's answer into the sign-in result: tokens complete the sign-in; a challenge is kept
 * in memory (with the pool's own username for the answers) and described in `nextStep`.
 */
export async function advanceSignIn(
  runtime: PluginRuntime,
  typedUsername: string,
  response: AuthStepResponse,
  clientMetadata: Metadata,
): Promise<AuthSignInResult> {
  const params = response.challengeParameters;
  const username = params.USERNAME ?? params.USER_ID_FOR_SRP ?? typedUsername;
  if (response.tokens && !response.challengeName) {
    await confirmNewDevice(runtime, username, response);
    return completeSignIn(runtime, username, response.tokens);
  }
  const name = response.challengeName ?? '';
  let session = response.session ?? '';
  let setup: { sharedSecret: string } | undefined;
  if (name === 'MFA_SETUP') {
    if (!parseList(params.MFAS_CAN_SETUP).includes('SOFTWARE_TOKEN_MFA') && params.MFAS_CAN_SETUP) {
      throw new UnknownException(
        'The user pool asks to set up SMS MFA, which sign-in cannot do.',
        'Enable TOTP MFA for the pool, or add a phone number to the user.',
      );
    }
    const association = await requireCalls(runtime, 'TOTP setup').associateSoftwareToken({ session });
    session = association.session ?? session;
    setup = { sharedSecret: association.secretCode };
  }
  const next = nextStepOf(name, params, username, setup);
  await runtime.machine.dispatch({
    type: 'signInChallenged',
    challenge: {
      username,
      session,
      name,
      parameters: { ...params },
      ...(clientMetadata ? { clientMetadata } : {}),
    },
  });
  return pending(next);
}

function nextStepOf(
  name: string,
  params: Readonly<Record<string, string>>,
  username: string,
  setup: { sharedSecret: string } | undefined,
): AuthSignInResult['nextStep'] {
  switch (name) {
    case 'SMS_MFA':
      return {
        signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_MFA_CODE',
        codeDeliveryDetails: codeDeliveryDetails({
          destination: params.CODE_DELIVERY_DESTINATION ?? '',
          deliveryMedium: params.CODE_DELIVERY_DELIVERY_MEDIUM ?? 'SMS',
        }),
      };
    case 'SOFTWARE_TOKEN_MFA':
      return { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' };
    case 'SELECT_MFA_TYPE':
      return {
        signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
        allowedMFATypes: Object.freeze(parseList(params.MFAS_CAN_CHOOSE).flatMap((m) => MFA_TYPES[m] ?? [])),
      };
    case 'MFA_SETUP':
      return {
        signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP',
        totpSetupDetails: totpSetupDetails(setup!.sharedSecret, username),
      };
    case 'NEW_PASSWORD_REQUIRED':
      return {
        signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
        missingAttributes: Object.freeze(
          parseList(params.requiredAttributes).map((a) => a.replace(/^userAttributes\./, '')),
        ),
      };
    case 'CUSTOM_CHALLENGE':
      return {
        signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
        additionalInfo: Object.freeze({ ...params }),
      };
  }
  throw new UnknownException(
    `The user pool asked for an unsupported challenge: ${name}.`,
    'Check the app client and pool settings.',
  );
}
