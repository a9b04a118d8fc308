import { InvalidStateException, type Logger } from '@plugboard/core';
import type { IdentityPoolService } from '../cognito/IdentityPoolService.js';
import type { UserPoolService } from '../cognito/UserPoolService.js';
import type { AuthMachine } from '../state/AuthMachine.js';
import type { AuthState } from '../state/AuthState.js';
import type { AWSCognitoAuthSession } from '../types.js';

/** Everything an operation needs, built once by `configure`. */
export interface PluginRuntime {
  readonly machine: AuthMachine;
  readonly identityPool: { readonly poolId: string; readonly service: IdentityPoolService } | undefined;
  /** `providerName` is the `Logins` key of the pool's id tokens: `cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly userPool: { readonly providerName: string; readonly service: UserPoolService } | undefined;
  readonly now: () => number;
  readonly refreshMarginMs: number;
  readonly federatedTokenRefresher: ((providerName: string) => Promise<string>) | undefined;
  readonly logger: Logger;
  /** Sessions already answered, per state of this runtime (see `cachedSession`). */
  readonly answered: WeakMap<AuthState, AWSCognitoAuthSession>;
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

export function requireUserPool(runtime: PluginRuntime): NonNullable<PluginRuntime['userPool']> {
  if (!runtime.userPool) {
    throw new InvalidStateException(
      'No user pool is configured, so there is no user-pool sign-in.',
      'Add CognitoUserPool.Default (PoolId, AppClientId, Region) to the awsCognitoAuthPlugin configuration.',
    );
  }
  return runtime.userPool;
}
