import { NetworkException } from '@plugboard/core';

/** The plugin's lazily loaded code (see `runtimeModule.ts`). */
export type RuntimeModule = typeof import('./runtimeModule.js');
/** The user-pool and hosted-UI code, another lazily loaded module. */
export type UserPoolModule = typeof import('./userPoolApi.js');

/**
 * Loads a module once; every caller gets the same promise. A failed load (in a browser: a script chunk
 * that did not arrive) is a NetworkException and is not kept: the next call loads again.
 */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new NetworkException(
        'The auth plugin could not load its code (a script file of the app did not load).',
        'Check the network connection and repeat the call: the code is requested again.',
        { cause: error },
      );
    }));
}

export const loadRuntimeModule = loadOnce(() => import('./runtimeModule.js'));
/** The escape hatch's identity-pool code (`loadEscapeHatch()`), loaded from here to keep it out of the runtime's imports. */
export const loadSdkIdentityPool = () => import('./sdkIdentityPoolEntry.js');
export const loadUserPoolModule = loadOnce(() => import('./userPoolApi.js'));

/** The code a call needs: the runtime, and the user-pool code when `userPool`. */
export const loadModules = (userPool: boolean) =>
  Promise.all([loadRuntimeModule(), userPool ? loadUserPoolModule() : undefined]);

let last: { readonly userPool: boolean; readonly loaded: ReturnType<typeof loadModules> } | undefined;

/**
 * The code for a call, in call order: calls get the same promise as the calls before them (so they resume
 * in the order they were made) unless they need the user-pool code and those did not; then they wait for
 * the earlier calls' load first. A failed load is forgotten: the next call loads again.
 */
export function loadInOrder(userPool: boolean): ReturnType<typeof loadModules> {
  if (!last || (userPool && !last.userPool)) {
    const load = () => loadModules(userPool);
    const before = last?.loaded;
    const entry = { userPool, loaded: before ? before.then(load, load) : load() };
    entry.loaded.catch(() => {
      if (last === entry) last = undefined;
    });
    last = entry;
  }
  return last.loaded;
}
