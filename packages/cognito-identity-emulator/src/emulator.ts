/** Wires store, tokens, faults and the HTTP server into one running emulator. */
import { FaultQueue } from './faults.js';
import { HttpServer, JWKS_PATH, OPEN_ID_JWKS_PATH } from './httpServer.js';
import { urlHost } from './loopback.js';
import type { OperationContext } from './operations/context.js';
import { poolFromOptions } from './operations/poolShape.js';
import { readState, StateWriter } from './persistence.js';
import { RequestLog } from './requestLog.js';
import { dispatch } from './router.js';
import { createSigningKey, loadSigningKey, storeSigningKey, type SigningKey } from './signingKey.js';
import { Store } from './store.js';
import { TestIdp } from './testIdp.js';
import { DEFAULT_CONTROL_PLANE_CREDENTIALS, type ControlPlaneCredentials } from './sigv4.js';
import { OPEN_ID_ISSUER, TokenIssuer } from './tokenIssuer.js';
import { TokenVerifier } from './tokenVerifier.js';
import { requireOptionsObject } from './usageError.js';
import { checkStartOptions, regionFor, type CheckedStartOptions } from './startOptions.js';
import type {
  CognitoIdentityEmulator,
  CreateIdentityPoolOptions,
  IdentityPoolSummary,
  IdentitySummary,
  InjectedFault,
  IssueProviderTokenOptions,
  RecordedRequest,
  StartCognitoIdentityEmulatorOptions,
} from './types.js';

const MAX_REMEMBERED_ENDPOINTS = 20;

class RunningEmulator implements CognitoIdentityEmulator {
  endpoint = '';
  private endpoints: string[];
  private stopped?: Promise<void>;
  private readonly faults = new FaultQueue();
  private readonly log: RequestLog;
  private readonly store: Store;
  private readonly verifier: TokenVerifier;
  private readonly testIdp: TestIdp;
  private readonly writer?: StateWriter;
  private readonly server: HttpServer;
  /** Kept off the instance's own properties so `util.inspect(emulator)` does not print the secret. */
  readonly #controlPlaneCredentials: ControlPlaneCredentials;

  constructor(
    private readonly options: StartCognitoIdentityEmulatorOptions &
      CheckedStartOptions & { region: string; now: () => number },
    key: SigningKey,
    previousEndpoints: string[],
  ) {
    const { now, stateFile } = options;
    this.log = new RequestLog(options.maxRecordedRequests);
    const { accessKeyId, secretAccessKey } =
      options.controlPlaneCredentials ?? DEFAULT_CONTROL_PLANE_CREDENTIALS;
    this.#controlPlaneCredentials = { accessKeyId, secretAccessKey };
    delete (options as { controlPlaneCredentials?: unknown }).controlPlaneCredentials; // a copy made at start
    this.endpoints = previousEndpoints;
    if (stateFile) {
      this.writer = new StateWriter(stateFile, () => ({
        version: 1,
        region: options.region,
        signingKey: storeSigningKey(key),
        endpoints: this.endpoints,
        ...this.store.snapshot(),
      }));
    }
    this.store = new Store(options.region, now, () => this.writer?.schedule());
    const issuer = new TokenIssuer(key, now);
    this.testIdp = new TestIdp(
      issuer,
      () => this.testIdpIssuer,
      (provider) => this.appIdsOf(provider),
    );
    this.verifier = new TokenVerifier(
      key,
      { testIdp: () => this.endpoints.map((e) => `${e}/test-idp`) },
      now,
    );
    const ctx: OperationContext = {
      store: this.store,
      verifier: this.verifier,
      issuer,
      now,
      credentialsLifetimeSeconds: options.credentialsLifetimeSeconds ?? 3600,
    };
    const signature = { credentials: this.#controlPlaneCredentials, region: options.region };
    this.server = new HttpServer({
      faults: this.faults,
      log: this.log,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      openIdConfiguration: () => this.openIdConfiguration(),
      maxHeaderBytes: options.maxHeaderBytes ?? 16 * 1024,
      // With a state file, what an answer reports is on disk before the answer leaves.
      dispatch: this.writer
        ? async (operation, req, body) => {
            try {
              return await dispatch(operation, req, body, ctx, signature);
            } finally {
              await this.writer?.flush();
            }
          }
        : (operation, req, body) => dispatch(operation, req, body, ctx, signature),
      jwks: () => key.jwks,
      mintTestToken:
        options.testIdpHttpEndpoint === false ? undefined : (query) => this.testIdp.mintFromQuery(query),
      allowedHosts: options.allowedHosts,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
  }

  get jwksUri(): string {
    return this.endpoint + JWKS_PATH;
  }

  get testIdpIssuer(): string {
    return `${this.endpoint}/test-idp`;
  }

  get openIdTokenIssuer(): string {
    return OPEN_ID_ISSUER;
  }

  /** A copy: AWS SDK clients annotate the credentials object they are given. */
  get controlPlaneCredentials(): ControlPlaneCredentials {
    return { ...this.#controlPlaneCredentials };
  }

  get region(): string {
    return this.options.region;
  }

  /** App ids configured for a provider across pools (the test IdP's default audience). */
  private appIdsOf(providerName: string): string[] {
    return this.store.listPools().flatMap((pool) => {
      const appId = pool.supportedLoginProviders[providerName];
      if (appId !== undefined) return [appId];
      const clientId = pool.cognitoIdentityProviders.find((p) => p.providerName === providerName)?.clientId;
      return clientId === undefined ? [] : [clientId];
    });
  }

  /** Discovery document of the OpenID tokens' issuer (as served by the service, with local URLs). */
  private openIdConfiguration(): object {
    return {
      issuer: OPEN_ID_ISSUER,
      jwks_uri: `${this.endpoint}${OPEN_ID_JWKS_PATH}`,
      response_types_supported: ['code', 'token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS512'],
    };
  }

  restore(state: Parameters<Store['restore']>[0]): void {
    this.store.restore(state);
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    const address = await this.server.listen(host, this.options.port ?? 0);
    this.endpoint = `http://${urlHost(host)}:${address.port}`;
    const others = this.endpoints.filter((e) => e !== this.endpoint);
    this.endpoints = [...others, this.endpoint].slice(-MAX_REMEMBERED_ENDPOINTS);
    this.writer?.schedule();
    try {
      await this.writer?.flush();
    } catch (error) {
      await this.server.close(); // the state cannot be kept: do not serve as if it could
      throw error;
    }
  }

  async createIdentityPool(options: CreateIdentityPoolOptions): Promise<string> {
    requireOptionsObject(options, 'createIdentityPool');
    return this.store.addPool(poolFromOptions(options)).identityPoolId;
  }

  issueProviderToken(options: IssueProviderTokenOptions): Promise<string> {
    return this.testIdp.issue(options);
  }

  requests(): readonly RecordedRequest[] {
    return this.log.list();
  }

  resetRequests(): void {
    this.log.clear();
  }

  injectFault(fault: InjectedFault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  identityPools(): readonly IdentityPoolSummary[] {
    return this.store
      .listPools()
      .map((p) => ({ identityPoolId: p.identityPoolId, identityPoolName: p.identityPoolName }));
  }

  identities(identityPoolId?: string): readonly IdentitySummary[] {
    return this.store.listIdentities(identityPoolId).map((i) => ({
      identityId: i.identityId,
      identityPoolId: i.identityPoolId,
      logins: [
        ...Object.keys(i.logins),
        ...(i.developerUserIds.length > 0
          ? [this.store.pool(i.identityPoolId)?.developerProviderName ?? '']
          : []),
      ],
      disabled: i.disabled === true,
      creationDate: new Date(i.creationDate),
      lastModifiedDate: new Date(i.lastModifiedDate),
    }));
  }

  async reset(): Promise<void> {
    this.store.clear();
    this.faults.clear();
    this.log.clear();
    this.verifier.clearCache();
    this.writer?.schedule();
    await this.writer?.flush();
  }

  stop(): Promise<void> {
    this.stopped ??= this.server.close().then(() => this.writer?.flush());
    return this.stopped;
  }
}

/** Starts a local Amazon Cognito Identity endpoint with a built-in test identity provider. */
export async function startCognitoIdentityEmulator(
  options: StartCognitoIdentityEmulatorOptions = {},
): Promise<CognitoIdentityEmulator> {
  const checked = checkStartOptions(options);
  const state = options.stateFile ? await readState(options.stateFile) : undefined;
  const region = regionFor(options.stateFile, options.region, state);
  const key = state ? await loadSigningKey(state.signingKey) : await createSigningKey();
  const emulator = new RunningEmulator(
    { ...options, ...checked, region, now: options.now ?? Date.now },
    key,
    state?.endpoints ?? [],
  );
  if (state) emulator.restore(state);
  await emulator.listen();
  return emulator;
}
