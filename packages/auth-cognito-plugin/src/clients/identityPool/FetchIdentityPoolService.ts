import type { CognitoIdentityPoolConfig } from '@plugboard/core';
import { DEFAULT_REQUEST_TIMEOUT_MS, delay, MAX_ATTEMPTS } from '../deadline.js';
import { identityPoolRegion } from './identityPoolRegion.js';
import {
  credentialsFromAnswer,
  getCredentialsInput,
  getIdInput,
  type IdentityPoolCredentials,
  type IdentityPoolService,
  type Logins,
} from './IdentityPoolService.js';
import { IdentityWire, type IdentityWireSettings } from './identityWire.js';
import { mapServiceError } from '../mapServiceError.js';

/** Test seams of {@link FetchIdentityPoolService}: the transport and the back-off. */
export type FetchIdentityPoolOptions = Partial<Pick<IdentityWireSettings, 'fetch' | 'random' | 'sleep'>>;

/**
 * The identity-pool service over `fetch`: the plugin's own small Cognito Identity client for the two
 * unsigned calls, with the same retries, attempt deadline and errors as the SDK client. It is part of
 * the lazily loaded runtime (a federation needs it at once, so it is not a request of its own).
 */
export class FetchIdentityPoolService implements IdentityPoolService {
  readonly #settings: IdentityWireSettings;
  #wire: IdentityWire | undefined;

  constructor(
    config: CognitoIdentityPoolConfig,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    options: FetchIdentityPoolOptions = {},
  ) {
    const region = identityPoolRegion(config);
    // The service's regional endpoint; China regions live under amazonaws.com.cn.
    const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    const endpoint = config.Endpoint ?? `https://cognito-identity.${region}.${domain}/`;
    this.#settings = { maxAttempts: MAX_ATTEMPTS, sleep: delay, ...options, endpoint, requestTimeoutMs };
  }

  #send(operation: string, input: object, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    return (this.#wire ??= new IdentityWire(this.#settings)).send(operation, input, signal);
  }

  async getId(identityPoolId: string, logins: Logins | undefined, signal?: AbortSignal): Promise<string> {
    try {
      const out = await this.#send('GetId', getIdInput(identityPoolId, logins), signal);
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
    signal?: AbortSignal,
  ): Promise<IdentityPoolCredentials> {
    try {
      const out = await this.#send(
        'GetCredentialsForIdentity',
        getCredentialsInput(identityId, logins),
        signal,
      );
      const c = (
        typeof out.Credentials === 'object' && out.Credentials !== null ? out.Credentials : {}
      ) as Record<string, unknown>;
      return credentialsFromAnswer(
        {
          identityId: out.IdentityId,
          accessKeyId: c.AccessKeyId,
          secretKey: c.SecretKey,
          sessionToken: c.SessionToken,
          // Epoch seconds on the wire (a fraction, if any, to the millisecond).
          expirationMs: typeof c.Expiration === 'number' ? Math.round(c.Expiration * 1000) : undefined,
        },
        identityId,
      );
    } catch (error) {
      throw mapServiceError(error, 'Getting AWS credentials');
    }
  }
}
