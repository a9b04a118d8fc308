import { InvalidStateException, type Logger } from '@plugboard/core';
import type { IdentityPoolService } from '../cognito/IdentityPoolService.js';
import type { AuthMachine } from '../state/AuthMachine.js';

/** Everything an operation needs, built once by `configure`. */
export interface PluginRuntime {
  readonly machine: AuthMachine;
  readonly identityPool: { readonly poolId: string; readonly service: IdentityPoolService } | undefined;
  readonly now: () => number;
  readonly refreshMarginMs: number;
  readonly federatedTokenRefresher: ((providerName: string) => Promise<string>) | undefined;
  readonly logger: Logger;
}

export function requireIdentityPool(runtime: PluginRuntime): NonNullable<PluginRuntime['identityPool']> {
  if (!runtime.identityPool) {
    throw new InvalidStateException(
      'No identity pool is configured, so there is nothing to federate to.',
      'Add CredentialsProvider.CognitoIdentity.Default (PoolId, Region) to the awsCognitoAuthPlugin configuration.',
    );
  }
  return runtime.identityPool;
}
