import type {
  AuthCategoryBehavior,
  AuthSignInOptions,
  AuthSignInResult,
  AuthSignOutOptions,
  AuthSignOutResult,
  AuthUser,
  AuthUserPoolCategoryBehavior,
  FetchAuthSessionOptions,
} from '../auth/types.js';
import { brandClass } from '../brand.js';
import { Category, onlyPlugin } from './Category.js';
import { pluginMethodMissing } from './categoryErrors.js';
import type { AuthPlugin, AuthPluginRegistry, RegisteredAuthSession } from './Plugin.js';
import { processSingleton } from '../brand.js';

/** Where a scoped auth plugin (a server-side auth context) is looked up: one slot per process. */
interface AuthPluginResolverSlot {
  resolve: (() => AuthPlugin | undefined) | undefined;
}
let slot: AuthPluginResolverSlot | undefined;
/** The slot, looked up once (a process singleton is never replaced): every `Amplify.Auth` call reads it. */
const resolverSlot = (): AuthPluginResolverSlot =>
  (slot ??= processSingleton<AuthPluginResolverSlot>('auth.pluginResolver.v1', () => ({
    resolve: undefined,
  })));

/**
 * Registers the function the Auth category consults before its configured plugin: when it answers a
 * plugin (the current server-side auth context's), `Amplify.Auth.*` calls go to that one. Used by the
 * auth plugin package's contexts; core itself knows nothing of how the current context is tracked.
 */
export function setAuthPluginResolver(resolve: (() => AuthPlugin | undefined) | undefined): void {
  resolverSlot().resolve = resolve;
}

/** The Auth category: its plugins plus the auth behaviour, delegated to the one configured plugin. */
export class AuthCategory
  extends Category<AuthPlugin>
  implements AuthCategoryBehavior, AuthUserPoolCategoryBehavior
{
  constructor() {
    super('auth');
  }

  /** The plugin added under `key`, typed through {@link AuthPluginRegistry}. */
  override getPlugin<K extends keyof AuthPluginRegistry>(key: K): AuthPluginRegistry[K];
  /** The plugin added under `key`; `PluginNotFoundException` when there is none. */
  override getPlugin(key: string): AuthPlugin;
  override getPlugin(key: string): AuthPlugin {
    return super.getPlugin(key);
  }

  /** The configured plugin's session, typed as that plugin's session type (see {@link RegisteredAuthSession}). */
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<RegisteredAuthSession> {
    // The one configured plugin is the registered one, so its session has the registered type.
    return this.#delegate((plugin) => plugin.fetchAuthSession(options)) as Promise<RegisteredAuthSession>;
  }

  /** Starts a user-pool sign-in with the configured plugin (SRP by default). */
  signIn(username: string, password?: string, options?: AuthSignInOptions): Promise<AuthSignInResult> {
    return this.#delegate((plugin) => plugin.signIn(username, password, options));
  }

  /** Signs out with the configured plugin: locally, and with `globalSignOut` also at the service. */
  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult> {
    return this.#delegate((plugin) => plugin.signOut(options));
  }

  /** The signed-in user; rejects when nobody is signed in. */
  getCurrentUser(): Promise<AuthUser> {
    return this.#delegate((plugin) => plugin.getCurrentUser());
  }

  /** Answers the challenge of the current sign-in step; see {@link AuthUserPoolCategoryBehavior.confirmSignIn}. */
  confirmSignIn(
    ...args: Parameters<AuthUserPoolCategoryBehavior['confirmSignIn']>
  ): ReturnType<AuthUserPoolCategoryBehavior['confirmSignIn']> {
    return this.#userPool('confirmSignIn', args);
  }

  /** Creates a user in the user pool; see {@link AuthUserPoolCategoryBehavior.signUp}. */
  signUp(
    ...args: Parameters<AuthUserPoolCategoryBehavior['signUp']>
  ): ReturnType<AuthUserPoolCategoryBehavior['signUp']> {
    return this.#userPool('signUp', args);
  }

  /** Confirms a sign-up with the code the user received. */
  confirmSignUp(
    ...args: Parameters<AuthUserPoolCategoryBehavior['confirmSignUp']>
  ): ReturnType<AuthUserPoolCategoryBehavior['confirmSignUp']> {
    return this.#userPool('confirmSignUp', args);
  }

  /** Sends the sign-up confirmation code again. */
  resendSignUpCode(
    ...args: Parameters<AuthUserPoolCategoryBehavior['resendSignUpCode']>
  ): ReturnType<AuthUserPoolCategoryBehavior['resendSignUpCode']> {
    return this.#userPool('resendSignUpCode', args);
  }

  /** Signs in after a confirmed sign-up that asked for `autoSignIn`. */
  autoSignIn(): ReturnType<AuthUserPoolCategoryBehavior['autoSignIn']> {
    return this.#userPool('autoSignIn', []);
  }

  /** Starts a password reset: the pool sends the user a code. */
  resetPassword(
    ...args: Parameters<AuthUserPoolCategoryBehavior['resetPassword']>
  ): ReturnType<AuthUserPoolCategoryBehavior['resetPassword']> {
    return this.#userPool('resetPassword', args);
  }

  /** Sets the new password with the code from `resetPassword`. */
  confirmResetPassword(
    ...args: Parameters<AuthUserPoolCategoryBehavior['confirmResetPassword']>
  ): ReturnType<AuthUserPoolCategoryBehavior['confirmResetPassword']> {
    return this.#userPool('confirmResetPassword', args);
  }

  /** Changes the signed-in user's password. */
  updatePassword(
    ...args: Parameters<AuthUserPoolCategoryBehavior['updatePassword']>
  ): ReturnType<AuthUserPoolCategoryBehavior['updatePassword']> {
    return this.#userPool('updatePassword', args);
  }

  /** The signed-in user's attributes. */
  fetchUserAttributes(): ReturnType<AuthUserPoolCategoryBehavior['fetchUserAttributes']> {
    return this.#userPool('fetchUserAttributes', []);
  }

  /** Updates the signed-in user's attributes; the result says which need a confirmation code. */
  updateUserAttributes(
    ...args: Parameters<AuthUserPoolCategoryBehavior['updateUserAttributes']>
  ): ReturnType<AuthUserPoolCategoryBehavior['updateUserAttributes']> {
    return this.#userPool('updateUserAttributes', args);
  }

  /** Calls a user-pool method of the plugin, or rejects when the plugin has none. */
  async #userPool<K extends keyof AuthUserPoolCategoryBehavior>(
    method: K,
    args: readonly unknown[],
  ): Promise<Awaited<ReturnType<AuthUserPoolCategoryBehavior[K]>>> {
    const plugin = this.#selectPlugin();
    const fn = plugin[method] as
      | ((...a: readonly unknown[]) => Promise<Awaited<ReturnType<AuthUserPoolCategoryBehavior[K]>>>)
      | undefined;
    if (typeof fn !== 'function')
      throw pluginMethodMissing(
        'auth',
        plugin.getPluginKey(),
        method,
        'Use an auth plugin with user-pool support, such as AWSCognitoAuthPlugin.',
      );
    return fn.apply(plugin, [...args]);
  }

  /** Runs `call` on the single configured plugin; problems become rejections, never sync throws. */
  async #delegate<T>(call: (plugin: AuthPlugin) => Promise<T>): Promise<T> {
    return call(this.#selectPlugin());
  }

  #selectPlugin(): AuthPlugin {
    const scoped = resolverSlot().resolve?.();
    return scoped ?? onlyPlugin(this, 'AWSCognitoAuthPlugin');
  }
}
brandClass(AuthCategory, 'AuthCategory');
