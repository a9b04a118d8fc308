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
  /** Uploads data to an object; answers a task with `result`, progress, pause, resume and cancel. */
  declare readonly uploadData: StorageCategoryMethod<'uploadData'>;
  /** Downloads an object; answers a task whose `result` holds the body. */
  declare readonly downloadData: StorageCategoryMethod<'downloadData'>;
  /** Node only: uploads a local file, streamed from disk. */
  declare readonly uploadFile: StorageCategoryMethod<'uploadFile'>;
  /** Node only: downloads an object into a local file, streamed to disk. */
  declare readonly downloadFile: StorageCategoryMethod<'downloadFile'>;
  /** A presigned URL for an object, valid for the given time. */
  declare readonly getUrl: StorageCategoryMethod<'getUrl'>;
  /** An object's size, type, ETag, last change and metadata. */
  declare readonly getProperties: StorageCategoryMethod<'getProperties'>;
  /** The objects under a path, one page at a time. */
  declare readonly list: StorageCategoryMethod<'list'>;
  /** Removes an object. */
  declare readonly remove: StorageCategoryMethod<'remove'>;
  /** Copies an object within the bucket. */
  declare readonly copy: StorageCategoryMethod<'copy'>;

  constructor() {
    super('storage');
  }

  /** The plugin added under `key`, typed through {@link StoragePluginRegistry}. */
  override getPlugin<K extends keyof StoragePluginRegistry>(key: K): StoragePluginRegistry[K];
  /** The plugin added under `key`; `PluginNotFoundException` when there is none. */
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
