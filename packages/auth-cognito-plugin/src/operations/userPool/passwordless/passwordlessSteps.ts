import type { AuthFactorType, AuthNextSignInStep } from '@plugboard/core';
import { codeDeliveryDetails } from '../codeDelivery.js';
import { FACTORS } from './validatePasswordless.js';
import { needsSetupChoice } from './mfaSetupChoice.js';

/** The sign-in steps of USER_AUTH and e-mail MFA; undefined for any other challenge. */
export function passwordlessStep(
  name: string,
  params: Readonly<Record<string, string>>,
): AuthNextSignInStep | undefined {
  switch (name) {
    case 'SELECT_CHALLENGE':
      return {
        signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        availableChallenges: Object.freeze(availableFactors(params)),
      };
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return {
        signInStep:
          name === 'EMAIL_OTP' ? 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' : 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        codeDeliveryDetails: codeDeliveryDetails({
          destination: params.CODE_DELIVERY_DESTINATION ?? '',
          deliveryMedium: params.CODE_DELIVERY_DELIVERY_MEDIUM ?? (name === 'EMAIL_OTP' ? 'EMAIL' : 'SMS'),
        }),
      };
    case 'MFA_SETUP':
      if (needsSetupChoice(params))
        return {
          signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION',
          allowedMFATypes: Object.freeze(['TOTP', 'EMAIL'] as const),
        };
      return isEmailSetup(params) ? { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' } : undefined;
  }
  return undefined;
}

/** An MFA_SETUP the user answers with an e-mail address (the pool offers e-mail and not TOTP). */
export function isEmailSetup(params: Readonly<Record<string, string>>): boolean {
  const can = params.MFAS_CAN_SETUP ?? '';
  return can.includes('EMAIL_OTP') && !can.includes('SOFTWARE_TOKEN_MFA');
}

/** An MFA_SETUP whose TOTP association waits (e-mail only, or a choice first). */
export function defersTotpAssociation(params: Readonly<Record<string, string>>): boolean {
  return (params.MFAS_CAN_SETUP ?? '').includes('EMAIL_OTP');
}

/** The challenge responses of the code and e-mail setup steps; undefined for any other challenge. */
export function passwordlessResponses(
  name: string,
  params: Readonly<Record<string, string>>,
  base: { USERNAME: string },
  response: string,
): Record<string, string> | undefined {
  if (name === 'EMAIL_OTP') return { ...base, EMAIL_OTP_CODE: response };
  if (name === 'SMS_OTP') return { ...base, SMS_OTP_CODE: response };
  if (name === 'MFA_SETUP' && isEmailSetup(params)) return { ...base, EMAIL: response };
  return undefined;
}

/** The first factors a SELECT_CHALLENGE offers (kept in the challenge's parameters). */
export function availableFactors(params: Readonly<Record<string, string>>): AuthFactorType[] {
  try {
    const list: unknown = JSON.parse(params.AVAILABLE_CHALLENGES ?? '[]');
    return Array.isArray(list) ? FACTORS.filter((f) => list.includes(f)) : [];
  } catch {
    return [];
  }
}
