import type {
  AuthCategoryBehavior,
  AuthSession,
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
import type { AuthPlugin, AuthPluginRegistry } from './Plugin.js';

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

  fetchAuthSession(options?: FetchAuthSessionOptions): Promise<AuthSession> {
    return this.delegate((plugin) => plugin.fetchAuthSession(options));
  }

  signIn(username: string, password: string, options?: AuthSignInOptions): Promise<AuthSignInResult> {
    return this.delegate((plugin) => plugin.signIn(username, password, options));
  }

  signOut(options?: AuthSignOutOptions): Promise<AuthSignOutResult> {
    return this.delegate((plugin) => plugin.signOut(options));
  }

  getCurrentUser(): Promise<AuthUser> {
    return this.delegate((plugin) => plugin.getCurrentUser());
  }

  /** Runs `call` on the single configured plugin; problems become rejections, never sync throws. */
  private async delegate<T>(call: (plugin: AuthPlugin) => Promise<T>): Promise<T> {
    return call(this.selectPlugin());
  }

  private selectPlugin(): AuthPlugin {
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
