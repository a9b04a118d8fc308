import type {
  AuthCategoryBehavior,
  AuthSignInOptions,
  AuthSignInResult,
  AuthSignOutOptions,
  AuthSignOutResult,
  AuthUser,
  FetchAuthSessionOptions,
} from '../auth/types.js';
import { brandClass } from '../brand.js';
import { ConfigurationException } from '../errors/ConfigurationException.js';
import { PluginNotFoundException } from '../errors/PluginNotFoundException.js';
import { Category } from './Category.js';
import type { AuthPlugin, AuthPluginRegistry, RegisteredAuthSession } from './Plugin.js';

/** The Auth category: its plugins plus the auth behaviour, delegated to the one configured plugin. */
export class AuthCategory extends Category<AuthPlugin> implements AuthCategoryBehavior {
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

  signIn(username: string, password: string, options?: AuthSignInOptions): Promise<AuthSignInResult> {
    return this.#delegate((plugin) => plugin.signIn(username, password, options));
  }

  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult> {
    return this.#delegate((plugin) => plugin.signOut(options));
  }

  getCurrentUser(): Promise<AuthUser> {
    return this.#delegate((plugin) => plugin.getCurrentUser());
  }

  /** Runs `call` on the single configured plugin; problems become rejections, never sync throws. */
  async #delegate<T>(call: (plugin: AuthPlugin) => Promise<T>): Promise<T> {
    return call(this.#selectPlugin());
  }

  #selectPlugin(): AuthPlugin {
    const plugins = this.getPlugins();
    const [only] = plugins;
    if (only === undefined) {
      throw new PluginNotFoundException(
        'The auth category has no plugin.',
        'Call Amplify.addPlugin(new AWSCognitoAuthPlugin()) before Amplify.configure.',
      );
    }
    if (plugins.length > 1) {
      throw new ConfigurationException(
        `The auth category has ${plugins.length} plugins, so Amplify.Auth cannot choose one.`,
        "Call the plugin directly: Amplify.Auth.getPlugin('<key>').",
      );
    }
    if (!this.isConfigured) {
      throw new ConfigurationException(
        'The auth category is not configured.',
        'Call Amplify.configure(config) before using Amplify.Auth.',
      );
    }
    return only;
  }
}
brandClass(AuthCategory, 'AuthCategory');
