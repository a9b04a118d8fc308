import { brandClass } from '../brand.js';
import { AuthCategory } from '../categories/AuthCategory.js';
import { Category, resetPlugin } from '../categories/Category.js';
import type { Plugin } from '../categories/Plugin.js';
import { parseAmplifyConfiguration } from '../config/parseAmplifyConfiguration.js';
import type { AmplifyConfiguration, AmplifyOutputs } from '../config/types.js';
import { CategoryNotFoundException } from '../errors/CategoryNotFoundException.js';
import { ConfigurationException } from '../errors/ConfigurationException.js';
import { Hub } from '../hub/Hub.js';
import type { HubCategory } from '../hub/HubCategory.js';
import { configurePlugins } from './configurePlugins.js';

/**
 * The entry point: holds the categories, routes plugins to them and configures them all at once.
 * Use the `Amplify` singleton; separate instances share the process Hub but not plugins.
 */
export class AmplifyClass {
  readonly Auth: AuthCategory;
  readonly Hub: HubCategory;
  private readonly categories: ReadonlyMap<string, Category<Plugin>>;
  private configuration: AmplifyConfiguration | undefined;
  private configuring = false;
  /** Resets of plugins rolled back by a failed configure; `reset()` waits for them. */
  private pendingRollback: Promise<unknown> = Promise.resolve();

  constructor() {
    this.Auth = new AuthCategory();
    this.Hub = Hub;
    this.categories = new Map<string, Category<Plugin>>([['auth', this.Auth as Category<Plugin>]]);
  }

  /** True after a successful `configure`, until `reset`. */
  get isConfigured(): boolean {
    return this.configuration !== undefined;
  }

  /** The validated configuration (Gen 2 input normalized), or undefined before `configure`. */
  getConfig(): AmplifyConfiguration | undefined {
    return this.configuration;
  }

  /** Adds `plugin` to the category named by `plugin.getCategoryType()`. Call before `configure`. */
  addPlugin(plugin: Plugin): void {
    this.categoryOf(plugin).addPlugin(plugin);
  }

  removePlugin(plugin: Plugin): void {
    this.categoryOf(plugin).removePlugin(plugin);
  }

  /**
   * Validates `config` (either shape) and configures every added plugin with its own section.
   * All or nothing: on any failure nothing stays configured and the error is a
   * `ConfigurationException` (a plugin's own error is its `cause`).
   */
  configure(config: AmplifyConfiguration | AmplifyOutputs): void {
    if (this.configuration !== undefined || this.configuring) {
      throw new ConfigurationException(
        'Amplify is already configured.',
        'Configure once at startup; to configure again (tests, hot reload) await Amplify.reset() first.',
      );
    }
    this.configuring = true;
    try {
      const parsed = parseAmplifyConfiguration(config);
      const categories = [...this.categories.values()];
      const outcome = configurePlugins(categories, parsed);
      if (outcome.error !== undefined) {
        this.pendingRollback = Promise.all([this.pendingRollback, ...outcome.toReset.map(resetPlugin)]);
        throw outcome.error;
      }
      for (const category of categories) category.markConfigured(true);
      this.configuration = parsed;
    } finally {
      this.configuring = false;
    }
  }

  /** Resets and removes every plugin and forgets the configuration. Hub subscriptions stay. */
  async reset(): Promise<void> {
    this.configuration = undefined;
    const rollback = this.pendingRollback;
    this.pendingRollback = Promise.resolve();
    await Promise.all([rollback, ...[...this.categories.values()].map((category) => category.reset())]);
  }

  private categoryOf(plugin: Plugin): Category<Plugin> {
    const type: unknown =
      typeof plugin?.getCategoryType === 'function' ? plugin.getCategoryType() : undefined;
    const category = typeof type === 'string' ? this.categories.get(type) : undefined;
    if (category === undefined) {
      throw new CategoryNotFoundException(
        `No category accepts plugins of type '${String(type)}'.`,
        `Use a plugin for one of: ${[...this.categories.keys()].join(', ')}; check getCategoryType().`,
      );
    }
    return category;
  }
}
brandClass(AmplifyClass, 'AmplifyClass');
