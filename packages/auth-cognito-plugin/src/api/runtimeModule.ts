import { validateFetchOptions } from '../model/validate.js';
import type { UserPoolApi } from './createRuntime.js';
import { CORE_OPERATIONS } from './coreOperations.js';
import type { RuntimeOf } from './invoke.js';
import { perform } from './invoke.js';

// The plugin's code that is loaded on first use (a dynamic import from `loadRuntimeModule`): the state
// machine, the session store and fetcher, the federation and session operations and their argument
// checks. The plugin class itself only holds what must run synchronously; the user-pool and hosted-UI
// code is another module (`api/userPoolApi.ts`), loaded only when needed.

export { createRuntime } from './createRuntime.js';
export { abandonedByReset } from './invoke.js';

/**
 * Runs a method of the plugin: validates its arguments (before any request), then queues it behind every
 * operation called before it. Queues synchronously, so calls keep the order they were made in.
 * `runtime` is the runtime of the configuration the call was made under (it throws when there is none);
 * `userPool` is the user-pool code, loaded for the user-pool and hosted-UI methods.
 */
export function invoke(
  method: string,
  positional: readonly unknown[],
  options: unknown,
  runtime: RuntimeOf,
  userPool?: UserPoolApi,
): Promise<unknown> {
  if (method === 'fetchAuthSession') {
    return runtime().fetcher.fetch(validateFetchOptions(options).forceRefresh);
  }
  if (method === 'fetchForSdk') return runtime().fetcher.fetchForSdk(positional[0] === true);
  if (method === 'loadEscapeHatch') {
    const { sdkIdentityPool, sdkUserPool } = runtime();
    return Promise.all([sdkIdentityPool?.load(), sdkUserPool?.load()]);
  }
  const ofUserPool = userPool?.invokeUserPool(method, positional, options, runtime, perform);
  if (ofUserPool) return ofUserPool;
  const operation = CORE_OPERATIONS[method]!(positional, options);
  const configured = runtime();
  return perform(configured, method, operation).then((result) =>
    operation.after ? operation.after(result, configured) : result,
  );
}
