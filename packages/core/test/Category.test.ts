import {
  AmplifyException,
  Category,
  ConfigurationException,
  DuplicatePluginException,
  PluginNotFoundException,
  type Plugin,
} from '../src/index.js';

/** A storage-like category built on the generic mechanism, as a Storage category would be. */
interface StoragePlugin extends Plugin {
  getCategoryType(): 'storage';
  put(key: string): string;
}

function storagePlugin(key: string, reset?: () => Promise<void>): StoragePlugin {
  return {
    getPluginKey: () => key,
    getCategoryType: () => 'storage',
    configure: () => undefined,
    put: (k) => `${key}:${k}`,
    ...(reset ? { reset } : {}),
  };
}

describe('Category', () => {
  let category: Category<StoragePlugin>;
  beforeEach(() => {
    category = new Category<StoragePlugin>('storage');
  });

  describe('addPlugin', () => {
    it('adds plugins so getPlugins lists them in the order added', () => {
      const a = storagePlugin('a');
      const b = storagePlugin('b');
      category.addPlugin(a);
      category.addPlugin(b);
      expect(category.getPlugins()).toEqual([a, b]);
    });

    it('refuses a second plugin with the same key with DuplicatePluginException', () => {
      category.addPlugin(storagePlugin('s3'));
      let caught: unknown;
      try {
        category.addPlugin(storagePlugin('s3'));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DuplicatePluginException);
      expect(caught).toBeInstanceOf(AmplifyException);
      expect((caught as DuplicatePluginException).message).toContain("'s3'");
      expect((caught as DuplicatePluginException).recoverySuggestion).not.toBe('');
      expect(category.getPlugins()).toHaveLength(1);
    });

    it('refuses a plugin without a usable key', () => {
      const broken = { ...storagePlugin('x'), getPluginKey: () => '' };
      expect(() => category.addPlugin(broken)).toThrow(ConfigurationException);
    });

    it('refuses plugins once the category is configured, with a recovery', () => {
      category.markConfigured(true);
      expect(() => category.addPlugin(storagePlugin('late'))).toThrow(/after Amplify.configure/);
      expect(category.getPlugins()).toHaveLength(0);
    });
  });

  describe('removePlugin', () => {
    it('removes the plugin so its key can be added again', () => {
      const first = storagePlugin('s3');
      category.addPlugin(first);
      category.removePlugin(first);
      expect(category.getPlugins()).toEqual([]);
      const second = storagePlugin('s3');
      category.addPlugin(second);
      expect(category.getPlugin('s3')).toBe(second);
    });

    it('does not remove a different plugin that shares the key', () => {
      const added = storagePlugin('s3');
      category.addPlugin(added);
      category.removePlugin(storagePlugin('s3'));
      expect(category.getPlugin('s3')).toBe(added);
    });
  });

  describe('getPlugin', () => {
    it('returns the plugin added under the key', () => {
      const plugin = storagePlugin('s3');
      category.addPlugin(plugin);
      expect(category.getPlugin('s3').put('k')).toBe('s3:k');
    });

    it('throws PluginNotFoundException naming the key and the keys present', () => {
      category.addPlugin(storagePlugin('s3'));
      category.addPlugin(storagePlugin('local'));
      expect(() => category.getPlugin('gcs')).toThrow(PluginNotFoundException);
      expect(() => category.getPlugin('gcs')).toThrow(
        "No plugin with key 'gcs' in the storage category; plugins present: 's3', 'local'.",
      );
    });

    it('says so when no plugins are added', () => {
      expect(() => category.getPlugin('s3')).toThrow(/'s3'.*no plugins are added/);
    });
  });

  describe('getPlugins', () => {
    it('returns a copy that callers cannot use to change the category', () => {
      category.addPlugin(storagePlugin('a'));
      (category.getPlugins() as StoragePlugin[]).length = 0;
      expect(category.getPlugins()).toHaveLength(1);
    });
  });

  describe('reset', () => {
    it('resets every plugin, removes them and unconfigures the category', async () => {
      const reset = jest.fn(async () => undefined);
      category.addPlugin(storagePlugin('a', reset));
      category.addPlugin(storagePlugin('b'));
      category.markConfigured(true);
      await category.reset();
      expect(reset).toHaveBeenCalledTimes(1);
      expect(category.getPlugins()).toEqual([]);
      expect(category.isConfigured).toBe(false);
    });

    it('still removes everything when a plugin reset rejects', async () => {
      category.addPlugin(storagePlugin('a', () => Promise.reject(new Error('reset failed'))));
      await expect(category.reset()).resolves.toBeUndefined();
      expect(category.getPlugins()).toEqual([]);
    });
  });
});
