import { ServiceException } from '@plugboard/core';
import type { IdentityPoolClient, IssuedCredentials } from '../clients/identityPool/IdentityPoolService.js';
import { isIdentityId, regionOf } from '../model/identityId.js';
import { AbandonedError } from '../session/AuthMachine.js';

/** The latest time a JavaScript Date can hold (ms). */
const MAX_DATE_MS = 8.64e15;

function invalidAnswer(what: string): ServiceException {
  return new ServiceException(
    `Amazon Cognito Identity answered ${what}; the answer was not used and nothing was stored.`,
    'Check the configured endpoint (Endpoint of the identity pool): it does not behave like Amazon Cognito Identity.',
    { metadata: { serviceErrorName: 'InvalidAnswer' } },
  );
}

/**
 * The identity-pool calls of a running operation, as every operation makes them:
 * - tied to its signal: once a local operation (a clear, a sign-out, `Amplify.reset()`) abandoned it,
 *   no further request is sent (an abandoned re-federation never sends the provider token after the
 *   user cleared), and the signal goes down to the transport, which aborts the request in flight and
 *   any retry back-off;
 * - answers validated before they can change state: an identity id shaped `region:uuid` in the pool's
 *   region, credentials that expire at a real, future time (an `Expiration` of 1e300 is refused).
 */
export function abandonable(
  service: IdentityPoolClient,
  signal: AbortSignal,
  poolId: string,
): IdentityPoolClient {
  const region = regionOf(poolId);
  const check = (): void => {
    if (signal.aborted) throw new AbandonedError();
  };
  const checkId = (id: unknown): string => {
    if (!isIdentityId(id)) throw invalidAnswer('an identity id that is not shaped like region:uuid');
    if (region !== undefined && regionOf(id) !== region)
      throw invalidAnswer(`an identity id of region ${regionOf(id)}, not the pool's ${region}`);
    return id;
  };
  return {
    async getId(id, logins) {
      check();
      return checkId(await service.getId(id, logins, signal));
    },
    async getCredentialsForIdentity(identityId, logins) {
      check();
      const answer: IssuedCredentials = await service.getCredentialsForIdentity(identityId, logins, signal);
      checkId(answer.identityId);
      const expires = answer.credentials.expiration?.getTime();
      if (
        expires === undefined ||
        !Number.isFinite(expires) ||
        expires > MAX_DATE_MS ||
        expires <= answer.issuedAt
      )
        throw invalidAnswer('credentials without a valid future expiration');
      return answer;
    },
  };
}
