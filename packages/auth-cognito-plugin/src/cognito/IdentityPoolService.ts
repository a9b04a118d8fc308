import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityPoolConfig } from '@plugboard/core';
import { makeCredentials } from '../session/credentials.js';
import type { AWSTemporaryCredentials } from '../model.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './deadline.js';
import { identityPoolRegion } from '../shared/eagerModules.js';
import { LazySdkClient, sdkClientSettings } from './LazySdkClient.js';
import { mapServiceError } from './mapServiceError.js';

export type Logins = Readonly<Record<string, string>>;

/** The two Amazon Cognito Identity calls the plugin makes. Unit tests may pass a fake. */
export interface IdentityPoolService {
  getId(identityPoolId: string, logins: Logins | undefined): Promise<string>;
  getCredentialsForIdentity(identityId: string, logins: Logins | undefined): Promise<AWSTemporaryCredentials>;
}

type SdkModule = typeof import('@aws-sdk/client-cognito-identity');

/** Identity ids the service answered with credentials, by credentials object (see `answeredIdentityId`). */
const answeredIds = new WeakMap<AWSTemporaryCredentials, string>();

/**
 * The identity id GetCredentialsForIdentity answered with `credentials`, or `asked` when unknown. After
 * the service merged identities it answers the surviving id, which is the one to store from then on.
 */
export function answeredIdentityId(credentials: AWSTemporaryCredentials, asked: string): string {
  return answeredIds.get(credentials) ?? asked;
}

/**
 * The identity-pool service over the AWS SDK. The SDK module is loaded on first use (a dynamic import),
 * so importing the plugin stays cheap and bundlers can split the client into its own chunk.
 */
export class SdkIdentityPoolService implements IdentityPoolService {
  readonly #client: LazySdkClient<SdkModule, CognitoIdentityClient>;

  constructor(config: CognitoIdentityPoolConfig, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
    const settings = sdkClientSettings({ ...config, Region: identityPoolRegion(config) }, requestTimeoutMs);
    this.#client = new LazySdkClient<SdkModule, CognitoIdentityClient>(
      () => import('@aws-sdk/client-cognito-identity'),
      (sdk) => new sdk.CognitoIdentityClient(settings),
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

  async getId(identityPoolId: string, logins: Logins | undefined): Promise<string> {
    try {
      const { sdk, client } = await this.load();
      const out = await client.send(
        new sdk.GetIdCommand({
          IdentityPoolId: identityPoolId,
          ...(logins ? { Logins: { ...logins } } : {}),
        }),
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
  ): Promise<AWSTemporaryCredentials> {
    try {
      const { sdk, client } = await this.load();
      const out = await client.send(
        new sdk.GetCredentialsForIdentityCommand({
          IdentityId: identityId,
          ...(logins ? { Logins: { ...logins } } : {}),
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken || !c.Expiration) {
        throw new Error('GetCredentialsForIdentity answered without complete credentials');
      }
      const credentials = makeCredentials({
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration.getTime(),
      });
      if (out.IdentityId) answeredIds.set(credentials, out.IdentityId);
      return credentials;
    } catch (error) {
      throw mapServiceError(error, 'Getting AWS credentials');
    }
  }
}
