import { validateFetchOptions } from '../shared/validate.js';
import { CORE_OPERATIONS } from './coreOperations.js';
import { HOSTED_UI_METHODS, type RuntimeOf } from './hostedUiMethods.js';
import { network, perform, type Prepared } from './invoke.js';
import { USER_POOL_OPERATIONS } from './userPoolOperationTable.js';

// The plugin's code that is loaded on first use (a dynamic import from `loadRuntimeModule`): the state
// machine, the session store and fetcher, the operations and their argument checks. The plugin class
// itself only holds what must run synchronously.

export { createRuntime } from './createRuntime.js';
export { abandonedByReset } from './invoke.js';

const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * Runs a method of the plugin: validates its arguments (before any request), then queues it behind every
 * operation called before it. Queues synchronously, so calls keep the order they were made in.
 * `runtime` is the runtime of the configuration the call was made under (it throws when there is none).
 */
export function invoke(
  method: string,
  positional: readonly unknown[],
  options: unknown,
  runtime: RuntimeOf,
): Promise<unknown> {
  if (method === 'fetchAuthSession') {
    return runtime().fetcher.fetch(validateFetchOptions(options).forceRefresh);
  }
  if (method === 'loadEscapeHatch') {
    const { sdkIdentityPool, sdkUserPool } = runtime();
    return Promise.all([sdkIdentityPool?.load(), sdkUserPool?.load()]);
  }
  const hostedUi = own<(typeof HOSTED_UI_METHODS)[keyof typeof HOSTED_UI_METHODS]>(HOSTED_UI_METHODS, method);
  if (hostedUi) return hostedUi(positional, options, runtime);
  const userPool = own(USER_POOL_OPERATIONS, method);
  const operation: Prepared<unknown> = userPool
    ? network(userPool(positional, options))
    : CORE_OPERATIONS[method]!(positional, options);
  const configured = runtime();
  return perform(configured, method, operation).then((result) =>
    operation.after ? operation.after(result, configured) : result,
  );
}
