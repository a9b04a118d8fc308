import { MAX_ATTEMPTS } from '../deadline.js';

/**
 * An AWS SDK client created on first use from a dynamically imported module, so the SDK stays out of
 * the import graph (and the initial bundle) until a call needs it. A failed import is retried next time.
 */
export class LazySdkClient<Module, Client> {
  #module: Promise<Module> | undefined;
  #client: Client | undefined;

  constructor(
    private readonly importModule: () => Promise<Module>,
    private readonly createClient: (sdk: Module) => Client,
  ) {}

  async load(): Promise<{ sdk: Module; client: Client }> {
    this.#module ??= this.importModule();
    let sdk: Module;
    try {
      sdk = await this.#module;
    } catch (error) {
      this.#module = undefined;
      throw error;
    }
    this.#client ??= this.createClient(sdk);
    return { sdk, client: this.#client };
  }

  /** The client, when already created. */
  get loaded(): Client | undefined {
    return this.#client;
  }
}

/**
 * Client settings shared by the plugin's SDK clients: region, optional endpoint, standard retries, and
 * a deadline on each HTTP attempt (connection, then the whole response) that turns into a retryable
 * `TimeoutError`. The request handler options suit both the Node and the browser (fetch) handler.
 */
export function sdkClientSettings(
  config: { readonly Region: string; readonly Endpoint?: string },
  requestTimeoutMs: number,
) {
  return {
    region: config.Region,
    ...(config.Endpoint ? { endpoint: config.Endpoint } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: requestTimeoutMs,
      requestTimeout: requestTimeoutMs,
      throwOnRequestTimeout: true,
      // The browser (fetch) handler: a redirect is not followed (boundSdkTransport refuses the 3xx).
      requestInit: () => ({ redirect: 'manual' as const }),
    },
  };
}
