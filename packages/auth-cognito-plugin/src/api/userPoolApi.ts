import type { CognitoUserPoolConfig, KeyValueStorage } from '@plugboard/core';
import { HOSTED_UI_METHODS, type RuntimeOf } from './hostedUiMethods.js';
import type { Perform } from './createRuntime.js';
import { USER_POOL_OPERATIONS } from './userPoolOperationTable.js';
import { SdkUserPoolService } from '../clients/userPool/UserPoolService.js';
import { HostedUiRuntime } from '../hostedUi/HostedUiRuntime.js';
import type { HostedUiConfig } from '../hostedUi/hostedUiConfig.js';

// The user-pool and hosted-UI side of the plugin, loaded on first use by their methods (and with the
// runtime when the configuration has a user pool): apps that only federate never download it.

export { endHostedUiSession } from './hostedUiMethods.js';
export { completeHostedUiAnswerInPage } from './completeHostedUiAnswerInPage.js';

/**
 * Runs a user-pool or hosted-UI method: checks its arguments (before any request), then queues it with
 * `perform` behind every operation called before it. Undefined: `method` is not one of them.
 */
export function invokeUserPool(
  method: string,
  positional: readonly unknown[],
  options: unknown,
  runtime: RuntimeOf,
  perform: Perform,
): Promise<unknown> | undefined {
  if (Object.hasOwn(HOSTED_UI_METHODS, method))
    return HOSTED_UI_METHODS[method as keyof typeof HOSTED_UI_METHODS](positional, options, runtime, perform);
  if (!Object.hasOwn(USER_POOL_OPERATIONS, method)) return undefined;
  const run = USER_POOL_OPERATIONS[method as keyof typeof USER_POOL_OPERATIONS](positional, options);
  return perform(runtime(), method, { local: false, run });
}

/** The AWS SDK user-pool service of a configuration. */
export const sdkUserPoolService = (config: CognitoUserPoolConfig, requestTimeoutMs: number) =>
  new SdkUserPoolService(config, requestTimeoutMs);

/** The hosted UI of a configuration. */
export const hostedUiRuntime = (config: HostedUiConfig, storage: KeyValueStorage, requestTimeoutMs: number) =>
  new HostedUiRuntime(config, storage, requestTimeoutMs);

// The runtime is always loaded before this module: re-exporting it keeps the runtime's modules in one
// chunk of a split bundle (see `userPoolOperationsEntry.ts`).
export { invoke as runtimeInvoke } from './runtimeModule.js';
