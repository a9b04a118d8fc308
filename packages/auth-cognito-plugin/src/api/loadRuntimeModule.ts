import { NetworkException } from '@plugboard/core';

/** The plugin's lazily loaded code (see `runtimeModule.ts`). */
export type RuntimeModule = typeof import('./runtimeModule.js');

let loading: Promise<RuntimeModule> | undefined;

/**
 * Loads the plugin's runtime once; every caller gets the same promise, so callers resume in the order
 * they called. A failed load (in a browser: a script chunk that did not arrive) is a NetworkException and
 * is not kept: the next call loads again.
 */
export function loadRuntimeModule(): Promise<RuntimeModule> {
  return (loading ??= import('./runtimeModule.js').catch((error: unknown) => {
    loading = undefined;
    throw new NetworkException(
      'The auth plugin could not load its code (a script file of the app did not load).',
      'Check the network connection and repeat the call: the code is requested again.',
      { cause: error },
    );
  }));
}
