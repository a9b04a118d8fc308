import { brandClass } from '../brand.js';
import { Category, onlyPlugin } from './Category.js';
import { pluginMethodMissing } from './categoryErrors.js';
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

for (const method of STORAGE_METHODS) {
  Object.defineProperty(StorageCategory.prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: StorageCategory, ...args: unknown[]): unknown {
      // Throws synchronously (uploads answer a handle at once): no plugin, several, or not configured.
      const plugin = onlyPlugin(this, 'AWSS3StoragePlugin');
      const fn = (plugin as unknown as Record<string, unknown>)[method];
      if (typeof fn !== 'function')
        throw pluginMethodMissing(
          'storage',
          plugin.getPluginKey(),
          method,
          'Use a storage plugin that offers it, such as AWSS3StoragePlugin.',
        );
      return (fn as (...a: unknown[]) => unknown).apply(plugin, args);
    },
  });
}
