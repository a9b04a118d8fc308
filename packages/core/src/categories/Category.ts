import { brandClass } from '../brand.js';
import { getLogger } from '../logger/getLogger.js';
import {
  ambiguousCategoryPlugin,
  badPluginKey,
  categoryNotConfigured,
  duplicatePlugin,
  noCategoryPlugin,
  pluginAddedAfterConfigure,
  pluginNotFound,
} from './categoryErrors.js';
import type { CategoryType, Plugin } from './Plugin.js';

const logger = getLogger('Category');

/**
 * A category: a registry of plugins keyed by `getPluginKey()`, configured once by
 * `Amplify.configure`. Auth extends it with its behaviour; a Storage or Analytics category would
 * extend it the same way.
 */
export class Category<P extends Plugin> {
  readonly #plugins = new Map<string, P>();
  #configured = false;

  constructor(
    /** The category's name, such as `'auth'`: plugins whose `getCategoryType()` says it belong here. */
    readonly categoryType: CategoryType,
  ) {}

  /** True between a successful `Amplify.configure` and the next `reset`. */
  get isConfigured(): boolean {
    return this.#configured;
  }

  /** Adds `plugin`. Throws before configure only: plugins are configured together, once. */
  addPlugin(plugin: P): void {
    const key = pluginKeyOf(plugin);
    if (this.#configured) throw pluginAddedAfterConfigure(this.categoryType, key);
    if (this.#plugins.has(key)) throw duplicatePlugin(this.categoryType, key);
    this.#plugins.set(key, plugin);
  }

  /** Removes `plugin` if it is the one added under its key; otherwise does nothing. */
  removePlugin(plugin: P): void {
    const key = pluginKeyOf(plugin);
    if (this.#plugins.get(key) === plugin) this.#plugins.delete(key);
  }

  /** The plugin added under `key`; `PluginNotFoundException` (naming the keys present) if none. */
  getPlugin(key: string): P {
    const plugin = this.#plugins.get(key);
    if (plugin === undefined) {
      throw pluginNotFound(this.categoryType, String(key), [...this.#plugins.keys()]);
    }
    return plugin;
  }

  /** The plugins added, in the order they were added. */
  getPlugins(): readonly P[] {
    return [...this.#plugins.values()];
  }

  /** @internal Marks the category configured; called by `Amplify.configure` once all plugins are. */
  markConfigured(configured: boolean): void {
    this.#configured = configured;
  }

  /** @internal Resets every plugin (errors are logged), then removes them all. */
  async reset(): Promise<void> {
    const plugins = this.getPlugins();
    this.#plugins.clear();
    this.#configured = false;
    await Promise.all(plugins.map((plugin) => resetPlugin(plugin)));
  }
}
brandClass(Category, 'Category');

/**
 * The one configured plugin a category's methods go to (`Amplify.Auth.*`, `Amplify.Storage.*`); throws
 * when there is none (`example` names one to add), several, or the category is not configured.
 */
export function onlyPlugin<P extends Plugin>(category: Category<P>, example: string): P {
  const plugins = category.getPlugins();
  const [only] = plugins;
  if (only === undefined) throw noCategoryPlugin(category.categoryType, example);
  if (plugins.length > 1) throw ambiguousCategoryPlugin(category.categoryType, plugins.length);
  if (!category.isConfigured) throw categoryNotConfigured(category.categoryType);
  return only;
}

function pluginKeyOf(plugin: Plugin): string {
  const key: unknown = typeof plugin?.getPluginKey === 'function' ? plugin.getPluginKey() : undefined;
  if (typeof key !== 'string' || key === '') throw badPluginKey();
  return key;
}

/** Calls `plugin.reset()` if it has one; a failure is logged, never thrown. */
export async function resetPlugin(plugin: Plugin): Promise<void> {
  try {
    await plugin.reset?.();
  } catch (error) {
    logger.warn(`Plugin '${plugin.getPluginKey()}' failed to reset.`, error);
  }
}
