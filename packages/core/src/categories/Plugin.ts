import type { AuthCategoryBehavior, AuthSession, AuthUserPoolCategoryBehavior } from '../auth/types.js';
import type { HubPublisher } from '../hub/types.js';
import type { Logger } from '../logger/Logger.js';

/** The category a plugin belongs to. Custom categories are plain strings. */
export type CategoryType =
  | 'auth'
  | 'hub'
  | 'storage'
  | 'api'
  | 'analytics'
  | 'datastore'
  | 'predictions'
  | 'geo'
  | 'notifications'
  | 'logging'
  | (string & {});

/** What `Amplify.configure` hands a plugin besides its own configuration section. */
export interface PluginContext {
  /** Publishes on the protected channel(s) of the plugin's category. */
  readonly hub: HubPublisher;
  /** A logger named after the plugin: quiet unless the app turns logging on; masks secrets. */
  readonly logger: Logger;
}

/**
 * A unit of behaviour added to a category.
 *
 * Lifecycle: `configure` runs when the app calls `Amplify.configure`, and again, on the same instance,
 * each time the app calls it again (hot reload); a plugin then switches to the new section. Sessions
 * that still belong to the new configuration may be kept; a plugin must not hand out a session of a
 * pool that is no longer configured. `reset` runs on `Amplify.reset()`, or after a failed first
 * `configure`, and must leave the plugin ready for a fresh `configure`.
 */
export interface Plugin {
  /** The key the plugin is found by, such as `'awsCognitoAuthPlugin'`; also its section name in the configuration. */
  getPluginKey(): string;
  /** The category the plugin belongs to; `Amplify.addPlugin` routes it there. */
  getCategoryType(): CategoryType;
  /** Receives the plugin's own configuration section (may be undefined) and its context. Throws on invalid input. */
  configure(pluginConfig: unknown, context: PluginContext): void;
  /** Forgets the configuration and in-memory state (`Amplify.reset()`); leaves the plugin ready for a fresh `configure`. */
  reset?(): Promise<void>;
  /** The underlying clients, for what the plugin's API does not cover. */
  getEscapeHatch?(): unknown;
  /** The plugin's version. */
  getVersion?(): string;
}

/** A plugin of the Auth category. */
export interface AuthPlugin extends Plugin, AuthCategoryBehavior, Partial<AuthUserPoolCategoryBehavior> {
  /** Always `'auth'`. */
  getCategoryType(): 'auth';
}

/** A plugin of the Storage category (its methods are typed by the plugin; see {@link StoragePluginRegistry}). */
export interface StoragePlugin extends Plugin {
  /** Always `'storage'`. */
  getCategoryType(): 'storage';
}

/**
 * Plugin key -> plugin type, for typed `Amplify.Storage.getPlugin(key)` and the methods of
 * `Amplify.Storage`. Storage plugin packages augment it:
 * `declare module '@plugboard/core' { interface StoragePluginRegistry { myKey: MyPlugin } }`
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StoragePluginRegistry {}

/** The storage plugin type registered in {@link StoragePluginRegistry}, or the base {@link StoragePlugin}. */
export type RegisteredStoragePlugin = [keyof StoragePluginRegistry] extends [never]
  ? StoragePlugin
  : StoragePluginRegistry[keyof StoragePluginRegistry];

/**
 * Plugin key -> plugin type, for typed `Amplify.Auth.getPlugin(key)`. Auth plugin packages augment it:
 * `declare module '@plugboard/core' { interface AuthPluginRegistry { myKey: MyPlugin } }`
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthPluginRegistry {}

/**
 * The session type that plugin type `P`'s `fetchAuthSession()` resolves with: the result of its
 * promise-returning overload (callback overloads, up to four overloads in all, are skipped).
 */
export type AuthSessionOf<P> = P extends { fetchAuthSession: infer F }
  ? Awaited<
      Extract<
        F extends {
          (...args: infer _A1): infer R1;
          (...args: infer _A2): infer R2;
          (...args: infer _A3): infer R3;
          (...args: infer _A4): infer R4;
        }
          ? R1 | R2 | R3 | R4
          : never,
        PromiseLike<unknown>
      >
    >
  : AuthSession;

/**
 * What `Amplify.Auth.fetchAuthSession()` resolves with: the session type of the plugin registered in
 * {@link AuthPluginRegistry} (e.g. `AWSCognitoAuthSession` once `@plugboard/auth-cognito-plugin` is
 * imported), or the base {@link AuthSession} when no plugin type is registered.
 */
export type RegisteredAuthSession = [keyof AuthPluginRegistry] extends [never]
  ? AuthSession
  : AuthSessionOf<AuthPluginRegistry[keyof AuthPluginRegistry]>;
