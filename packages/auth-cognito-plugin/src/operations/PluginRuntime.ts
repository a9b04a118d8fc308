import type { Logger } from '@plugboard/core';
import type { IdentityPoolClient } from '../clients/identityPool/IdentityPoolService.js';
import type { UserPoolService } from '../clients/userPool/UserPoolCalls.js';
import type { Margin } from '../session/freshness.js';
import { noIdentityPool, noUserPool } from '../model/errors.js';
import type { SessionMachine } from '../session/AuthMachine.js';
import type { DeviceStore } from '../session/DeviceStore.js';

/** Everything an operation needs: built once by `configure`, with the machine as the running operation sees it. */
export interface PluginRuntime {
  readonly machine: SessionMachine;
  /** `service` is bounded: each call ends within the call deadline (see `clients/deadline.ts`). */
  readonly identityPool:
    | {
        readonly poolId: string;
        readonly service: IdentityPoolClient;
        /**
         * `false` when the configuration says the pool gives no guest identities
         * (`AllowUnauthenticatedIdentities: false`): a signed-out fetch then asks the service for nothing.
         */
        readonly allowGuests?: boolean;
      }
    | undefined;
  /** `providerName` is the `Logins` key of the pool's id tokens: `cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly userPool: { readonly providerName: string; readonly service: UserPoolService } | undefined;
  readonly now: () => number;
  /** The refresh margin, for the one freshness policy (`session/freshness.ts`). */
  readonly margin: Margin;
  readonly requestTimeoutMs: number;
  /** The app's refresher, bounded by `federatedTokenRefresherTimeoutMs`. */
  readonly federatedTokenRefresher: ((providerName: string) => Promise<string>) | undefined;
  readonly logger: Logger;
  /** The users' remembered devices (device tracking), when the configuration has a user pool. */
  readonly devices?: DeviceStore;
}

export function requireIdentityPool(runtime: PluginRuntime): NonNullable<PluginRuntime['identityPool']> {
  if (!runtime.identityPool) {
    throw noIdentityPool('there is nothing to federate to');
  }
  return runtime.identityPool;
}

export function requireUserPool(runtime: PluginRuntime): NonNullable<PluginRuntime['userPool']> {
  if (!runtime.userPool) {
    throw noUserPool();
  }
  return runtime.userPool;
}
