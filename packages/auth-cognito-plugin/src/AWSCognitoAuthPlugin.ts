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
import { brandClass } from '@plugboard/core/internals';
import { splitCallbacks } from './api/callbacks.js';
import { createRuntime, type ConfiguredPlugin } from './api/createRuntime.js';
import {
  endHostedUiSession,
  installHostedUiMethods,
  type AWSCognitoHostedUiMethods,
} from './api/hostedUiMethods.js';
import { installUserPoolMethods, userPoolOperations } from './api/installUserPoolMethods.js';
import type { AWSCognitoUserPoolMethods } from './api/userPoolMethods.js';
import { validateCode, validateSignInInput } from './api/userPoolValidate.js';
import {
  abandonedByReset,
  escapeHatchOf,
  local,
  network,
  perform,
  requireConfigured,
  respond,
  type Prepared,
} from './api/invoke.js';
import type {
  AuthErrorCallback as OnError,
  AWSCognitoAuthPluginOptions,
  ConfirmSignInOptions,
  EscapeHatch,
  FederateToIdentityPoolOptionsInput as FederateOptionsArg,
} from './api/options.js';
import { defaultStorage, readConfig, validateConstructorOptions } from './api/pluginConfig.js';
import type { AuthProvider } from './AuthProvider.js';
import type { AWSCognitoAuthSession, FederateToIdentityPoolResult } from './model.js';
import { deleteUser } from './operations/deleteUser.js';
import { clearFederation, federate } from './operations/federate.js';
import { getCurrentUser } from './operations/getCurrentUser.js';
import type { PluginRuntime } from './operations/PluginRuntime.js';
import { signOut } from './operations/signOut.js';
import {
  validateFederateOptions,
  validateFetchOptions,
  validateNoOptions,
  validateProvider,
  validateSignOutOptions,
  validateStringRecord,
  validateToken,
} from './shared/validate.js';
import { PLUGIN_VERSION } from './version.js';

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
      plugin.#call(method, rest, (options) => network(prepare(options))),
    );
    installHostedUiMethods(this.prototype, (plugin) => ({
      configured: (plugin as AWSCognitoAuthPlugin).#configured,
      logger: (plugin as AWSCognitoAuthPlugin).#logger(),
    }));
  }

  readonly #options: AWSCognitoAuthPluginOptions;
  #configured: ConfiguredPlugin | undefined;
  /** The default storage, kept across a reconfiguration (hot reload keeps the session), dropped by reset. */
  #storage: KeyValueStorage | undefined;

  /**
   * @param options storage, federated-token refresher, refresh margin, request and refresher deadlines, a
   * clock, and replacements for the AWS SDK clients. A wrong type or unknown option: `InvalidParameterException`.
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
    this.#storage ??= this.#options.storage ?? defaultStorage(context.logger);
    this.#configured = createRuntime({ ...this.#options, storage: this.#storage }, config, context);
  }

  /** Forgets the configuration and the in-memory session at once; operations still waiting are abandoned. */
  async reset(): Promise<void> {
    const configured = this.#configured;
    [this.#configured, this.#storage] = [undefined, undefined];
    await configured?.machine.reset(abandonedByReset);
  }

  /** The AWS SDK clients of the configured pools, once loaded: call `loadEscapeHatch()` first. */
  getEscapeHatch(): EscapeHatch {
    return escapeHatchOf(this.#configured);
  }

  /**
   * Loads the AWS SDK clients of the configured pools, if needed, and returns them. From then on the
   * plugin's identity-pool calls go through that `CognitoIdentityClient` (so middleware added to it applies).
   */
  async loadEscapeHatch(): Promise<EscapeHatch> {
    const configured = requireConfigured(this.#configured);
    await Promise.all([configured.sdkIdentityPool?.load(), configured.sdkUserPool?.load()]);
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
      return network((runtime) => federate(runtime, validToken, validProvider, developerProvidedIdentityId));
    });
  }

  /** Forgets the federated session (locally; no network call). */
  clearFederationToIdentityPool(): Promise<void>;
  clearFederationToIdentityPool(onSuccess: () => void, onError: OnError): void;
  clearFederationToIdentityPool(...callbacks: unknown[]): Promise<void> | void {
    return this.#call('clearFederationToIdentityPool', callbacks, (options) => {
      validateNoOptions(options, 'clearFederationToIdentityPool');
      return local(clearFederation);
    });
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
    const work = async (): Promise<AWSCognitoAuthSession> =>
      requireConfigured(this.#configured).fetcher.fetch(validateFetchOptions(options).forceRefresh);
    return respond(work, onSuccess, onError, 'fetchAuthSession', this.#logger());
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
      return network(async (runtime) => (await userPoolOperations()).startSignIn(runtime, input));
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
      return network(async (runtime) =>
        (await userPoolOperations()).confirmSignInStep(runtime, response, attributes),
      );
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
      const { globalSignOut, browser } = validateSignOutOptions(options);
      const run = (runtime: PluginRuntime) => signOut(runtime, globalSignOut);
      const after = (result: AuthSignOutResult) => endHostedUiSession(this.#configured, result, browser);
      return { ...(globalSignOut ? network(run) : local(run)), after };
    });
  }

  /** Deletes the signed-in user from the user pool, signs out locally and publishes USER_DELETED. */
  deleteUser(): Promise<void>;
  deleteUser(onSuccess: () => void, onError: OnError): void;
  deleteUser(...callbacks: unknown[]): Promise<void> | void {
    return this.#call('deleteUser', callbacks, (options) => {
      validateNoOptions(options, 'deleteUser');
      return network(deleteUser);
    });
  }

  /** The signed-in user-pool user: `{ username, userId }`, or SignedOutException. */
  getCurrentUser(): Promise<AuthUser>;
  getCurrentUser(onSuccess: (user: AuthUser) => void, onError: OnError): void;
  getCurrentUser(...callbacks: unknown[]): Promise<AuthUser> | void {
    return this.#call('getCurrentUser', callbacks, (options) => {
      validateNoOptions(options, 'getCurrentUser');
      return network(getCurrentUser);
    });
  }

  /** Validates the arguments (`prepare`, before any request), then runs the operation in the caller's style. */
  #call<T>(
    method: string,
    args: readonly unknown[],
    prepare: (options: unknown) => Prepared<T>,
  ): Promise<T> | void {
    const [options, onSuccess, onError] = splitCallbacks(args);
    const work = async (): Promise<T> => {
      const operation = prepare(options);
      const result = await perform(requireConfigured(this.#configured), method, operation);
      return operation.after ? operation.after(result) : result;
    };
    return respond(work, onSuccess, onError, method, this.#logger());
  }

  #logger() {
    return this.#configured?.base.logger ?? getLogger(AWSCognitoAuthPlugin.PLUGIN_KEY);
  }

  /** Never shows the session: the plugin holds provider tokens and credentials. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AWSCognitoAuthPlugin { state: '${this.#configured?.machine.state.kind ?? 'unconfigured'}' }`;
  }
}
brandClass(AWSCognitoAuthPlugin, 'AWSCognitoAuthPlugin');

// The user-pool and hosted-UI methods are declared in api/ and installed on the prototype above.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AWSCognitoAuthPlugin extends AWSCognitoUserPoolMethods, AWSCognitoHostedUiMethods {}
