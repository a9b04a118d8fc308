import { InvalidParameterException, type AuthFactorType, type AuthFlowType } from '@plugboard/core';

/** The first factors of USER_AUTH, in the order the service lists them. */
export const FACTORS: readonly AuthFactorType[] = [
  'WEB_AUTHN',
  'EMAIL_OTP',
  'SMS_OTP',
  'PASSWORD',
  'PASSWORD_SRP',
];

const invalid = (message: string, recovery: string): never => {
  throw new InvalidParameterException(message, recovery);
};

/** Checks `preferredChallenge` of signIn (USER_AUTH only; PASSWORD and PASSWORD_SRP need the password). */
export function validatePreferredChallenge(
  flow: AuthFlowType,
  preferred: unknown,
  password: unknown,
): { preferredChallenge?: AuthFactorType } {
  if (preferred === undefined) return {};
  if (flow !== 'USER_AUTH')
    invalid(
      'preferredChallenge applies to USER_AUTH only.',
      "Pass { authFlowType: 'USER_AUTH', preferredChallenge }.",
    );
  if (!FACTORS.includes(preferred as AuthFactorType))
    invalid(
      `preferredChallenge ${JSON.stringify(String(preferred)).slice(0, 40)} is not a first factor.`,
      `Use one of ${FACTORS.join(', ')}, or leave it out to let the user choose.`,
    );
  if ((preferred === 'PASSWORD' || preferred === 'PASSWORD_SRP') && password === undefined)
    invalid(`preferredChallenge ${preferred} needs the password.`, 'Pass the password the user typed.');
  return { preferredChallenge: preferred as AuthFactorType };
}

/** Checks the input of listWebAuthnCredentials. */
export function validateListInput(input: unknown): { pageSize?: number; nextToken?: string } {
  if (input === undefined) return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    invalid('The list input must be an object.', 'Pass { pageSize?, nextToken? } or nothing.');
  const { pageSize, nextToken, ...rest } = input as Record<string, unknown>;
  if (Object.keys(rest).length > 0)
    invalid(`Unknown list input: ${Object.keys(rest).join(', ')}.`, 'The options are pageSize, nextToken.');
  if (
    pageSize !== undefined &&
    (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > 20)
  )
    invalid(
      'pageSize must be a whole number from 1 to 20.',
      'Pass a pageSize from 1 to 20, or leave it out.',
    );
  if (
    nextToken !== undefined &&
    (typeof nextToken !== 'string' || nextToken.length === 0 || nextToken.length > 4096)
  )
    invalid(
      'nextToken must be the text a previous list returned.',
      'Pass the nextToken of the previous page.',
    );
  return {
    ...(pageSize !== undefined ? { pageSize: pageSize as number } : {}),
    ...(nextToken !== undefined ? { nextToken: nextToken as string } : {}),
  };
}

/** Checks a passkey's credential id (base64url text as listWebAuthnCredentials gives it). */
export function validateCredentialId(id: unknown): string {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,1024}$/.test(id))
    invalid(
      'The credential id must be the base64url text listWebAuthnCredentials returned.',
      'Pass credentials[i].credentialId of listWebAuthnCredentials.',
    );
  return id as string;
}

/** The record form of updateMFAPreference: `{ sms?, totp?, email? }` (values checked by the caller). */
export function mfaPreferenceRecord(input: object): { sms: unknown; totp: unknown; email: unknown } {
  if (Array.isArray(input))
    invalid('The MFA preferences must be an object.', 'Pass { sms?, totp?, email? }.');
  const { sms, totp, email, ...rest } = input as Record<string, unknown>;
  if (Object.keys(rest).length > 0)
    invalid(`Unknown MFA method: ${Object.keys(rest).join(', ')}.`, 'The methods are sms, totp and email.');
  return { sms, totp, email };
}
