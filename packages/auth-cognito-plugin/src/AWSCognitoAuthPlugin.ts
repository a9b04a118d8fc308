import {
  getLogger,
  type AuthException,
  type AuthPlugin,
  type AuthSignInOptions,
  type AuthSignInResult,
  type AuthSignOutOptions,
  type AuthSignOutResult,
  type AuthUser,
  type FetchAuthSessionOptions,
  type KeyValueStorage,
  type PluginContext,
} from '@plugboard/core';
import { brandClass } from '@plugboard/core/internals';
import { respond, splitCallbacks } from './facade/callbacks.js';
import { escapeHatchOf } from './facade/escapeHatchOf.js';
import type { AWSCognitoHostedUiMethods } from './facade/hostedUiMethods.js';
import { METHODS, positionalCount, type Method, type MethodName } from './facade/methods.js';
import type {
  AuthErrorCallback as OnError,
  AWSCognitoAuthPluginOptions,
  ConfirmSignInOptions,
  EscapeHatch,
  FederateToIdentityPoolOptionsInput as FederateOptionsArg,
} from './runtime/options.js';
import type { AWSCognitoUserPoolMethods } from './facade/userPoolMethods.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './clients/deadline.js';
import type { InternalPluginOptions } from './runtime/internalOptions.js';
import { loadInOrder } from './runtime/load.js';
import { defaultStorage, readConfig, validateConstructorOptions } from './runtime/pluginConfig.js';
import { RuntimeSlot, runtimeOf } from './runtime/RuntimeSlot.js';
import type { AuthProvider } from './model/AuthProvider.js';
import type { AWSCognitoAuthSession, FederateToIdentityPoolResult } from './model/types.js';
import type { SessionForSdk } from './operations/session/SessionFetcher.js';
import { PLUGIN_VERSION } from './model/version.js';
import { readNowOf } from './model/readNow.js';

// Internal hooks (not exported by the package), functions of this module as they reach private members.
/** The session and when the SDK should ask again, for `fromAmplifyAuth`. */
export let fetchForSdk: (plugin: AWSCognitoAuthPlugin, forceRefresh: boolean) => Promise<SessionForSdk>;
/** Internal (auth contexts): a plugin's constructor options, for a context to inherit. */
export let optionsOf: (plugin: AWSCognitoAuthPlugin) => InternalPluginOptions;
/** Internal (auth contexts): a check run first on every call (its error refuses it), and its answer now. */
export let guardPlugin: (plugin: AWSCognitoAuthPlugin, guard: () => AuthException | undefined) => void;
export let refusalOf: (plugin: AWSCognitoAuthPlugin) => AuthException | undefined;

/**
 * The Cognito auth plugin, key `awsCognitoAuthPlugin`. Besides the Auth category behaviour it offers the
 * escape-hatch API of identity-pool federation: `federateToIdentityPool`, `clearFederationToIdentityPool`.
 * Every method has a promise style and the callback style of Amplify Android.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface at the end
export class AWSCognitoAuthPlugin implements AuthPlugin {
  /** The key of this plugin's section in the `auth.plugins` configuration and in `Amplify.Auth.getPlugin`. */
  static readonly PLUGIN_KEY = 'awsCognitoAuthPlugin' as const;

  static {
    fetchForSdk = (plugin, forceRefresh) =>
      plugin.#call<SessionForSdk>('fetchForSdk', [forceRefresh]) as Promise<SessionForSdk>;
    optionsOf = (plugin) => plugin.#options;
    guardPlugin = (plugin, guard) => void (plugin.#guard = guard);
    refusalOf = (plugin) => plugin.#guard?.();
    // The methods of the table the class does not spell out (user pool, hosted UI): same path.
    for (const name of Object.keys(METHODS) as MethodName[]) {
      if (name === 'fetchForSdk' || Object.hasOwn(this.prototype, name)) continue;
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        writable: true,
        value(this: AWSCognitoAuthPlugin, ...args: unknown[]): unknown {
          return this.#call(name, args);
        },
      });
    }
  }

  readonly #options: InternalPluginOptions;
  /** The current configuration; its runtime is built once the plugin's code has loaded. */
  #slot: RuntimeSlot | undefined;
  /** The default storage, kept across a reconfiguration (hot reload keeps the session), dropped by reset. */
  #storage: KeyValueStorage | undefined;
  /** Set on an auth context's plugin: refuses calls after the context ended or from another context. */
  #guard: (() => AuthException | undefined) | undefined;

  /**
   * @param options storage, federated-token refresher, refresh margin, request and refresher deadlines and
   * a clock. A wrong type or unknown option: `InvalidParameterException`.
   */
  constructor(options: AWSCognitoAuthPluginOptions = {}) {
    validateConstructorOptions(options);
    this.#options = { ...options };
  }

  /** The plugin's key, `awsCognitoAuthPlugin`. */
  getPluginKey(): 'awsCognitoAuthPlugin' {
    return AWSCognitoAuthPlugin.PLUGIN_KEY;
  }

  /** The category this plugin belongs to: `auth`. */
  getCategoryType(): 'auth' {
    return 'auth';
  }

  /** The version of this package. */
  getVersion(): string {
    return PLUGIN_VERSION;
  }

  /** Checks the section (invalid: throws, the old configuration stays), then loads runtime and session. */
  configure(pluginConfig: unknown, context: PluginContext): void {
    // Checked at once, on one snapshot (core's freezePluginConfiguration), never the caller's object. The
    // runtime and restore follow the code's load (a storage that reads at once: the first call).
    const setup = readConfig(pluginConfig, this.#options);
    this.#storage ??= this.#options.storage ?? defaultStorage(context.logger);
    const options = { ...this.#options, storage: this.#storage };
    // The new configuration restores after the operations queued on the previous one have settled.
    this.#slot = new RuntimeSlot(
      ({ runtime, userPool }, before) =>
        runtime.createRuntime(options, setup, context, userPool, runtime.loadSdkIdentityPool, before),
      context.logger,
      !!(setup.config.CognitoUserPool?.Default ?? setup.oauth),
      this.#loadMs(),
      this.#slot,
      !readNowOf(this.#storage),
    );
  }

  /** Forgets the configuration and the in-memory session at once; operations still waiting are abandoned. */
  reset(): Promise<void> {
    const slot = this.#slot;
    [this.#slot, this.#storage] = [undefined, undefined];
    return slot ? slot.reset() : Promise.resolve();
  }

  /** The AWS SDK clients of the configured pools, once loaded: call `loadEscapeHatch()` first. */
  getEscapeHatch(): EscapeHatch {
    const refused = this.#guard?.();
    if (refused) throw refused;
    return escapeHatchOf(this.#slot?.configured);
  }

  /**
   * Loads the AWS SDK clients of the configured pools, if needed, and returns them. From then on the
   * plugin's identity-pool calls go through that `CognitoIdentityClient` (so middleware added to it applies).
   */
  async loadEscapeHatch(): Promise<EscapeHatch> {
    await this.#call('loadEscapeHatch', []);
    return this.getEscapeHatch();
  }

  /** Exchanges a third-party provider token for an identity id and temporary AWS credentials. */
  federateToIdentityPool(
    token: string,
    provider: AuthProvider,
    options?: FederateOptionsArg,
  ): Promise<FederateToIdentityPoolResult>;
  /** Callback form: `onSuccess` gets the identity id and credentials, `onError` the AuthException. */
  federateToIdentityPool(
    token: string,
    provider: AuthProvider,
    onSuccess: (result: FederateToIdentityPoolResult) => void,
    onError: OnError,
  ): void;
  /** Callback form with options; bad input reaches `onError` (InvalidParameterException) before any call. */
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
    return this.#call('federateToIdentityPool', [token, provider, ...rest]);
  }

  /** Forgets the federated session (locally; no network call). */
  clearFederationToIdentityPool(): Promise<void>;
  /** Callback form: `onSuccess` is called once the federated session is forgotten. */
  clearFederationToIdentityPool(onSuccess: () => void, onError: OnError): void;
  clearFederationToIdentityPool(...callbacks: unknown[]): Promise<void> | void {
    return this.#call('clearFederationToIdentityPool', [...callbacks]);
  }

  /** The current session: identity id and AWS credentials (refreshed when near expiry), user-pool data. */
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AWSCognitoAuthSession>;
  /** Callback form of `fetchAuthSession`: `onSuccess` receives the session, `onError` any AuthException. */
  fetchAuthSession(onSuccess: (session: AWSCognitoAuthSession) => void, onError: OnError): void;
  /** Callback form with options (`forceRefresh` refreshes even still-fresh credentials and tokens). */
  fetchAuthSession(
    options: FetchAuthSessionOptions | undefined,
    onSuccess: (session: AWSCognitoAuthSession) => void,
    onError: OnError,
  ): void;
  fetchAuthSession(...args: unknown[]): Promise<AWSCognitoAuthSession> | void {
    return this.#call('fetchAuthSession', [...args]);
  }

  /** Signs in with the user pool: SRP by default (`authFlowType` picks another flow); challenges come back in `nextStep`. */
  signIn(username: string, password?: string, options?: AuthSignInOptions): Promise<AuthSignInResult>;
  /** Callback form: `onSuccess` gets the result (`nextStep`), `onError` the AuthException. */
  signIn(
    username: string,
    password: string,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  /** Callback form of `signIn` with options (`authFlowType`, `preferredChallenge`, client metadata). */
  signIn(
    username: string,
    password: string,
    options: AuthSignInOptions | undefined,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  signIn(username: string, password?: string, ...rest: unknown[]): Promise<AuthSignInResult> | void {
    return this.#call('signIn', [username, password, ...rest]);
  }

  /** Answers the challenge in `nextStep`: an MFA or TOTP code, 'SMS' | 'TOTP', a new password or a custom answer. */
  confirmSignIn(challengeResponse: string, options?: ConfirmSignInOptions): Promise<AuthSignInResult>;
  /** Callback form of `confirmSignIn`: `onSuccess` receives the next result, `onError` the AuthException. */
  confirmSignIn(
    challengeResponse: string,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  /** Callback form of `confirmSignIn` with options. */
  confirmSignIn(
    challengeResponse: string,
    options: ConfirmSignInOptions | undefined,
    onSuccess: (result: AuthSignInResult) => void,
    onError: OnError,
  ): void;
  confirmSignIn(challengeResponse: string, ...rest: unknown[]): Promise<AuthSignInResult> | void {
    return this.#call('confirmSignIn', [challengeResponse, ...rest]);
  }

  /** Signs out of the user pool; `{ globalSignOut: true }` also revokes the tokens at the service. */
  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult>;
  /** Callback form of `signOut`: `onSuccess` receives the result, `onError` the AuthException. */
  signOut(onSuccess: (result: AuthSignOutResult) => void, onError: OnError): void;
  /** Callback form of `signOut` with options (`globalSignOut`). */
  signOut(
    options: AuthSignOutOptions | undefined,
    onSuccess: (result: AuthSignOutResult) => void,
    onError: OnError,
  ): void;
  signOut(...args: unknown[]): Promise<AuthSignOutResult> | void {
    return this.#call('signOut', [...args]);
  }

  /** Deletes the signed-in user from the user pool, signs out locally and publishes USER_DELETED. */
  deleteUser(): Promise<void>;
  /** Callback form of `deleteUser`: `onError` receives SignedOutException when no user is signed in. */
  deleteUser(onSuccess: () => void, onError: OnError): void;
  deleteUser(...callbacks: unknown[]): Promise<void> | void {
    return this.#call('deleteUser', [...callbacks]);
  }

  /** The signed-in user-pool user: `{ username, userId }`, or SignedOutException. */
  getCurrentUser(): Promise<AuthUser>;
  /** Callback form: `onSuccess` gets `{ username, userId }`, `onError` SignedOutException when signed out. */
  getCurrentUser(onSuccess: (user: AuthUser) => void, onError: OnError): void;
  getCurrentUser(...callbacks: unknown[]): Promise<AuthUser> | void {
    return this.#call('getCurrentUser', [...callbacks]);
  }

  /**
   * Runs a method of the table in the caller's style: splits the arguments by the method's arity, checks
   * them (before any load or request), then waits for the code. Every call waits for the same load, so
   * calls reach the queue in the order they were made; each keeps the configuration current when it was
   * made. The load is bounded by the request deadline.
   */
  #call<T>(name: MethodName, all: readonly unknown[]): Promise<T> | void {
    const { arity: rule, userPool, check } = METHODS[name] as Method;
    const arity = positionalCount(rule, all);
    const positional = arity === null ? all.slice(0, 1) : all.slice(0, arity);
    const [options, onSuccess, onError] = splitCallbacks(arity === null ? [] : all.slice(arity));
    const slot = this.#slot;
    const refused = this.#guard?.();
    const work = async (): Promise<T> => {
      if (refused) throw refused;
      const run = check(positional, options);
      const code = await loadInOrder(userPool || !!slot?.needsUserPool, this.#loadMs());
      return run(code, runtimeOf(slot, code), name) as Promise<T>;
    };
    return respond(work, onSuccess, onError, name, this.#logger());
  }

  #loadMs = (): number => this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  #logger = () => this.#slot?.logger ?? getLogger(AWSCognitoAuthPlugin.PLUGIN_KEY);

  /** Never shows the session: the plugin holds provider tokens and credentials. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const slot = this.#slot;
    const state = slot ? (slot.configured?.machine.state.kind ?? 'loading') : 'unconfigured';
    return `AWSCognitoAuthPlugin { state: '${state}' }`;
  }
}
brandClass(AWSCognitoAuthPlugin, 'AWSCognitoAuthPlugin');

/** The plugin's user-pool and hosted-UI methods (see {@link AWSCognitoUserPoolMethods}, {@link AWSCognitoHostedUiMethods}), installed from facade/'s table. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AWSCognitoAuthPlugin extends AWSCognitoUserPoolMethods, AWSCognitoHostedUiMethods {}
