import {
  brandClass,
  getLogger,
  InvalidStateException,
  type AuthPlugin,
  type AuthSignInOptions,
  type AuthSignInResult,
  type AuthSignOutOptions,
  type AuthSignOutResult,
  type AuthUser,
  type FetchAuthSessionOptions,
  type PluginContext,
} from '@plugboard/core';
import { deliver, requireCallbacks, splitCallbacks } from './api/callbacks.js';
import { installUserPoolMethods, userPoolOperations } from './api/installUserPoolMethods.js';
import type { AWSCognitoUserPoolMethods } from './api/userPoolMethods.js';
import { validateCode, validateSignInInput } from './api/userPoolValidate.js';
import { defaultStorage, readConfig, validateConstructorOptions } from './api/pluginConfig.js';
import {
  validateFederateOptions,
  validateFetchOptions,
  validateProvider,
  validateSignOutOptions,
  validateStringRecord,
  validateToken,
} from './api/validate.js';
import type { AuthProvider } from './AuthProvider.js';
import { SdkIdentityPoolService } from './cognito/IdentityPoolService.js';
import { SdkUserPoolService } from './cognito/UserPoolService.js';
import { clearFederation, federate } from './operations/federate.js';
import { cachedSession, fetchSession } from './operations/fetchSession.js';
import type { PluginRuntime } from './operations/PluginRuntime.js';
import { deleteUser, getCurrentUser } from './operations/signIn.js';
import { signOut } from './operations/signOut.js';
import { SessionStore } from './session/SessionStore.js';
import { AuthMachine } from './state/AuthMachine.js';
import type {
  AuthErrorCallback,
  AWSCognitoAuthPluginOptions,
  AWSCognitoAuthSession,
  ConfirmSignInOptions,
  EscapeHatch,
  FederateToIdentityPoolOptionsInput,
  FederateToIdentityPoolResult,
} from './types.js';
import { PLUGIN_VERSION } from './version.js';

type OnError = AuthErrorCallback;
type FederateOptionsArg = FederateToIdentityPoolOptionsInput;

const DEFAULT_MARGIN_SECONDS = 120;

/**
 * The Cognito auth plugin, key `awsCognitoAuthPlugin`. Besides the Auth category behaviour it offers the
 * escape-hatch API of identity-pool federation: `federateToIdentityPool`, `clearFederationToIdentityPool`.
 * Every method has a promise style and the callback style of Amplify Android.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface at the end
export class AWSCognitoAuthPlugin implements AuthPlugin {
  static readonly PLUGIN_KEY = 'awsCognitoAuthPlugin' as const;

  static {
    installUserPoolMethods(this.prototype, (plugin, method, rest, prepare) =>
      plugin.#call(method, rest, prepare),
    );
  }

  readonly #options: AWSCognitoAuthPluginOptions;
  #runtime: PluginRuntime | undefined;
  #sdkService: SdkIdentityPoolService | undefined;
  #sdkUserPool: SdkUserPoolService | undefined;
  #pendingFetch:
    { promise: Promise<AWSCognitoAuthSession>; force: boolean; started: boolean; ticket: number } | undefined;

  /**
   * @param options storage, the optional federated-token refresher, the refresh margin, a clock, and
   * replacements for the AWS SDK clients (`identityPoolService`, `userPoolService`). Checked here: a wrong
   * type or an unknown option throws `InvalidParameterException`.
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
    this.#sdkUserPool =
      userPool && !this.#options.userPoolService ? new SdkUserPoolService(userPool) : undefined;
    const userPoolService = this.#options.userPoolService ?? this.#sdkUserPool;
    this.#runtime = {
      machine,
      identityPool: identity && service ? { poolId: identity.PoolId, service } : undefined,
      userPool:
        userPool && userPoolService
          ? {
              providerName: `cognito-idp.${userPool.Region}.amazonaws.com/${userPool.PoolId}`,
              service: userPoolService,
            }
          : undefined,
      now: this.#options.clock ?? Date.now,
      refreshMarginMs: (this.#options.credentialsRefreshMarginSeconds ?? DEFAULT_MARGIN_SECONDS) * 1000,
      federatedTokenRefresher: this.#options.federatedTokenRefresher,
      logger: context.logger,
      answered: new WeakMap(),
    };
    void machine.dispatch({ type: 'configured' });
    void machine.run(async () => machine.dispatch({ type: 'restored', persisted: await store.load() }));
  }

  async reset(): Promise<void> {
    const runtime = this.#runtime;
    this.#runtime = undefined;
    this.#sdkService = undefined;
    this.#sdkUserPool = undefined;
    this.#pendingFetch = undefined;
    if (runtime) await runtime.machine.run(async () => runtime.machine.dispatch({ type: 'reset' }));
  }

  /**
   * The AWS SDK clients the plugin uses. They are loaded on first use: call `loadEscapeHatch()` (or
   * any auth method) before.
   */
  getEscapeHatch(): EscapeHatch {
    const cognitoIdentityClient = this.#sdkService?.loadedClient;
    const cognitoIdentityProviderClient = this.#sdkUserPool?.loadedClient;
    if (!cognitoIdentityClient && !cognitoIdentityProviderClient) {
      throw new InvalidStateException(
        'The AWS SDK clients are not loaded yet.',
        'Await plugin.loadEscapeHatch() (or any auth call) first; the AWS SDK is loaded on first use.',
      );
    }
    return {
      ...(cognitoIdentityClient ? { cognitoIdentityClient } : {}),
      ...(cognitoIdentityProviderClient ? { cognitoIdentityProviderClient } : {}),
    } as EscapeHatch;
  }

  /** Loads the AWS SDK clients of the configured pools, if needed, and returns them. */
  async loadEscapeHatch(): Promise<EscapeHatch> {
    this.#requireRuntime();
    await Promise.all([this.#sdkService?.load(), this.#sdkUserPool?.load()]);
    return this.getEscapeHatch();
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
    return this.#call('federateToIdentityPool', rest, (options) => {
      const validToken = validateToken(token);
      const validProvider = validateProvider(provider);
      const { developerProvidedIdentityId } = validateFederateOptions(options);
      return (runtime) => federate(runtime, validToken, validProvider, developerProvidedIdentityId);
    });
  }

  /** Forgets the federated session (locally; no network call). */
  clearFederationToIdentityPool(): Promise<void>;
  clearFederationToIdentityPool(onSuccess: () => void, onError: OnError): void;
  clearFederationToIdentityPool(...callbacks: unknown[]): Promise<void> | void {
    return this.#call('clearFederationToIdentityPool', callbacks, () => clearFederation);
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
    const [options, onSuccess, onError] = splitCallbacks(args);
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

  /** Signs in with the user pool: SRP by default (`authFlowType` picks another flow); challenges come back in `nextStep`. */
  signIn(username: string, password?: string, options?: AuthSignInOptions): Promise<AuthSignInResult>;
  signIn(
    username: string,
    password: string,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  signIn(
    username: string,
    password: string,
    options: AuthSignInOptions | undefined,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  signIn(username: string, password?: string, ...rest: unknown[]): Promise<AuthSignInResult> | void {
    return this.#call('signIn', rest, (options) => {
      const input = validateSignInInput(username, password, options);
      return async (runtime) => (await userPoolOperations()).startSignIn(runtime, input);
    });
  }

  /** Answers the challenge in `nextStep`: an MFA or TOTP code, 'SMS' | 'TOTP', a new password or a custom answer. */
  confirmSignIn(challengeResponse: string, options?: ConfirmSignInOptions): Promise<AuthSignInResult>;
  confirmSignIn(
    challengeResponse: string,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  confirmSignIn(
    challengeResponse: string,
    options: ConfirmSignInOptions | undefined,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  confirmSignIn(challengeResponse: string, ...rest: unknown[]): Promise<AuthSignInResult> | void {
    return this.#call('confirmSignIn', rest, (options) => {
      const response = validateCode(challengeResponse, 'The challenge response');
      const attributes = validateStringRecord(
        (options as ConfirmSignInOptions | undefined)?.userAttributes,
        'userAttributes',
      );
      return async (runtime) => (await userPoolOperations()).confirmSignInStep(runtime, response, attributes);
    });
  }

  /** Signs out of the user pool; `{ globalSignOut: true }` also revokes the tokens at the service. */
  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult>;
  signOut(onSuccess: (result: AuthSignOutResult) => void, onError: OnError): void;
  signOut(
    options: AuthSignOutOptions | undefined,
    onSuccess: (result: AuthSignOutResult) => void,
    onError: OnError,
  ): void;
  signOut(...args: unknown[]): Promise<AuthSignOutResult> | void {
    return this.#call('signOut', args, (options) => {
      const { globalSignOut } = validateSignOutOptions(options);
      return (runtime) => signOut(runtime, globalSignOut);
    });
  }

  /** Deletes the signed-in user from the user pool, signs out locally and publishes USER_DELETED. */
  deleteUser(): Promise<void>;
  deleteUser(onSuccess: () => void, onError: AuthErrorCallback): void;
  deleteUser(...callbacks: unknown[]): Promise<void> | void {
    return this.#call('deleteUser', callbacks, () => deleteUser);
  }

  /** The signed-in user-pool user: `{ username, userId }`, or SignedOutException. */
  getCurrentUser(): Promise<AuthUser>;
  getCurrentUser(onSuccess: (user: AuthUser) => void, onError: OnError): void;
  getCurrentUser(...callbacks: unknown[]): Promise<AuthUser> | void {
    return this.#call('getCurrentUser', callbacks, () => getCurrentUser);
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

  /**
   * One operation in the style the caller chose: `prepare` validates the arguments (before any request)
   * and returns the operation, which then runs after every operation called before it.
   */
  #call<T>(
    method: string,
    args: readonly unknown[],
    prepare: (options: unknown) => (runtime: PluginRuntime) => Promise<T>,
  ): Promise<T> | void {
    const [options, onSuccess, onError] = splitCallbacks(args);
    const work = async (): Promise<T> => {
      const operation = prepare(options);
      const runtime = this.#requireRuntime();
      return runtime.machine.run(() => operation(runtime));
    };
    return this.#respond(work, onSuccess, onError, method);
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
      this.#runtime?.logger ?? getLogger(AWSCognitoAuthPlugin.PLUGIN_KEY),
    );
  }

  /** Never shows the session: the plugin holds provider tokens and credentials. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AWSCognitoAuthPlugin { state: '${this.#runtime?.machine.state.kind ?? 'unconfigured'}' }`;
  }
}
brandClass(AWSCognitoAuthPlugin, 'AWSCognitoAuthPlugin');

// The user-pool methods live in api/userPoolMethods.ts (types) and are installed on the prototype above.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface AWSCognitoAuthPlugin extends AWSCognitoUserPoolMethods {}
