import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityPoolConfig } from '@plugboard/core';
import { makeCredentials } from '../session/credentials.js';
import type { AWSTemporaryCredentials } from '../types.js';
import { mapServiceError } from './mapServiceError.js';

export type Logins = Readonly<Record<string, string>>;

/** The two Amazon Cognito Identity calls the plugin makes. Unit tests may pass a fake. */
export interface IdentityPoolService {
  getId(identityPoolId: string, logins: Logins | undefined): Promise<string>;
  getCredentialsForIdentity(identityId: string, logins: Logins | undefined): Promise<AWSTemporaryCredentials>;
}

type SdkModule = typeof import('@aws-sdk/client-cognito-identity');

/**
 * The identity-pool service over the AWS SDK. The SDK module is loaded on first use (a dynamic import),
 * so importing the plugin stays cheap and bundlers can split the client into its own chunk.
 */
export class SdkIdentityPoolService implements IdentityPoolService {
  #sdk: Promise<SdkModule> | undefined;
  #client: CognitoIdentityClient | undefined;

  constructor(private readonly config: CognitoIdentityPoolConfig) {}

  /** Loads the SDK and creates the client, once. */
  async load(): Promise<{ sdk: SdkModule; client: CognitoIdentityClient }> {
    this.#sdk ??= import('@aws-sdk/client-cognito-identity');
    let sdk: SdkModule;
    try {
      sdk = await this.#sdk;
    } catch (error) {
      this.#sdk = undefined;
      throw error;
    }
    this.#client ??= new sdk.CognitoIdentityClient({
      region: this.config.Region,
      ...(this.config.Endpoint ? { endpoint: this.config.Endpoint } : {}),
      maxAttempts: 3,
      retryMode: 'standard',
    });
    return { sdk, client: this.#client };
  }

  /** The client, when already loaded. */
  get loadedClient(): CognitoIdentityClient | undefined {
    return this.#client;
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
      return makeCredentials({
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration.getTime(),
      });
    } catch (error) {
      throw mapServiceError(error, 'Getting AWS credentials');
    }
  }
}
