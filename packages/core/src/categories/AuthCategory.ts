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
import { Category } from './Category.js';
import {
  ambiguousAuthPlugin,
  authNotConfigured,
  noAuthPlugin,
  userPoolMethodMissing,
} from './categoryErrors.js';
import type { AuthPlugin, AuthPluginRegistry, RegisteredAuthSession } from './Plugin.js';

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
  override getPlugin(key: string): AuthPlugin;
  override getPlugin(key: string): AuthPlugin {
    return super.getPlugin(key);
  }

  /** The configured plugin's session, typed as that plugin's session type (see {@link RegisteredAuthSession}). */
  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<RegisteredAuthSession> {
    // The one configured plugin is the registered one, so its session has the registered type.
    return this.#delegate((plugin) => plugin.fetchAuthSession(options)) as Promise<RegisteredAuthSession>;
  }

  signIn(username: string, password?: string, options?: AuthSignInOptions): Promise<AuthSignInResult> {
    return this.#delegate((plugin) => plugin.signIn(username, password, options));
  }

  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult> {
    return this.#delegate((plugin) => plugin.signOut(options));
  }

  getCurrentUser(): Promise<AuthUser> {
    return this.#delegate((plugin) => plugin.getCurrentUser());
  }

  confirmSignIn(
    ...args: Parameters<AuthUserPoolCategoryBehavior['confirmSignIn']>
  ): ReturnType<AuthUserPoolCategoryBehavior['confirmSignIn']> {
    return this.#userPool('confirmSignIn', args);
  }

  signUp(
    ...args: Parameters<AuthUserPoolCategoryBehavior['signUp']>
  ): ReturnType<AuthUserPoolCategoryBehavior['signUp']> {
    return this.#userPool('signUp', args);
  }

  confirmSignUp(
    ...args: Parameters<AuthUserPoolCategoryBehavior['confirmSignUp']>
  ): ReturnType<AuthUserPoolCategoryBehavior['confirmSignUp']> {
    return this.#userPool('confirmSignUp', args);
  }

  resendSignUpCode(
    ...args: Parameters<AuthUserPoolCategoryBehavior['resendSignUpCode']>
  ): ReturnType<AuthUserPoolCategoryBehavior['resendSignUpCode']> {
    return this.#userPool('resendSignUpCode', args);
  }

  autoSignIn(): ReturnType<AuthUserPoolCategoryBehavior['autoSignIn']> {
    return this.#userPool('autoSignIn', []);
  }

  resetPassword(
    ...args: Parameters<AuthUserPoolCategoryBehavior['resetPassword']>
  ): ReturnType<AuthUserPoolCategoryBehavior['resetPassword']> {
    return this.#userPool('resetPassword', args);
  }

  confirmResetPassword(
    ...args: Parameters<AuthUserPoolCategoryBehavior['confirmResetPassword']>
  ): ReturnType<AuthUserPoolCategoryBehavior['confirmResetPassword']> {
    return this.#userPool('confirmResetPassword', args);
  }

  updatePassword(
    ...args: Parameters<AuthUserPoolCategoryBehavior['updatePassword']>
  ): ReturnType<AuthUserPoolCategoryBehavior['updatePassword']> {
    return this.#userPool('updatePassword', args);
  }

  fetchUserAttributes(): ReturnType<AuthUserPoolCategoryBehavior['fetchUserAttributes']> {
    return this.#userPool('fetchUserAttributes', []);
  }

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
    if (typeof fn !== 'function') throw userPoolMethodMissing(plugin.getPluginKey(), method);
    return fn.apply(plugin, [...args]);
  }

  /** Runs `call` on the single configured plugin; problems become rejections, never sync throws. */
  async #delegate<T>(call: (plugin: AuthPlugin) => Promise<T>): Promise<T> {
    return call(this.#selectPlugin());
  }

  #selectPlugin(): AuthPlugin {
    const plugins = this.getPlugins();
    const [only] = plugins;
    if (only === undefined) throw noAuthPlugin();
    if (plugins.length > 1) throw ambiguousAuthPlugin(plugins.length);
    if (!this.isConfigured) throw authNotConfigured();
    return only;
  }
}
brandClass(AuthCategory, 'AuthCategory');
