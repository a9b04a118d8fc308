import { brandClass } from '../brand.js';
import { AuthCategory } from '../categories/AuthCategory.js';
import { StorageCategory } from '../categories/StorageCategory.js';
import { Category, resetPlugin } from '../categories/Category.js';
import { categoryNotFound } from '../categories/categoryErrors.js';
import type { Plugin } from '../categories/Plugin.js';
import { configurationError } from '../config/configurationErrors.js';
import { parseAmplifyConfiguration } from '../config/parseAmplifyConfiguration.js';
import type { AmplifyConfiguration, AmplifyOutputs } from '../config/types.js';
import { Hub } from '../hub/Hub.js';
import type { HubCategory } from '../hub/HubCategory.js';
import { getLogger } from '../logger/getLogger.js';
import { configurePlugins, restorePlugins } from './configurePlugins.js';
import { installInspectAmplify } from './inspectAmplify.js';

const logger = getLogger('Amplify');
/** Node's `util.inspect` hook, by its registered symbol so this module needs no Node import. */

/**
 * The entry point: holds the categories, routes plugins to them and configures them all at once.
 * Use the `Amplify` singleton; separate instances share the process Hub but not plugins.
 */
export class AmplifyClass {
  /** The Auth category: its plugin registry, and the auth methods delegated to the configured plugin. */
  readonly Auth: AuthCategory;
  /** The Storage category: its plugin registry, and the storage methods delegated to the configured plugin. */
  readonly Storage: StorageCategory;
  /** The process-wide Hub (the same object as the exported `Hub`). */
  readonly Hub: HubCategory;
  readonly #categories: ReadonlyMap<string, Category<Plugin>>;
  #configuration: AmplifyConfiguration | undefined;
  #configuring = false;
  /** Resets of plugins rolled back by a failed configure; `reset()` waits for them. */
  #pendingRollback: Promise<unknown> = Promise.resolve();

  constructor() {
    this.Auth = new AuthCategory();
    this.Storage = new StorageCategory();
    this.Hub = Hub;
    this.#categories = new Map<string, Category<Plugin>>([
      ['auth', this.Auth as Category<Plugin>],
      ['storage', this.Storage as Category<Plugin>],
    ]);
  }

  /** True after a successful `configure`, until `reset`. */
  get isConfigured(): boolean {
    return this.#configuration !== undefined;
  }

  /**
   * The configuration in effect (Gen 2 input normalized), or undefined before `configure`. It is a
   * deeply frozen copy; printing it or `JSON.stringify` masks secrets such as `AppClientSecret`.
   */
  getConfig(): AmplifyConfiguration | undefined {
    return this.#configuration;
  }

  /** Adds `plugin` to the category named by `plugin.getCategoryType()`. Call before `configure`. */
  addPlugin(plugin: Plugin): void {
    this.#categoryOf(plugin).addPlugin(plugin);
  }

  /** Removes `plugin` from its category; a plugin that was never added is ignored. */
  removePlugin(plugin: Plugin): void {
    this.#categoryOf(plugin).removePlugin(plugin);
  }

  /**
   * Validates `config` (either shape) and configures every added plugin with its own section of a
   * frozen copy. Throws `ConfigurationException` (a plugin's own error is its `cause`).
   *
   * The first call is all or nothing: on failure nothing stays configured. Calling it again (hot
   * reload) configures the same plugins again with the new configuration; a plugin keeps the sessions
   * that still match (the Cognito plugin namespaces stored sessions by pool ids, so a changed pool
   * starts signed out and the old pool's session stays stored for it). If a plugin refuses the new
   * configuration, the previous one stays in effect.
   */
  configure(config: AmplifyConfiguration | AmplifyOutputs): void {
    if (this.#configuring) {
      throw configurationError(
        'Amplify.configure was called while Amplify.configure was running (from a plugin).',
        'Do not call Amplify.configure from a plugin; configure once the current call returns.',
      );
    }
    this.#configuring = true;
    try {
      const parsed = parseAmplifyConfiguration(config);
      const previous = this.#configuration;
      const categories = [...this.#categories.values()];
      const outcome = configurePlugins(categories, parsed);
      if (outcome.error !== undefined) {
        if (previous === undefined || !restorePlugins(categories, outcome.touched, previous)) {
          this.#rollBack(categories, outcome.touched);
        }
        throw outcome.error;
      }
      for (const category of categories) category.markConfigured(true);
      if (previous !== undefined)
        logger.info('Amplify was configured again; plugins got the new configuration.');
      this.#configuration = parsed;
    } finally {
      this.#configuring = false;
    }
  }

  /** Resets and removes every plugin and forgets the configuration. Hub subscriptions stay. */
  async reset(): Promise<void> {
    this.#configuration = undefined;
    const rollback = this.#pendingRollback;
    this.#pendingRollback = Promise.resolve();
    await Promise.all([rollback, ...[...this.#categories.values()].map((category) => category.reset())]);
  }

  /** What `JSON.stringify(Amplify)` shows: whether it is configured and the plugin keys, no configuration. */
  toJSON(): { configured: boolean; plugins: Record<string, string[]> } {
    const plugins: Record<string, string[]> = {};
    for (const [type, category] of this.#categories) {
      plugins[type] = category.getPlugins().map((plugin) => plugin.getPluginKey());
    }
    return { configured: this.isConfigured, plugins };
  }

  /** After a failed configure that cannot be undone: reset what was touched and leave Amplify unconfigured. */
  #rollBack(categories: readonly Category<Plugin>[], touched: readonly Plugin[]): void {
    this.#configuration = undefined;
    for (const category of categories) category.markConfigured(false);
    this.#pendingRollback = Promise.all([this.#pendingRollback, ...touched.map(resetPlugin)]);
  }

  #categoryOf(plugin: Plugin): Category<Plugin> {
    const type: unknown =
      typeof plugin?.getCategoryType === 'function' ? plugin.getCategoryType() : undefined;
    const category = typeof type === 'string' ? this.#categories.get(type) : undefined;
    if (category === undefined) throw categoryNotFound(type, [...this.#categories.keys()]);
    return category;
  }
}
brandClass(AmplifyClass, 'AmplifyClass');
// What `util.inspect(Amplify)` shows: the summary of `toJSON`, never the configuration.
installInspectAmplify(AmplifyClass.prototype);
