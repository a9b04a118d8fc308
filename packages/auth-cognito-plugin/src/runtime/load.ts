import { NetworkException } from '@plugboard/core';
import { withDeadline } from '../clients/deadline.js';

// The one load boundary of the plugin: the runtime (state machine, store, fetcher, federation) is one
// dynamic import, the user-pool and hosted-UI side one more. Nothing else of the plugin's code is
// imported on demand (the AWS SDK packages are, by the clients that use them).

/** The plugin's lazily loaded runtime (see `runtime.ts`). */
export type RuntimeModule = typeof import('./runtime.js');
/** The user-pool and hosted-UI side (see `userPool.ts`). */
export type UserPoolModule = typeof import('./userPool.js');

/** The code a call runs with: the runtime, and the user-pool side when the call or configuration needs it. */
export interface LoadedCode {
  readonly runtime: RuntimeModule;
  readonly userPool: UserPoolModule | undefined;
}

const failed = (cause: unknown) =>
  new NetworkException(
    'The auth plugin could not load its code (a script file of the app did not load).',
    'Check the network connection and repeat the call: the code is requested again.',
    { cause },
  );

/**
 * Loads a module once; every caller gets the same promise. A load that fails, or does not arrive within
 * `ms` (in a browser: a script chunk), is a NetworkException and is not kept: the next call loads again.
 */
function loadOnce<T>(load: () => Promise<T>): (ms: number) => Promise<T> {
  let loading: Promise<T> | undefined;
  return (ms) =>
    (loading ??= withDeadline(
      Promise.resolve().then(load),
      ms,
      () => new Error(`The code did not arrive within ${ms} ms.`),
    ).catch((error: unknown) => {
      loading = undefined;
      throw failed(error);
    }));
}

/** The two imports (internal: a test replaces one to make its code never arrive). */
export const codeImports = {
  runtime: () => import('./runtime.js'),
  userPool: () => import('./userPool.js'),
};
const loadRuntime = loadOnce(() => codeImports.runtime());
const loadUserPool = loadOnce(() => codeImports.userPool());

/** The loads of the code with and without the user-pool side, kept once loaded (a failed one is not). */
const loads = new Map<boolean, Promise<LoadedCode>>();

/** The code a call needs, within `ms`: the runtime, and the user-pool side when `userPool`. */
export const loadCode = (userPool: boolean, ms: number): Promise<LoadedCode> => {
  let load = loads.get(userPool);
  if (!load) {
    load = Promise.all([loadRuntime(ms), userPool ? loadUserPool(ms) : undefined]).then(
      ([runtime, userPoolModule]) => ({ runtime, userPool: userPoolModule }),
    );
    const kept = load;
    loads.set(userPool, kept);
    kept.catch(() => {
      if (loads.get(userPool) === kept) loads.delete(userPool);
    });
  }
  return load;
};

let last: { readonly userPool: boolean; readonly loaded: Promise<LoadedCode> } | undefined;

/**
 * The code for a call, in call order: calls get the same promise as the calls before them (so they resume
 * in the order they were made) unless they need the user-pool side and those did not; then they wait for
 * the earlier calls' load first. A failed load is forgotten: the next call loads again.
 */
export function loadInOrder(userPool: boolean, ms: number): Promise<LoadedCode> {
  if (!last || (userPool && !last.userPool)) {
    const load = () => loadCode(userPool, ms);
    const before = last?.loaded;
    const entry = { userPool, loaded: before ? before.then(load, load) : load() };
    entry.loaded.catch(() => {
      if (last === entry) last = undefined;
    });
    last = entry;
  }
  return last.loaded;
}
