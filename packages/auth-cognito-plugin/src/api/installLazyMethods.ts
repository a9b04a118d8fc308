import type { AWSCognitoHostedUiMethods } from './hostedUiMethods.js';
import type { AWSCognitoUserPoolMethods } from './userPoolMethods.js';

/** Runs a method whose code loads on first use: positional arguments, then options and callbacks. */
export type InvokeLazily<P> = (plugin: P, method: string, positional: unknown[], rest: unknown[]) => unknown;

/** Name → number of positional arguments before options/callbacks; null: one argument, promise only. */
const METHODS: Record<keyof (AWSCognitoUserPoolMethods & AWSCognitoHostedUiMethods), number | null> = {
  signUp: 2,
  confirmSignUp: 2,
  resendSignUpCode: 1,
  autoSignIn: 0,
  resetPassword: 1,
  confirmResetPassword: 3,
  updatePassword: 2,
  fetchUserAttributes: 0,
  updateUserAttributes: 1,
  confirmUserAttribute: 2,
  resendUserAttributeConfirmationCode: 1,
  setUpTOTP: 0,
  verifyTOTPSetup: 1,
  updateMFAPreference: 2,
  fetchMFAPreference: 0,
  rememberDevice: 0,
  forgetDevice: 1,
  fetchDevices: 0,
  signInWithWebUI: 0,
  signInWithSocialWebUI: 1,
  completeSignInWithWebUI: null,
};

/** The method runs user-pool or hosted-UI code (loaded on first use, apart from the runtime). */
export const needsUserPoolCode = (method: string): boolean =>
  Object.hasOwn(METHODS, method) ||
  ['signIn', 'confirmSignIn', 'deleteUser', 'getCurrentUser'].includes(method);

/** Puts the user-pool and hosted-UI methods on the plugin's prototype; their code loads on first use. */
export function installLazyMethods<P extends object>(prototype: P, invoke: InvokeLazily<P>): void {
  for (const [name, arity] of Object.entries(METHODS)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value: function (this: P, ...all: unknown[]): unknown {
        return arity === null
          ? invoke(this, name, all.slice(0, 1), [])
          : invoke(this, name, all.slice(0, arity), all.slice(arity));
      },
    });
  }
}
