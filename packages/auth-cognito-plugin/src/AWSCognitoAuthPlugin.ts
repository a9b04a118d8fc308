import {
  getLogger,
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
import { brandClass, freezePluginConfiguration } from '@plugboard/core/internals';
import { splitCallbacks } from './api/callbacks.js';
import { escapeHatchOf } from './api/escapeHatchOf.js';
import type { AWSCognitoHostedUiMethods } from './api/hostedUiMethods.js';
import { installLazyMethods, needsUserPoolCode } from './api/installLazyMethods.js';
import { loadInOrder, loadSdkIdentityPool } from './api/loadRuntimeModule.js';
import type {
  AuthErrorCallback as OnError,
  AWSCognitoAuthPluginOptions,
  ConfirmSignInOptions,
  EscapeHatch,
  FederateToIdentityPoolOptionsInput as FederateOptionsArg,
} from './api/options.js';
import type { InternalPluginOptions } from './api/internalOptions.js';
import { defaultStorage, readConfig, validateConstructorOptions } from './api/pluginConfig.js';
import { respond } from './api/respond.js';
import { RuntimeSlot, runtimeOf } from './api/RuntimeSlot.js';
import type { AWSCognitoUserPoolMethods } from './api/userPoolMethods.js';
import type { AuthProvider } from './model/AuthProvider.js';
import type { AWSCognitoAuthSession, FederateToIdentityPoolResult } from './model/types.js';
import type { SessionForSdk } from './operations/session/SessionFetcher.js';
import { PLUGIN_VERSION } from './model/version.js';

/**
 * Internal (not exported by the package): the session and when the SDK should ask again, for
 * `fromAmplifyAuth`. A function of this module because it reaches the plugin's private `#invoke`.
 */
export let fetchForSdk: (plugin: AWSCognitoAuthPlugin, forceRefresh: boolean) => Promise<SessionForSdk>;

/**
 * The Cognito auth plugin, key `awsCognitoAuthPlugin`. Besides the Auth category behaviour it offers the
 * escape-hatch API of identity-pool federation: `federateToIdentityPool`, `clearFederationToIdentityPool`.
 * Every method has a promise style and the callback style of Amplify Android.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface at the end
export class AWSCognitoAuthPlugin implements AuthPlugin {
  static readonly PLUGIN_KEY = 'awsCognitoAuthPlugin' as const;

  static {
    fetchForSdk = (plugin, forceRefresh) =>
      plugin.#invoke('fetchForSdk', [forceRefresh], []) as Promise<SessionForSdk>;
    installLazyMethods(this.prototype, (plugin, method, positional, rest) =>
      plugin.#invoke(method, positional, rest),
    );
  }

  readonly #options: InternalPluginOptions;
  /** The current configuration; its runtime is built once the plugin's code has loaded. */
  #slot: RuntimeSlot | undefined;
  /** The default storage, kept across a reconfiguration (hot reload keeps the session), dropped by reset. */
  #storage: KeyValueStorage | undefined;

  /**
   * @param options storage, federated-token refresher, refresh margin, request and refresher deadlines and
   * a clock. A wrong type or unknown option: `InvalidParameterException`.
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
    // The configuration is checked at once; the runtime (and the restore of the stored session) follows
    // the load of its code.
    // One snapshot first (own properties only, null prototypes, absurd shapes refused, deep-frozen): the
    // checks and the runtime read the same copy, never the caller's object or a polluted prototype.
    const section = freezePluginConfiguration(pluginConfig, 'auth.plugins.awsCognitoAuthPlugin');
    const setup = readConfig(section, this.#options);
    this.#storage ??= this.#options.storage ?? defaultStorage(context.logger);
    const options = { ...this.#options, storage: this.#storage };
    this.#slot = new RuntimeSlot(
      (module, userPool) => module.createRuntime(options, setup, context, userPool, loadSdkIdentityPool),
      context.logger,
      !!(setup.config.CognitoUserPool?.Default ?? setup.oauth),
    );
  }

  /** Forgets the configuration and the in-memory session at once; operations still waiting are abandoned. */
  async reset(): Promise<void> {
    const slot = this.#slot;
    [this.#slot, this.#storage] = [undefined, undefined];
    await slot?.reset();
  }

  /** The AWS SDK clients of the configured pools, once loaded: call `loadEscapeHatch()` first. */
  getEscapeHatch(): EscapeHatch {
    return escapeHatchOf(this.#slot?.configured);
  }

  /**
   * Loads the AWS SDK clients of the configured pools, if needed, and returns them. From then on the
   * plugin's identity-pool calls go through that `CognitoIdentityClient` (so middleware added to it applies).
   */
  async loadEscapeHatch(): Promise<EscapeHatch> {
    await this.#invoke('loadEscapeHatch', [], []);
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
    return this.#invoke('federateToIdentityPool', [token, provider], rest);
  }

  /** Forgets the federated session (locally; no network call). */
  clearFederationToIdentityPool(): Promise<void>;
  clearFederationToIdentityPool(onSuccess: () => void, onError: OnError): void;
  clearFederationToIdentityPool(...callbacks: unknown[]): Promise<void> | void {
    return this.#invoke('clearFederationToIdentityPool', [], callbacks);
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
    return this.#invoke('fetchAuthSession', [], args);
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
    return this.#invoke('signIn', [username, password], rest);
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
    return this.#invoke('confirmSignIn', [challengeResponse], rest);
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
    return this.#invoke('signOut', [], args);
  }

  /** Deletes the signed-in user from the user pool, signs out locally and publishes USER_DELETED. */
  deleteUser(): Promise<void>;
  deleteUser(onSuccess: () => void, onError: OnError): void;
  deleteUser(...callbacks: unknown[]): Promise<void> | void {
    return this.#invoke('deleteUser', [], callbacks);
  }

  /** The signed-in user-pool user: `{ username, userId }`, or SignedOutException. */
  getCurrentUser(): Promise<AuthUser>;
  getCurrentUser(onSuccess: (user: AuthUser) => void, onError: OnError): void;
  getCurrentUser(...callbacks: unknown[]): Promise<AuthUser> | void {
    return this.#invoke('getCurrentUser', [], callbacks);
  }

  /**
   * Runs a method in the caller's style once the plugin's code has loaded: the lazy side validates the
   * arguments (before any request) and queues the operation. Every call waits for the same load, so calls
   * reach the queue in the order they were made; each keeps the configuration current when it was made.
   */
  #invoke<T>(method: string, positional: readonly unknown[], rest: readonly unknown[]): Promise<T> | void {
    const [options, onSuccess, onError] = splitCallbacks(rest);
    const slot = this.#slot;
    const work = async (): Promise<T> => {
      const [module, userPool] = await loadInOrder(needsUserPoolCode(method) || !!slot?.needsUserPool);
      return module.invoke(
        method,
        positional,
        options,
        runtimeOf(slot, module, userPool),
        userPool,
      ) as Promise<T>;
    };
    return respond(work, onSuccess, onError, method, this.#logger());
  }

  #logger() {
    return this.#slot?.logger ?? getLogger(AWSCognitoAuthPlugin.PLUGIN_KEY);
  }

  /** Never shows the session: the plugin holds provider tokens and credentials. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const slot = this.#slot;
    const state = slot ? (slot.configured?.machine.state.kind ?? 'loading') : 'unconfigured';
    return `AWSCognitoAuthPlugin { state: '${state}' }`;
  }
}
brandClass(AWSCognitoAuthPlugin, 'AWSCognitoAuthPlugin');

// The user-pool and hosted-UI methods are declared in api/ and installed on the prototype above.
/** The plugin's user-pool and hosted-UI methods (see {@link AWSCognitoUserPoolMethods}, {@link AWSCognitoHostedUiMethods}). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AWSCognitoAuthPlugin extends AWSCognitoUserPoolMethods, AWSCognitoHostedUiMethods {}
