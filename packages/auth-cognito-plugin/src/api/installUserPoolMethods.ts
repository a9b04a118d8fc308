import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { autoSignIn } from '../operations/userPool/autoSignIn.js';
import { confirmResetPassword } from '../operations/userPool/confirmResetPassword.js';
import { confirmSignUp } from '../operations/userPool/confirmSignUp.js';
import { confirmUserAttribute } from '../operations/userPool/confirmUserAttribute.js';
import { fetchUserAttributes } from '../operations/userPool/fetchUserAttributes.js';
import { fetchMFAPreference, updateMFAPreference } from '../operations/userPool/mfaPreference.js';
import { resendSignUpCode } from '../operations/userPool/resendSignUpCode.js';
import { resendUserAttributeConfirmationCode } from '../operations/userPool/resendUserAttributeConfirmationCode.js';
import { resetPassword } from '../operations/userPool/resetPassword.js';
import { setUpTOTP } from '../operations/userPool/setUpTOTP.js';
import { signUp } from '../operations/userPool/signUp.js';
import { updatePassword } from '../operations/userPool/updatePassword.js';
import { updateUserAttributes } from '../operations/userPool/updateUserAttributes.js';
import { verifyTOTPSetup } from '../operations/userPool/verifyTOTPSetup.js';
import type { AWSCognitoUserPoolMethods } from './userPoolMethods.js';
import {
  validateAttributeKey,
  validateAttributes,
  validateCode,
  validateMfaPreference,
  validateSignUpOptions,
  validateUsername,
} from './userPoolValidate.js';
import { validatePassword } from './validate.js';

type Operation = (runtime: PluginRuntime) => Promise<unknown>;
/** Validates the positional arguments and options (before any request) and returns the operation. */
type Prepare = (args: readonly unknown[], options: unknown) => Operation;
/** The plugin's own queued runner: promise or callback style, linearized with every other operation. */
export type RunUserPoolMethod<P> = (
  plugin: P,
  method: string,
  rest: readonly unknown[],
  prepare: (options: unknown) => Operation,
) => unknown;

const code = (value: unknown): string => validateCode(value, 'The confirmation code');

/** Name → number of positional arguments before options/callbacks, and how to prepare the call. */
const METHODS: Record<keyof AWSCognitoUserPoolMethods, readonly [number, Prepare]> = {
  signUp: [
    2,
    ([u, p], options) => {
      const [username, password] = [validateUsername(u), validatePassword(p, 'The password')];
      const valid = validateSignUpOptions(options);
      return (rt) => signUp(rt, username, password, valid);
    },
  ],
  confirmSignUp: [
    2,
    ([u, c]) => {
      const [username, confirmation] = [validateUsername(u), code(c)];
      return (rt) => confirmSignUp(rt, username, confirmation);
    },
  ],
  resendSignUpCode: [
    1,
    ([u]) =>
      (
        (username) => (rt: PluginRuntime) =>
          resendSignUpCode(rt, username)
      )(validateUsername(u)),
  ],
  autoSignIn: [0, () => autoSignIn],
  resetPassword: [
    1,
    ([u]) =>
      (
        (username) => (rt: PluginRuntime) =>
          resetPassword(rt, username)
      )(validateUsername(u)),
  ],
  confirmResetPassword: [
    3,
    ([u, p, c]) => {
      const [username, password, confirmation] = [
        validateUsername(u),
        validatePassword(p, 'The new password'),
        code(c),
      ];
      return (rt) => confirmResetPassword(rt, username, password, confirmation);
    },
  ],
  updatePassword: [
    2,
    ([o, n]) => {
      const [old, next] = [validatePassword(o, 'The old password'), validatePassword(n, 'The new password')];
      return (rt) => updatePassword(rt, old, next);
    },
  ],
  fetchUserAttributes: [0, () => fetchUserAttributes],
  updateUserAttributes: [
    1,
    ([a]) =>
      (
        (attributes) => (rt: PluginRuntime) =>
          updateUserAttributes(rt, attributes)
      )(validateAttributes(a)),
  ],
  confirmUserAttribute: [
    2,
    ([k, c]) => {
      const [key, confirmation] = [validateAttributeKey(k), code(c)];
      return (rt) => confirmUserAttribute(rt, key, confirmation);
    },
  ],
  resendUserAttributeConfirmationCode: [
    1,
    ([k]) =>
      (
        (key) => (rt: PluginRuntime) =>
          resendUserAttributeConfirmationCode(rt, key)
      )(validateAttributeKey(k)),
  ],
  setUpTOTP: [0, () => setUpTOTP],
  verifyTOTPSetup: [
    1,
    ([c]) =>
      (
        (totp) => (rt: PluginRuntime) =>
          verifyTOTPSetup(rt, totp)
      )(validateCode(c, 'The TOTP code')),
  ],
  updateMFAPreference: [
    2,
    ([s, t]) => {
      const [sms, totp] = [validateMfaPreference(s, 'sms'), validateMfaPreference(t, 'totp')];
      return (rt) => updateMFAPreference(rt, sms, totp);
    },
  ],
  fetchMFAPreference: [0, () => fetchMFAPreference],
};

/** Puts the user-pool methods on the plugin's prototype; each runs through the plugin's queued runner. */
export function installUserPoolMethods<P extends object>(prototype: P, run: RunUserPoolMethod<P>): void {
  for (const [name, [arity, prepare]] of Object.entries(METHODS)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value: function (this: P, ...all: unknown[]): unknown {
        const positional = all.slice(0, arity);
        return run(this, name, all.slice(arity), (options) => prepare(positional, options));
      },
    });
  }
}
