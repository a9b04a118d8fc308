import type { CognitoUserPoolConfig, KeyValueStorage, Logger } from '@plugboard/core';
import { SdkUserPoolService } from '../clients/userPool/UserPoolService.js';
import { HostedUiRuntime } from '../hostedUi/HostedUiRuntime.js';
import { DeviceStore } from '../session/DeviceStore.js';
import type { HostedUiConfig } from '../hostedUi/hostedUiConfig.js';

// The user-pool and hosted-UI side of the plugin, the second (and last) dynamic import of `load.ts`,
// loaded by their methods (and with the runtime when the configuration has a user pool): apps that only
// federate never download it. The facade's method table calls these functions.

export { runUserPool } from './userPoolMethods.js';
export { completeSignInWithWebUIAt, endHostedUiSession, signInThroughBrowser } from './hostedUi.js';
export { completeHostedUiAnswerInPage } from './completeHostedUiAnswerInPage.js';

/** The AWS SDK user-pool service of a configuration. */
export const sdkUserPoolService = (config: CognitoUserPoolConfig, requestTimeoutMs: number) =>
  new SdkUserPoolService(config, requestTimeoutMs);

/** The users' remembered devices of a user pool: created with the user-pool side, never by a federation. */
export const deviceStore = (storage: KeyValueStorage, userPoolId: string, logger: Logger) =>
  new DeviceStore(storage, userPoolId, logger);

/** The hosted UI of a configuration. */
export const hostedUiRuntime = (config: HostedUiConfig, storage: KeyValueStorage, requestTimeoutMs: number) =>
  new HostedUiRuntime(config, storage, requestTimeoutMs);

// The runtime is always loaded before this side. Importing it here keeps every module both sides use in
// the runtime's chunk of a split bundle, instead of splitting them out into more small chunks that a
// federation would fetch too.
export { perform as runtimePerform } from './runtime.js';
