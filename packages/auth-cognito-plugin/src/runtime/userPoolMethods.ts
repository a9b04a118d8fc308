import { validateNoOptions } from '../model/validate.js';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { autoSignIn } from '../operations/userPool/autoSignIn.js';
import { confirmResetPassword } from '../operations/userPool/confirmResetPassword.js';
import { confirmSignInStep } from '../operations/userPool/confirmSignInStep.js';
import { confirmSignUp } from '../operations/userPool/confirmSignUp.js';
import { confirmUserAttribute } from '../operations/userPool/confirmUserAttribute.js';
import { deleteUser } from '../operations/userPool/deleteUser.js';
import { fetchUserAttributes } from '../operations/userPool/fetchUserAttributes.js';
import { getCurrentUser } from '../operations/userPool/getCurrentUser.js';
import { fetchMFAPreference, updateMFAPreference } from '../operations/userPool/mfaPreference.js';
import {
  fetchDevices,
  forgetDevice,
  rememberDevice,
} from '../operations/userPool/devices/deviceOperations.js';
import { validateDeviceArgument } from '../operations/userPool/devices/validateDevice.js';
import { mfaPreferenceRecord } from '../operations/userPool/passwordless/validatePasswordless.js';
import { resendSignUpCode } from '../operations/userPool/resendSignUpCode.js';
import { resendUserAttributeConfirmationCode } from '../operations/userPool/resendUserAttributeConfirmationCode.js';
import { resetPassword } from '../operations/userPool/resetPassword.js';
import { setUpTOTP } from '../operations/userPool/setUpTOTP.js';
import { signUp } from '../operations/userPool/signUp.js';
import { startSignIn } from '../operations/userPool/startSignIn.js';
import { updatePassword } from '../operations/userPool/updatePassword.js';
import { updateUserAttributes } from '../operations/userPool/updateUserAttributes.js';
import { verifyTOTPSetup } from '../operations/userPool/verifyTOTPSetup.js';
import type { ConfirmSignInOptions } from './options.js';
import { PASSWORDLESS_OPERATIONS } from './passwordlessOperations.js';
import {
  validateAttributeKey,
  validateAttributes,
  validateCode,
  validateMfaPreference,
  validatePassword,
  validateSignInInput,
  validateSignUpOptions,
  validateStringRecord,
  validateUsername,
} from './userPoolValidate.js';
import type { Perform } from './createRuntime.js';
import type { RuntimeOf } from './perform.js';

/** Checks the positional arguments and options (before any request) and returns the operation. */
type Prepare = (
  positional: readonly unknown[],
  options: unknown,
) => (runtime: PluginRuntime) => Promise<unknown>;

const code = (value: unknown) => validateCode(value, 'The confirmation code');

/**
 * The user-pool side of the method table (the facade's `methods.ts` holds these methods' arity): name →
 * argument check and operation, loaded with the user-pool side, so apps that only federate never
 * download them. Each runs as a queued network operation.
 */
const USER_POOL_OPERATIONS = {
  signIn: ([username, password], options) => {
    const input = validateSignInInput(username, password, options);
    return (rt) => startSignIn(rt, input);
  },
  confirmSignIn: ([challengeResponse], options) => {
    const response = validateCode(challengeResponse, 'The challenge response');
    const attributes = validateStringRecord(
      (options as ConfirmSignInOptions | undefined)?.userAttributes,
      'userAttributes',
    );
    return (rt) => confirmSignInStep(rt, response, attributes);
  },
  deleteUser: (_, options) => {
    validateNoOptions(options, 'deleteUser');
    return deleteUser;
  },
  getCurrentUser: (_, options) => {
    validateNoOptions(options, 'getCurrentUser');
    return getCurrentUser;
  },
  signUp: ([u, p], options) => {
    const [username, password] = [validateUsername(u), validatePassword(p, 'The password')];
    const valid = validateSignUpOptions(options);
    return (rt) => signUp(rt, username, password, valid);
  },
  confirmSignUp: ([u, c]) => {
    const [username, confirmation] = [validateUsername(u), code(c)];
    return (rt) => confirmSignUp(rt, username, confirmation);
  },
  resendSignUpCode: ([u]) => {
    const username = validateUsername(u);
    return (rt) => resendSignUpCode(rt, username);
  },
  autoSignIn: () => (rt) => autoSignIn(rt),
  resetPassword: ([u]) => {
    const username = validateUsername(u);
    return (rt) => resetPassword(rt, username);
  },
  confirmResetPassword: ([u, p, c]) => {
    const [username, password] = [validateUsername(u), validatePassword(p, 'The new password')];
    const confirmation = code(c);
    return (rt) => confirmResetPassword(rt, username, password, confirmation);
  },
  updatePassword: ([o, n]) => {
    const [old, next] = [validatePassword(o, 'The old password'), validatePassword(n, 'The new password')];
    return (rt) => updatePassword(rt, old, next);
  },
  fetchUserAttributes: () => (rt) => fetchUserAttributes(rt),
  updateUserAttributes: ([a]) => {
    const attributes = validateAttributes(a);
    return (rt) => updateUserAttributes(rt, attributes);
  },
  confirmUserAttribute: ([k, c]) => {
    const [key, confirmation] = [validateAttributeKey(k), code(c)];
    return (rt) => confirmUserAttribute(rt, key, confirmation);
  },
  resendUserAttributeConfirmationCode: ([k]) => {
    const key = validateAttributeKey(k);
    return (rt) => resendUserAttributeConfirmationCode(rt, key);
  },
  setUpTOTP: () => (rt) => setUpTOTP(rt),
  verifyTOTPSetup: ([c]) => {
    const totp = validateCode(c, 'The TOTP code');
    return (rt) => verifyTOTPSetup(rt, totp);
  },
  // The record form ({ sms, totp, email }: the facade's arity made it the one positional) or (sms, totp).
  updateMFAPreference: ([s, t]) => {
    const input = typeof s === 'object' && s ? mfaPreferenceRecord(s) : { sms: s, totp: t, email: undefined };
    const [sms, totp] = [validateMfaPreference(input.sms, 'sms'), validateMfaPreference(input.totp, 'totp')];
    const email = validateMfaPreference(input.email, 'email');
    return (rt) => updateMFAPreference(rt, sms, totp, email);
  },
  fetchMFAPreference: () => (rt) => fetchMFAPreference(rt),
  rememberDevice: (_, options) => {
    validateNoOptions(options, 'rememberDevice');
    return (rt) => rememberDevice(rt);
  },
  forgetDevice: ([d]) => {
    const id = validateDeviceArgument(d);
    return (rt) => forgetDevice(rt, id);
  },
  fetchDevices: (_, options) => {
    validateNoOptions(options, 'fetchDevices');
    return (rt) => fetchDevices(rt);
  },
  ...PASSWORDLESS_OPERATIONS,
} satisfies Record<string, Prepare>;

/** The user-pool methods, by name. */
export type UserPoolMethodName = keyof typeof USER_POOL_OPERATIONS;

/** Checks the arguments of user-pool method `method` (before any request) and queues its operation. */
export function runUserPool(
  method: UserPoolMethodName,
  positional: readonly unknown[],
  options: unknown,
  runtime: RuntimeOf,
  perform: Perform,
): Promise<unknown> {
  const run = (USER_POOL_OPERATIONS[method] as Prepare)(positional, options);
  return perform(runtime(), method, { local: false, run });
}
