import { brandClass } from '../brand.js';
import { ConfigurationException } from '../errors/ConfigurationException.js';
import { PluginNotFoundException } from '../errors/PluginNotFoundException.js';
import { Category } from './Category.js';
import type { RegisteredStoragePlugin, StoragePlugin, StoragePluginRegistry } from './Plugin.js';

/** The storage methods `Amplify.Storage` hands to its one configured plugin. */
const STORAGE_METHODS = [
  'uploadData',
  'downloadData',
  'uploadFile',
  'downloadFile',
  'getUrl',
  'getProperties',
  'list',
  'remove',
  'copy',
] as const;
type StorageMethodName = (typeof STORAGE_METHODS)[number];

/** Method `K` as the registered plugin types it (every overload), or an untyped method without one. */
export type StorageCategoryMethod<K extends string> = K extends keyof RegisteredStoragePlugin
  ? RegisteredStoragePlugin[K]
  : (...args: never[]) => unknown;

/**
 * The Storage category: its plugins plus the storage methods, delegated to the one configured plugin
 * and typed as that plugin types them (see {@link StoragePluginRegistry}).
 */
export class StorageCategory extends Category<StoragePlugin> {
  declare readonly uploadData: StorageCategoryMethod<'uploadData'>;
  declare readonly downloadData: StorageCategoryMethod<'downloadData'>;
  declare readonly uploadFile: StorageCategoryMethod<'uploadFile'>;
  declare readonly downloadFile: StorageCategoryMethod<'downloadFile'>;
  declare readonly getUrl: StorageCategoryMethod<'getUrl'>;
  declare readonly getProperties: StorageCategoryMethod<'getProperties'>;
  declare readonly list: StorageCategoryMethod<'list'>;
  declare readonly remove: StorageCategoryMethod<'remove'>;
  declare readonly copy: StorageCategoryMethod<'copy'>;

  constructor() {
    super('storage');
  }

  /** The plugin added under `key`, typed through {@link StoragePluginRegistry}. */
  override getPlugin<K extends keyof StoragePluginRegistry>(key: K): StoragePluginRegistry[K];
  override getPlugin(key: string): StoragePlugin;
  override getPlugin(key: string): StoragePlugin {
    return super.getPlugin(key);
  }
}
brandClass(StorageCategory, 'StorageCategory');

/** The single configured storage plugin; throws (synchronously: uploads answer a handle at once) otherwise. */
function selectPlugin(category: StorageCategory, method: StorageMethodName): StoragePlugin {
  const plugins = category.getPlugins();
  const [only] = plugins;
  if (only === undefined)
    throw new PluginNotFoundException(
      'The storage category has no plugin.',
      'Call Amplify.addPlugin(new AWSS3StoragePlugin()) before Amplify.configure.',
    );
  if (plugins.length > 1)
    throw new ConfigurationException(
      `The storage category has ${plugins.length} plugins, so Amplify.Storage cannot choose one.`,
      "Call the plugin directly: Amplify.Storage.getPlugin('<key>').",
    );
  if (!category.isConfigured)
    throw new ConfigurationException(
      'The storage category is not configured.',
      'Call Amplify.configure(config) before using Amplify.Storage.',
    );
  if (typeof (only as unknown as Record<string, unknown>)[method] !== 'function')
    throw new ConfigurationException(
      `The storage plugin '${only.getPluginKey()}' does not offer ${method}.`,
      'Use a storage plugin that offers it, such as AWSS3StoragePlugin.',
    );
  return only;
}

for (const method of STORAGE_METHODS) {
  Object.defineProperty(StorageCategory.prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: StorageCategory, ...args: unknown[]): unknown {
      const plugin = selectPlugin(this, method) as unknown as Record<string, (...a: unknown[]) => unknown>;
      return plugin[method]!(...args);
    },
  });
}
