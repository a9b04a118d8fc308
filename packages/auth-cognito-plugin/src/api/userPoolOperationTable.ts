import { deleteUser } from '../operations/userPool/deleteUser.js';
import { getCurrentUser } from '../operations/userPool/getCurrentUser.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { validateNoOptions } from '../model/validate.js';
import { validateDeviceArgument } from '../operations/userPool/devices/validateDevice.js';
import type { AWSCognitoUserPoolMethods } from './userPoolMethods.js';
import type { ConfirmSignInOptions } from './options.js';
import {
  validateAttributeKey,
  validateAttributes,
  validateCode,
  validateMfaPreference,
  validateSignInInput,
  validateSignUpOptions,
  validateUsername,
} from './userPoolValidate.js';
import { validatePassword, validateStringRecord } from './userPoolValidate.js';

/** Loaded on first use: apps that only federate never download the user-pool operations. */
export const userPoolOperations = () => import('./userPoolOperationsEntry.js');

type Operation = (runtime: PluginRuntime) => Promise<unknown>;
/** Validates the positional arguments and options (before any request) and returns the operation. */
type Prepare = (args: readonly unknown[], options: unknown) => Operation;

const code = (value: unknown): string => validateCode(value, 'The confirmation code');

/** Name → how to validate the arguments and prepare the call (each is a queued network operation). */
export const USER_POOL_OPERATIONS: Record<
  keyof AWSCognitoUserPoolMethods | 'signIn' | 'confirmSignIn' | 'deleteUser' | 'getCurrentUser',
  Prepare
> = {
  deleteUser: (_, options) => {
    validateNoOptions(options, 'deleteUser');
    return deleteUser;
  },
  getCurrentUser: (_, options) => {
    validateNoOptions(options, 'getCurrentUser');
    return getCurrentUser;
  },
  signIn: ([username, password], options) => {
    const input = validateSignInInput(username, password, options);
    return async (rt) => (await userPoolOperations()).startSignIn(rt, input);
  },
  confirmSignIn: ([challengeResponse], options) => {
    const response = validateCode(challengeResponse, 'The challenge response');
    const attributes = validateStringRecord(
      (options as ConfirmSignInOptions | undefined)?.userAttributes,
      'userAttributes',
    );
    return async (rt) => (await userPoolOperations()).confirmSignInStep(rt, response, attributes);
  },
  signUp: ([u, p], options) => {
    const [username, password] = [validateUsername(u), validatePassword(p, 'The password')];
    const valid = validateSignUpOptions(options);
    return async (rt) => (await userPoolOperations()).signUp(rt, username, password, valid);
  },
  confirmSignUp: ([u, c]) => {
    const [username, confirmation] = [validateUsername(u), code(c)];
    return async (rt) => (await userPoolOperations()).confirmSignUp(rt, username, confirmation);
  },
  resendSignUpCode: ([u]) =>
    (
      (username) => async (rt: PluginRuntime) =>
        (await userPoolOperations()).resendSignUpCode(rt, username)
    )(validateUsername(u)),
  autoSignIn: () => async (rt) => (await userPoolOperations()).autoSignIn(rt),
  resetPassword: ([u]) =>
    (
      (username) => async (rt: PluginRuntime) =>
        (await userPoolOperations()).resetPassword(rt, username)
    )(validateUsername(u)),
  confirmResetPassword: ([u, p, c]) => {
    const [username, password, confirmation] = [
      validateUsername(u),
      validatePassword(p, 'The new password'),
      code(c),
    ];
    return async (rt) =>
      (await userPoolOperations()).confirmResetPassword(rt, username, password, confirmation);
  },
  updatePassword: ([o, n]) => {
    const [old, next] = [validatePassword(o, 'The old password'), validatePassword(n, 'The new password')];
    return async (rt) => (await userPoolOperations()).updatePassword(rt, old, next);
  },
  fetchUserAttributes: () => async (rt) => (await userPoolOperations()).fetchUserAttributes(rt),
  updateUserAttributes: ([a]) =>
    (
      (attributes) => async (rt: PluginRuntime) =>
        (await userPoolOperations()).updateUserAttributes(rt, attributes)
    )(validateAttributes(a)),
  confirmUserAttribute: ([k, c]) => {
    const [key, confirmation] = [validateAttributeKey(k), code(c)];
    return async (rt) => (await userPoolOperations()).confirmUserAttribute(rt, key, confirmation);
  },
  resendUserAttributeConfirmationCode: ([k]) =>
    (
      (key) => async (rt: PluginRuntime) =>
        (await userPoolOperations()).resendUserAttributeConfirmationCode(rt, key)
    )(validateAttributeKey(k)),
  setUpTOTP: () => async (rt) => (await userPoolOperations()).setUpTOTP(rt),
  verifyTOTPSetup: ([c]) =>
    (
      (totp) => async (rt: PluginRuntime) =>
        (await userPoolOperations()).verifyTOTPSetup(rt, totp)
    )(validateCode(c, 'The TOTP code')),
  updateMFAPreference: ([s, t]) => {
    const [sms, totp] = [validateMfaPreference(s, 'sms'), validateMfaPreference(t, 'totp')];
    return async (rt) => (await userPoolOperations()).updateMFAPreference(rt, sms, totp);
  },
  fetchMFAPreference: () => async (rt) => (await userPoolOperations()).fetchMFAPreference(rt),
  rememberDevice: (_, o) => (
    validateNoOptions(o, 'rememberDevice'),
    async (rt) => (await userPoolOperations()).rememberDevice(rt)
  ),
  forgetDevice: ([d]) =>
    (
      (id) => async (rt: PluginRuntime) =>
        (await userPoolOperations()).forgetDevice(rt, id)
    )(validateDeviceArgument(d)),
  fetchDevices: (_, o) => (
    validateNoOptions(o, 'fetchDevices'),
    async (rt) => (await userPoolOperations()).fetchDevices(rt)
  ),
};
