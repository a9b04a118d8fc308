import type { CognitoIdentityPoolConfig } from '@plugboard/core';
import type { AWSTemporaryCredentials } from '../model.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './deadline.js';
import { identityPoolRegion } from './identityPoolRegion.js';
import {
  credentialsFromAnswer,
  getCredentialsInput,
  getIdInput,
  type IdentityPoolService,
  type Logins,
} from './IdentityPoolService.js';
import { identityEndpoint, sendIdentityRequest, type IdentityWireSettings } from './identityWire.js';
import { mapServiceError } from './mapServiceError.js';
import { RetryQuota } from './retryPolicy.js';

/** Test seams of {@link FetchIdentityPoolService}: the transport and the back-off randomness. */
export type FetchIdentityPoolOptions = Pick<IdentityWireSettings, 'fetch' | 'random' | 'sleep'>;

/**
 * The identity-pool service over `fetch`: the plugin's own small Cognito Identity client for the two
 * unsigned calls, with the same retries, attempt deadline and errors as the SDK client.
 */
export class FetchIdentityPoolService implements IdentityPoolService {
  readonly #settings: IdentityWireSettings;
  readonly #quota = new RetryQuota();

  constructor(
    config: CognitoIdentityPoolConfig,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    options: FetchIdentityPoolOptions = {},
  ) {
    const region = identityPoolRegion(config);
    this.#settings = { ...options, endpoint: config.Endpoint ?? identityEndpoint(region), requestTimeoutMs };
  }

  async getId(identityPoolId: string, logins: Logins | undefined): Promise<string> {
    try {
      const out = await sendIdentityRequest(
        this.#settings,
        this.#quota,
        'GetId',
        getIdInput(identityPoolId, logins),
      );
      if (typeof out.IdentityId !== 'string' || !out.IdentityId)
        throw new Error('GetId answered without an IdentityId');
      return out.IdentityId;
    } catch (error) {
      throw mapServiceError(error, 'Getting an identity id');
    }
  }

  async getCredentialsForIdentity(
    identityId: string,
    logins: Logins | undefined,
  ): Promise<AWSTemporaryCredentials> {
    try {
      const out = await sendIdentityRequest(
        this.#settings,
        this.#quota,
        'GetCredentialsForIdentity',
        getCredentialsInput(identityId, logins),
      );
      const c = (
        typeof out.Credentials === 'object' && out.Credentials !== null ? out.Credentials : {}
      ) as Record<string, unknown>;
      return credentialsFromAnswer({
        identityId: out.IdentityId,
        accessKeyId: c.AccessKeyId,
        secretKey: c.SecretKey,
        sessionToken: c.SessionToken,
        // Epoch seconds on the wire (with a fraction at most to the millisecond).
        expirationMs: typeof c.Expiration === 'number' ? Math.round(c.Expiration * 1000) : undefined,
      });
    } catch (error) {
      throw mapServiceError(error, 'Getting AWS credentials');
    }
  }
}
