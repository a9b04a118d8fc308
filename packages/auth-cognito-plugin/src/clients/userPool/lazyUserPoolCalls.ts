import type { UserPoolCalls } from './UserPoolCalls.js';

const METHODS = [
  'initiateAuth',
  'respondToAuthChallenge',
  'signUp',
  'confirmSignUp',
  'resendConfirmationCode',
  'forgotPassword',
  'confirmForgotPassword',
  'changePassword',
  'getUser',
  'updateUserAttributes',
  'verifyUserAttribute',
  'getUserAttributeVerificationCode',
  'associateSoftwareToken',
  'verifySoftwareToken',
  'setUserMfaPreference',
] as const satisfies readonly (keyof UserPoolCalls)[];

/**
 * {@link UserPoolCalls} whose implementation is imported on the first call, so apps that only
 * federate do not download it. A failed import is retried on the next call.
 */
export function lazyUserPoolCalls(load: () => Promise<UserPoolCalls>): UserPoolCalls {
  let loading: Promise<UserPoolCalls> | undefined;
  const get = (): Promise<UserPoolCalls> =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const calls: Record<string, unknown> = {};
  for (const name of METHODS) {
    calls[name] = async (...args: unknown[]) =>
      ((await get())[name] as (...a: unknown[]) => Promise<unknown>)(...args);
  }
  return calls as unknown as UserPoolCalls;
}
