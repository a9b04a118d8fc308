import type { PluginRuntime } from '../operations/PluginRuntime.js';

/** Loaded on first use: apps that only federate never download the user-pool operations. */
export const userPoolOperations = () => import('../operations/userPool/userPoolOperations.js');
import type { AWSCognitoUserPoolMethods } from './userPoolMethods.js';
import {
  validateAttributeKey,
  validateAttributes,
  validateCode,
  validateMfaPreference,
  validateSignUpOptions,
  validateUsername,
} from './userPoolValidate.js';
import { validatePassword } from '../shared/validate.js';

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
      return async (rt) => (await userPoolOperations()).signUp(rt, username, password, valid);
    },
  ],
  confirmSignUp: [
    2,
    ([u, c]) => {
      const [username, confirmation] = [validateUsername(u), code(c)];
      return async (rt) => (await userPoolOperations()).confirmSignUp(rt, username, confirmation);
    },
  ],
  resendSignUpCode: [
    1,
    ([u]) =>
      (
        (username) => async (rt: PluginRuntime) =>
          (await userPoolOperations()).resendSignUpCode(rt, username)
      )(validateUsername(u)),
  ],
  autoSignIn: [0, () => async (rt) => (await userPoolOperations()).autoSignIn(rt)],
  resetPassword: [
    1,
    ([u]) =>
      (
        (username) => async (rt: PluginRuntime) =>
          (await userPoolOperations()).resetPassword(rt, username)
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
      return async (rt) =>
        (await userPoolOperations()).confirmResetPassword(rt, username, password, confirmation);
    },
  ],
  updatePassword: [
    2,
    ([o, n]) => {
      const [old, next] = [validatePassword(o, 'The old password'), validatePassword(n, 'The new password')];
      return async (rt) => (await userPoolOperations()).updatePassword(rt, old, next);
    },
  ],
  fetchUserAttributes: [0, () => async (rt) => (await userPoolOperations()).fetchUserAttributes(rt)],
  updateUserAttributes: [
    1,
    ([a]) =>
      (
        (attributes) => async (rt: PluginRuntime) =>
          (await userPoolOperations()).updateUserAttributes(rt, attributes)
      )(validateAttributes(a)),
  ],
  confirmUserAttribute: [
    2,
    ([k, c]) => {
      const [key, confirmation] = [validateAttributeKey(k), code(c)];
      return async (rt) => (await userPoolOperations()).confirmUserAttribute(rt, key, confirmation);
    },
  ],
  resendUserAttributeConfirmationCode: [
    1,
    ([k]) =>
      (
        (key) => async (rt: PluginRuntime) =>
          (await userPoolOperations()).resendUserAttributeConfirmationCode(rt, key)
      )(validateAttributeKey(k)),
  ],
  setUpTOTP: [0, () => async (rt) => (await userPoolOperations()).setUpTOTP(rt)],
  verifyTOTPSetup: [
    1,
    ([c]) =>
      (
        (totp) => async (rt: PluginRuntime) =>
          (await userPoolOperations()).verifyTOTPSetup(rt, totp)
      )(validateCode(c, 'The TOTP code')),
  ],
  updateMFAPreference: [
    2,
    ([s, t]) => {
      const [sms, totp] = [validateMfaPreference(s, 'sms'), validateMfaPreference(t, 'totp')];
      return async (rt) => (await userPoolOperations()).updateMFAPreference(rt, sms, totp);
    },
  ],
  fetchMFAPreference: [0, () => async (rt) => (await userPoolOperations()).fetchMFAPreference(rt)],
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
