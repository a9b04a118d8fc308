import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityPoolConfig } from '@plugboard/core';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../deadline.js';
import { identityPoolRegion } from './identityPoolRegion.js';
import {
  credentialsFromAnswer,
  getCredentialsInput,
  getIdInput,
  type IdentityPoolCredentials,
  type IdentityPoolService,
  type Logins,
} from './IdentityPoolService.js';
import { boundSdkTransport } from '../http/sdkTransport.js';
import { LazySdkClient, sdkClientSettings } from './LazySdkClient.js';
import { mapServiceError } from '../mapServiceError.js';

type SdkModule = typeof import('@aws-sdk/client-cognito-identity');

/**
 * The identity-pool service over the AWS SDK's `CognitoIdentityClient`: the escape hatch's client. The
 * SDK module is loaded on first use (a dynamic import), so bundlers split it into its own chunk and an
 * app that never asks for the escape hatch never downloads it.
 */
export class SdkIdentityPoolService implements IdentityPoolService {
  readonly #client: LazySdkClient<SdkModule, CognitoIdentityClient>;

  constructor(config: CognitoIdentityPoolConfig, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
    const settings = sdkClientSettings({ ...config, Region: identityPoolRegion(config) }, requestTimeoutMs);
    this.#client = new LazySdkClient<SdkModule, CognitoIdentityClient>(
      () => import('@aws-sdk/client-cognito-identity'),
      (sdk) => boundSdkTransport(new sdk.CognitoIdentityClient(settings), requestTimeoutMs),
    );
  }

  /** Loads the SDK and creates the client, once. */
  load(): Promise<{ sdk: SdkModule; client: CognitoIdentityClient }> {
    return this.#client.load();
  }

  /** The client, when already loaded. */
  get loadedClient(): CognitoIdentityClient | undefined {
    return this.#client.loaded;
  }

  async getId(identityPoolId: string, logins: Logins | undefined, signal?: AbortSignal): Promise<string> {
    try {
      const { sdk, client } = await this.load();
      if (signal?.aborted) throw signal.reason;
      const out = await client.send(
        new sdk.GetIdCommand(getIdInput(identityPoolId, logins)),
        signal ? { abortSignal: signal } : {},
      );
      if (!out.IdentityId) throw new Error('GetId answered without an IdentityId');
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
      const { sdk, client } = await this.load();
      if (signal?.aborted) throw signal.reason;
      const out = await client.send(
        new sdk.GetCredentialsForIdentityCommand(getCredentialsInput(identityId, logins)),
        signal ? { abortSignal: signal } : {},
      );
      const c = out.Credentials;
      return credentialsFromAnswer(
        {
          identityId: out.IdentityId,
          accessKeyId: c?.AccessKeyId,
          secretKey: c?.SecretKey,
          sessionToken: c?.SessionToken,
          expirationMs: c?.Expiration?.getTime(),
        },
        identityId,
      );
    } catch (error) {
      throw mapServiceError(error, 'Getting AWS credentials');
    }
  }
}
