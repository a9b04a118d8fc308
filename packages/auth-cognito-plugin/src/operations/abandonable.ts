import type { IdentityPoolClient } from '../clients/identityPool/IdentityPoolService.js';
import { AbandonedError } from '../session/AuthMachine.js';

/**
 * The identity-pool calls of a running operation, tied to its signal: once a local operation (a clear,
 * a sign-out, `Amplify.reset()`) has abandoned it, no further request is sent (an abandoned
 * re-federation never sends the provider token after the user cleared), and the signal goes down to
 * the transport, which aborts the request in flight and any retry back-off.
 */
export function abandonable(service: IdentityPoolClient, signal: AbortSignal): IdentityPoolClient {
  const check = (): void => {
    if (signal.aborted) throw new AbandonedError();
  };
  return {
    getId(poolId, logins) {
      check();
      return service.getId(poolId, logins, signal);
    },
    getCredentialsForIdentity(identityId, logins) {
      check();
      return service.getCredentialsForIdentity(identityId, logins, signal);
    },
  };
}
