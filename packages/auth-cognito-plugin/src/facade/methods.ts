import type { PluginRuntime } from '../operations/PluginRuntime.js';
import type { ConfiguredPlugin } from '../runtime/createRuntime.js';
import type { LoadedCode, UserPoolModule } from '../runtime/load.js';
import {
  validateFederateOptions,
  validateFetchOptions,
  validateNoOptions,
  validateProvider,
  validateSignOutOptions,
  validateToken,
} from '../model/validate.js';
import type { ConfirmSignInOptions } from '../runtime/options.js';
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

/** The runtime of the configuration a call was made under; throws when there is none. */
export type RuntimeOf = () => ConfiguredPlugin;

/** What a checked call does once its code has loaded. */
export type Work = (code: LoadedCode, runtime: RuntimeOf, method: string) => Promise<unknown>;

/** One method of the plugin: how it is called, what it checks, what it runs, which code it needs. */
export interface Method {
  /** Positional arguments before the options and callbacks; null: one argument, promise only. */
  readonly arity: number | null;
  /** Runs user-pool or hosted-UI code (the second load). */
  readonly userPool: boolean;
  /** Checks the positional arguments and options (before any load or request) and returns the work. */
  readonly check: (positional: readonly unknown[], options: unknown) => Work;
}

type Op = (ops: UserPoolModule, runtime: PluginRuntime) => Promise<unknown>;

/** A queued user-pool operation (network): it runs after every operation called before it. */
const queued =
  (op: Op): Work =>
  ({ runtime: code, userPool }, runtime, method) =>
    code.perform(runtime(), method, { local: false, run: (rt) => op(userPool!, rt) });

const core = (arity: number, check: Method['check']): Method => ({ arity, userPool: false, check });
const pool = (arity: number | null, check: Method['check']): Method => ({ arity, userPool: true, check });
const code = (value: unknown) => validateCode(value, 'The confirmation code');

/**
 * The plugin's methods, by name: the one table the class, the loading and the dispatch read. A new
 * method is one row here (with its signature in `userPoolMethods.ts` or `hostedUiMethods.ts`).
 */
export const METHODS = {
  federateToIdentityPool: core(2, ([token, provider], options) => {
    const [t, p] = [validateToken(token), validateProvider(provider)];
    const { developerProvidedIdentityId: id } = validateFederateOptions(options);
    return ({ runtime: code }, runtime, method) =>
      code.perform(runtime(), method, { local: false, run: (rt) => code.federate(rt, t, p, id) });
  }),
  clearFederationToIdentityPool: core(0, (_, options) => {
    validateNoOptions(options, 'clearFederationToIdentityPool');
    return ({ runtime: code }, runtime, method) =>
      code.perform(runtime(), method, { local: true, run: code.clearFederation });
  }),
  fetchAuthSession: core(0, (_, options) => {
    const { forceRefresh } = validateFetchOptions(options);
    return async (_code, runtime) => runtime().fetcher.fetch(forceRefresh);
  }),
  /** Internal: the session for `fromAmplifyAuth` (`[forceRefresh]`). */
  fetchForSdk: core(
    1,
    ([force]) =>
      async (_code, runtime) =>
        runtime().fetcher.fetchForSdk(force === true),
  ),
  loadEscapeHatch: core(0, () => async (_code, runtime) => {
    const { sdkIdentityPool, sdkUserPool } = runtime();
    return Promise.all([sdkIdentityPool?.load(), sdkUserPool?.load()]);
  }),
  signOut: core(0, (_, options) => {
    const { globalSignOut, browser } = validateSignOutOptions(options);
    return async ({ runtime: code }, runtime, method) => {
      const configured = runtime();
      const run = (rt: PluginRuntime) => code.signOut(rt, globalSignOut);
      const result = await code.perform(configured, method, { local: !globalSignOut, run });
      // The hosted UI, when configured, came with the user-pool side.
      const api = configured.userPoolApi;
      return api ? api.endHostedUiSession(configured, result, browser) : result;
    };
  }),
  signIn: pool(2, ([username, password], options) => {
    const input = validateSignInInput(username, password, options);
    return queued((ops, rt) => ops.startSignIn(rt, input));
  }),
  confirmSignIn: pool(1, ([challengeResponse], options) => {
    const response = validateCode(challengeResponse, 'The challenge response');
    const attributes = validateStringRecord(
      (options as ConfirmSignInOptions | undefined)?.userAttributes,
      'userAttributes',
    );
    return queued((ops, rt) => ops.confirmSignInStep(rt, response, attributes));
  }),
  deleteUser: pool(0, (_, options) => {
    validateNoOptions(options, 'deleteUser');
    return queued((ops, rt) => ops.deleteUser(rt));
  }),
  getCurrentUser: pool(0, (_, options) => {
    validateNoOptions(options, 'getCurrentUser');
    return queued((ops, rt) => ops.getCurrentUser(rt));
  }),
  signUp: pool(2, ([u, p], options) => {
    const [username, password] = [validateUsername(u), validatePassword(p, 'The password')];
    const valid = validateSignUpOptions(options);
    return queued((ops, rt) => ops.signUp(rt, username, password, valid));
  }),
  confirmSignUp: pool(2, ([u, c]) => {
    const [username, confirmation] = [validateUsername(u), code(c)];
    return queued((ops, rt) => ops.confirmSignUp(rt, username, confirmation));
  }),
  resendSignUpCode: pool(1, ([u]) => {
    const username = validateUsername(u);
    return queued((ops, rt) => ops.resendSignUpCode(rt, username));
  }),
  autoSignIn: pool(0, () => queued((ops, rt) => ops.autoSignIn(rt))),
  resetPassword: pool(1, ([u]) => {
    const username = validateUsername(u);
    return queued((ops, rt) => ops.resetPassword(rt, username));
  }),
  confirmResetPassword: pool(3, ([u, p, c]) => {
    const [username, password] = [validateUsername(u), validatePassword(p, 'The new password')];
    const confirmation = code(c);
    return queued((ops, rt) => ops.confirmResetPassword(rt, username, password, confirmation));
  }),
  updatePassword: pool(2, ([o, n]) => {
    const [old, next] = [validatePassword(o, 'The old password'), validatePassword(n, 'The new password')];
    return queued((ops, rt) => ops.updatePassword(rt, old, next));
  }),
  fetchUserAttributes: pool(0, () => queued((ops, rt) => ops.fetchUserAttributes(rt))),
  updateUserAttributes: pool(1, ([a]) => {
    const attributes = validateAttributes(a);
    return queued((ops, rt) => ops.updateUserAttributes(rt, attributes));
  }),
  confirmUserAttribute: pool(2, ([k, c]) => {
    const [key, confirmation] = [validateAttributeKey(k), code(c)];
    return queued((ops, rt) => ops.confirmUserAttribute(rt, key, confirmation));
  }),
  resendUserAttributeConfirmationCode: pool(1, ([k]) => {
    const key = validateAttributeKey(k);
    return queued((ops, rt) => ops.resendUserAttributeConfirmationCode(rt, key));
  }),
  setUpTOTP: pool(0, () => queued((ops, rt) => ops.setUpTOTP(rt))),
  verifyTOTPSetup: pool(1, ([c]) => {
    const totp = validateCode(c, 'The TOTP code');
    return queued((ops, rt) => ops.verifyTOTPSetup(rt, totp));
  }),
  updateMFAPreference: pool(2, ([s, t]) => {
    const [sms, totp] = [validateMfaPreference(s, 'sms'), validateMfaPreference(t, 'totp')];
    return queued((ops, rt) => ops.updateMFAPreference(rt, sms, totp));
  }),
  fetchMFAPreference: pool(0, () => queued((ops, rt) => ops.fetchMFAPreference(rt))),
  // The hosted UI: its options are checked with its code (the browser check lives there).
  signInWithWebUI: pool(
    0,
    (_, options) =>
      ({ runtime: code, userPool }, runtime, method) =>
        userPool!.signInThroughBrowser(runtime, code.perform, method, undefined, options),
  ),
  signInWithSocialWebUI: pool(1, ([provider], options) => {
    const valid = validateProvider(provider);
    return ({ runtime: code, userPool }, runtime, method) =>
      userPool!.signInThroughBrowser(runtime, code.perform, method, valid, options);
  }),
  completeSignInWithWebUI: pool(
    null,
    ([redirectUrl]) =>
      ({ runtime: code, userPool }, runtime) =>
        userPool!.completeSignInWithWebUIAt(runtime, code.perform, redirectUrl),
  ),
} satisfies Record<string, Method>;

export type MethodName = keyof typeof METHODS;
