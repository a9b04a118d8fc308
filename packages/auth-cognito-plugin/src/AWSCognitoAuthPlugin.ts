import type { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import {
  brandClass,
  getLogger,
  InvalidStateException,
  UnknownException,
  type AuthException,
  type AuthPlugin,
  type AuthSignInOptions,
  type AuthSignInResult,
  type AuthSignOutOptions,
  type AuthSignOutResult,
  type AuthUser,
  type FetchAuthSessionOptions,
  type PluginContext,
} from '@plugboard/core';
import { deliver, requireCallbacks } from './api/callbacks.js';
import { defaultStorage, readConfig, validateConstructorOptions } from './api/pluginConfig.js';
import {
  validateFederateOptions,
  validateFetchOptions,
  validateProvider,
  validateToken,
} from './api/validate.js';
import type { AuthProvider } from './AuthProvider.js';
import { SdkIdentityPoolService, type IdentityPoolService } from './cognito/IdentityPoolService.js';
import type { FederateToIdentityPoolOptions } from './FederateToIdentityPoolOptions.js';
import { clearFederation, federate } from './operations/federate.js';
import { cachedSession, fetchSession } from './operations/fetchSession.js';
import type { PluginRuntime } from './operations/PluginRuntime.js';
import { SessionStore } from './session/SessionStore.js';
import { AuthMachine } from './state/AuthMachine.js';
import type {
  AWSCognitoAuthPluginOptions,
  AWSCognitoAuthSession,
  FederateToIdentityPoolResult,
} from './types.js';
import { PLUGIN_VERSION } from './version.js';

type OnError = (error: AuthException) => void;
type FederateOptionsArg = FederateToIdentityPoolOptions | { readonly developerProvidedIdentityId?: string };

const DEFAULT_MARGIN_SECONDS = 120;

/**
 * The Cognito auth plugin, key `awsCognitoAuthPlugin`. Besides the Auth category behaviour it offers the
 * escape-hatch API of identity-pool federation: `federateToIdentityPool`, `clearFederationToIdentityPool`.
 * Every method has a promise style and the callback style of Amplify Android.
 */
export class AWSCognitoAuthPlugin implements AuthPlugin {
  static readonly PLUGIN_KEY = 'awsCognitoAuthPlugin' as const;

  readonly #options: AWSCognitoAuthPluginOptions & { identityPoolService?: IdentityPoolService };
  #runtime: PluginRuntime | undefined;
  #sdkService: SdkIdentityPoolService | undefined;
  #pendingFetch:
    { promise: Promise<AWSCognitoAuthSession>; force: boolean; started: boolean; ticket: number } | undefined;

  /**
   * @param options storage, the optional federated-token refresher and the refresh margin. (Tests may also
   * pass `identityPoolService` to replace the AWS SDK client.)
   */
  constructor(options: AWSCognitoAuthPluginOptions = {}) {
    validateConstructorOptions(options);
    this.#options = { ...options };
  }

  getPluginKey(): 'awsCognitoAuthPlugin' {
    return AWSCognitoAuthPlugin.PLUGIN_KEY;
  }

  getCategoryType(): 'auth' {
    return 'auth';
  }

  getVersion(): string {
    return PLUGIN_VERSION;
  }

  configure(pluginConfig: unknown, context: PluginContext): void {
    const config = readConfig(pluginConfig);
    const identity = config.CredentialsProvider?.CognitoIdentity?.Default;
    const userPool = config.CognitoUserPool?.Default;
    const storage = this.#options.storage ?? defaultStorage();
    const store = new SessionStore(
      storage,
      { identityPoolId: identity?.PoolId, userPoolId: userPool?.PoolId },
      context.logger,
    );
    const machine = new AuthMachine(store, context.hub, context.logger);
    this.#sdkService =
      identity && !this.#options.identityPoolService ? new SdkIdentityPoolService(identity) : undefined;
    const service = this.#options.identityPoolService ?? this.#sdkService;
    this.#runtime = {
      machine,
      identityPool: identity && service ? { poolId: identity.PoolId, service } : undefined,
      now: this.#options.clock ?? Date.now,
      refreshMarginMs: (this.#options.credentialsRefreshMarginSeconds ?? DEFAULT_MARGIN_SECONDS) * 1000,
      federatedTokenRefresher: this.#options.federatedTokenRefresher,
      logger: context.logger,
    };
    void machine.dispatch({ type: 'configured' });
    void machine.run(async () => machine.dispatch({ type: 'restored', persisted: await store.load() }));
  }

  async reset(): Promise<void> {
    const runtime = this.#runtime;
    this.#runtime = undefined;
    this.#sdkService = undefined;
    this.#pendingFetch = undefined;
    if (runtime) await runtime.machine.run(async () => runtime.machine.dispatch({ type: 'reset' }));
  }

  /** The AWS SDK client the plugin uses. It is loaded on first use: call {@link loadEscapeHatch} before. */
  getEscapeHatch(): { cognitoIdentityClient: CognitoIdentityClient } {
    const client = this.#sdkService?.loadedClient;
    if (!client) {
      throw new InvalidStateException(
        'The Cognito Identity client is not loaded yet.',
        'Await plugin.loadEscapeHatch() (or any auth call) first; the AWS SDK is loaded on first use.',
      );
    }
    return { cognitoIdentityClient: client };
  }

  /** Loads the AWS SDK client if needed and returns it. */
  async loadEscapeHatch(): Promise<{ cognitoIdentityClient: CognitoIdentityClient }> {
    const service = this.#sdkService;
    if (!service) this.#requireRuntime();
    if (!service) {
      throw new InvalidStateException(
        'This plugin has no AWS SDK identity client (no identity pool, or a custom service was injected).',
        'Configure CredentialsProvider.CognitoIdentity.Default to use the SDK client.',
      );
    }
    return { cognitoIdentityClient: (await service.load()).client };
  }

  /** Exchanges a third-party provider token for an identity id and temporary AWS credentials. */
  federateToIdentityPool(
    token: string,
    provider: AuthProvider,
    options?: FederateOptionsArg,
  ): Promise<FederateToIdentityPoolResult>;
  federateToIdentityPool(
    token: string,
    provider: AuthProvider,
    onSuccess: (result: FederateToIdentityPoolResult) => void,
    onError: OnError,
  ): void;
  federateToIdentityPool(
    token: string,
    provider: AuthProvider,
    options: FederateOptionsArg | undefined,
    onSuccess: (result: FederateToIdentityPoolResult) => void,
    onError: OnError,
  ): void;
  federateToIdentityPool(
    token: string,
    provider: AuthProvider,
    ...rest: unknown[]
  ): Promise<FederateToIdentityPoolResult> | void {
    const [options, onSuccess, onError] = typeof rest[0] === 'function' ? [undefined, ...rest] : rest;
    const work = async (): Promise<FederateToIdentityPoolResult> => {
      const validToken = validateToken(token);
      const validProvider = validateProvider(provider);
      const { developerProvidedIdentityId } = validateFederateOptions(options);
      const runtime = this.#requireRuntime();
      return runtime.machine.run(() =>
        federate(runtime, validToken, validProvider, developerProvidedIdentityId),
      );
    };
    return this.#respond(work, onSuccess, onError, 'federateToIdentityPool');
  }

  /** Forgets the federated session (locally; no network call). */
  clearFederationToIdentityPool(): Promise<void>;
  clearFederationToIdentityPool(onSuccess: () => void, onError: OnError): void;
  clearFederationToIdentityPool(onSuccess?: () => void, onError?: OnError): Promise<void> | void {
    const work = async (): Promise<void> => {
      const runtime = this.#requireRuntime();
      return runtime.machine.run(() => clearFederation(runtime));
    };
    return this.#respond(work, onSuccess, onError, 'clearFederationToIdentityPool');
  }

  /** The current session: identity id and AWS credentials (refreshed when near expiry), user-pool data. */
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AWSCognitoAuthSession>;
  fetchAuthSession(onSuccess: (session: AWSCognitoAuthSession) => void, onError: OnError): void;
  fetchAuthSession(
    options: FetchAuthSessionOptions | undefined,
    onSuccess: (session: AWSCognitoAuthSession) => void,
    onError: OnError,
  ): void;
  fetchAuthSession(...args: unknown[]): Promise<AWSCognitoAuthSession> | void {
    const [options, onSuccess, onError] = typeof args[0] === 'function' ? [undefined, ...args] : args;
    const work = (): Promise<AWSCognitoAuthSession> => {
      try {
        const { forceRefresh } = validateFetchOptions(options);
        return this.#fetch(this.#requireRuntime(), forceRefresh);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return this.#respond(work, onSuccess, onError, 'fetchAuthSession');
  }

  // User-pool sign-in is not implemented yet: these reject with UnknownException naming the gap.
  signIn(_username: string, _password: string, _options?: AuthSignInOptions): Promise<AuthSignInResult> {
    return Promise.reject(notImplemented('signIn'));
  }

  signOut(_options?: AuthSignOutOptions): Promise<AuthSignOutResult> {
    return Promise.reject(notImplemented('signOut'));
  }

  getCurrentUser(): Promise<AuthUser> {
    return Promise.reject(notImplemented('getCurrentUser'));
  }

  /** Shares one queued fetch among concurrent callers, and answers from memory when nothing is pending. */
  #fetch(runtime: PluginRuntime, force: boolean): Promise<AWSCognitoAuthSession> {
    if (!force && runtime.machine.idle) {
      const cached = cachedSession(runtime, runtime.machine.state);
      if (cached) return Promise.resolve(cached);
    }
    // Joining is only linearizable while the pending fetch is the last operation queued.
    const pending = this.#pendingFetch;
    if (pending && pending.ticket === runtime.machine.lastTicket && (!pending.started || !force)) {
      pending.force ||= force;
      return pending.promise;
    }
    const entry = {
      promise: undefined as unknown as Promise<AWSCognitoAuthSession>,
      force,
      started: false,
      ticket: 0,
    };
    entry.promise = runtime.machine.run(async () => {
      entry.started = true;
      try {
        return await fetchSession(runtime, entry.force);
      } finally {
        if (this.#pendingFetch === entry) this.#pendingFetch = undefined;
      }
    });
    entry.ticket = runtime.machine.lastTicket;
    this.#pendingFetch = entry;
    return entry.promise;
  }

  #requireRuntime(): PluginRuntime {
    if (!this.#runtime) {
      throw new InvalidStateException(
        'The Cognito auth plugin is not configured.',
        'Add it with Amplify.addPlugin(new AWSCognitoAuthPlugin()) and call Amplify.configure(config) with an awsCognitoAuthPlugin section first.',
      );
    }
    return this.#runtime;
  }

  #respond<T>(
    work: () => Promise<T>,
    onSuccess: unknown,
    onError: unknown,
    method: string,
  ): Promise<T> | void {
    if (onSuccess === undefined && onError === undefined) return work();
    requireCallbacks(onSuccess, onError, method);
    deliver(
      work(),
      onSuccess as (value: T) => void,
      onError as OnError,
      this.#runtime?.logger ?? getLogger('AWSCognitoAuthPlugin'),
    );
  }

  /** Never shows the session: the plugin holds provider tokens and credentials. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AWSCognitoAuthPlugin { state: '${this.#runtime?.machine.state.kind ?? 'unconfigured'}' }`;
  }
}
brandClass(AWSCognitoAuthPlugin, 'AWSCognitoAuthPlugin');

function notImplemented(method: string): AuthException {
  return new UnknownException(
    `${method} is not implemented in this version of the plugin.`,
    'Use identity-pool federation.',
  );
}
