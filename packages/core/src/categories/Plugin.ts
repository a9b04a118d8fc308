import type { AuthCategoryBehavior, AuthUserPoolCategoryBehavior } from '../auth/types.js';
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

/** A unit of behaviour added to a category. */
export interface Plugin {
  getPluginKey(): string;
  getCategoryType(): CategoryType;
  /** Receives the plugin's own configuration section (may be undefined) and its context. Throws on invalid input. */
  configure(pluginConfig: unknown, context: PluginContext): void;
  reset?(): Promise<void>;
  getEscapeHatch?(): unknown;
  getVersion?(): string;
}

/** A plugin of the Auth category. */
export interface AuthPlugin extends Plugin, AuthCategoryBehavior, Partial<AuthUserPoolCategoryBehavior> {
  getCategoryType(): 'auth';
}

/**
 * Plugin key -> plugin type, for typed `Amplify.Auth.getPlugin(key)`. Auth plugin packages augment it:
 * `declare module '@plugboard/core' { interface AuthPluginRegistry { myKey: MyPlugin } }`
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthPluginRegistry {}
