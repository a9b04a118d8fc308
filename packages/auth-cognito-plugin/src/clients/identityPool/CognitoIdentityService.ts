import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import type { CognitoIdentityPoolConfig } from '@plugboard/core';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../deadline.js';
import { FetchIdentityPoolService, type FetchIdentityPoolOptions } from './FetchIdentityPoolService.js';
import type { IdentityPoolCredentials, IdentityPoolService, Logins } from './IdentityPoolService.js';
import { LazySdkClient } from './LazySdkClient.js';
import type { SdkIdentityPoolService } from './SdkIdentityPoolService.js';

/** Loads the module of {@link SdkIdentityPoolService} (the escape hatch's code). */
export type LoadSdkIdentityPoolService = () => Promise<{
  SdkIdentityPoolService: typeof SdkIdentityPoolService;
}>;

/**
 * The plugin's default identity-pool service. Its calls go through the small `fetch` client, so a
 * federation never downloads the AWS SDK; once the app has loaded the SDK client through the escape
 * hatch (`load()`, which also loads the code around it, `loadSdk`), they go through that client
 * instead, so middleware the app adds to it applies.
 */
export class CognitoIdentityService implements IdentityPoolService {
  readonly #sdk: LazySdkClient<
    { SdkIdentityPoolService: typeof SdkIdentityPoolService },
    SdkIdentityPoolService
  >;
  readonly #wire: FetchIdentityPoolService;

  constructor(
    config: CognitoIdentityPoolConfig,
    loadSdk: LoadSdkIdentityPoolService,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    options: FetchIdentityPoolOptions = {},
  ) {
    this.#sdk = new LazySdkClient(
      loadSdk,
      (module) => new module.SdkIdentityPoolService(config, requestTimeoutMs),
    );
    this.#wire = new FetchIdentityPoolService(config, requestTimeoutMs, options);
  }

  /** Loads the AWS SDK client (the escape hatch), once; from then on the plugin's calls use it. */
  async load(): Promise<{ client: CognitoIdentityClient }> {
    return (await this.#sdk.load()).client.load();
  }

  /** The AWS SDK client, when the escape hatch has loaded it. */
  get loadedClient(): CognitoIdentityClient | undefined {
    return this.#sdk.loaded?.loadedClient;
  }

  #current(): IdentityPoolService {
    const sdk = this.#sdk.loaded;
    return sdk?.loadedClient ? sdk : this.#wire;
  }

  getId(identityPoolId: string, logins: Logins | undefined): Promise<string> {
    return this.#current().getId(identityPoolId, logins);
  }

  getCredentialsForIdentity(
    identityId: string,
    logins: Logins | undefined,
  ): Promise<IdentityPoolCredentials> {
    return this.#current().getCredentialsForIdentity(identityId, logins);
  }
}
