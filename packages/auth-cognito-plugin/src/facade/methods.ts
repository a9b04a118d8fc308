import type { PluginRuntime } from '../operations/PluginRuntime.js';
import {
  validateFederateOptions,
  validateFetchOptions,
  validateNoOptions,
  validateProvider,
  validateSignOutOptions,
  validateToken,
} from '../model/validate.js';
import { core, pool, withUserPool, type Method } from './method.js';
import { USER_POOL_METHODS } from './userPoolMethods.js';

export { positionalCount } from './method.js';
export type { Arity, Method, RuntimeOf, Work } from './method.js';

/**
 * The plugin's methods, by name: the one table the class, the loading and the dispatch read. The rows of
 * the user-pool methods beyond sign-in sit beside their signatures, in `userPoolMethods.ts`.
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
    return (_code, runtime) => runtime().fetcher.fetch(forceRefresh);
  }),
  /** Internal: the session for `fromAmplifyAuth` (`[forceRefresh]`). */
  fetchForSdk: core(
    1,
    ([force]) =>
      (_code, runtime) =>
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
  signIn: pool(2),
  confirmSignIn: pool(1),
  deleteUser: pool(0),
  getCurrentUser: pool(0),
  ...USER_POOL_METHODS,
  // The hosted UI: its options are checked with its code (the browser check lives there).
  signInWithWebUI: withUserPool(
    0,
    (_, options) =>
      ({ runtime: code, userPool }, runtime, method) =>
        userPool!.signInThroughBrowser(runtime, code.perform, method, undefined, options),
  ),
  signInWithSocialWebUI: withUserPool(1, ([provider], options) => {
    const valid = validateProvider(provider);
    return ({ runtime: code, userPool }, runtime, method) =>
      userPool!.signInThroughBrowser(runtime, code.perform, method, valid, options);
  }),
  completeSignInWithWebUI: withUserPool(
    null,
    ([redirectUrl]) =>
      ({ runtime: code, userPool }, runtime) =>
        userPool!.completeSignInWithWebUIAt(runtime, code.perform, redirectUrl),
  ),
} satisfies Record<string, Method>;

export type MethodName = keyof typeof METHODS;
