// The Storage category: routing of storage plugins, delegation of Amplify.Storage's methods to the one
// configured plugin, and amplify_outputs.json's `storage` section handed to the S3 plugin's key.
import {
  Amplify,
  ConfigurationException,
  PluginNotFoundException,
  StorageCategory,
  type PluginContext,
  type StoragePlugin,
} from '../src/index.js';
import { normalizeAmplifyOutputs } from '../src/internals.js';

class FakeStoragePlugin implements StoragePlugin {
  sections: unknown[] = [];
  calls: unknown[][] = [];
  constructor(private readonly key = 'fakeStorage') {}
  getPluginKey(): string {
    return this.key;
  }
  getCategoryType(): 'storage' {
    return 'storage';
  }
  configure(section: unknown, _context: PluginContext): void {
    this.sections.push(section);
  }
  list(...args: unknown[]): Promise<string> {
    this.calls.push(args);
    return Promise.resolve('listed');
  }
}

describe('StorageCategory', () => {
  afterEach(() => Amplify.reset());

  it('is Amplify.Storage and takes plugins of category storage', () => {
    expect(Amplify.Storage).toBeInstanceOf(StorageCategory);
    const plugin = new FakeStoragePlugin();
    Amplify.addPlugin(plugin);
    expect(Amplify.Storage.getPlugin('fakeStorage')).toBe(plugin);
    expect(Amplify.toJSON().plugins.storage).toEqual(['fakeStorage']);
  });

  it('hands each storage plugin its own section and delegates the methods to it once configured', async () => {
    const plugin = new FakeStoragePlugin();
    Amplify.addPlugin(plugin);
    expect(() => Amplify.Storage.list({ path: 'p' })).toThrow(ConfigurationException);
    Amplify.configure({ storage: { plugins: { fakeStorage: { bucket: 'b' } } } });
    expect(plugin.sections).toEqual([{ bucket: 'b' }]);
    await expect(Amplify.Storage.list({ path: 'p' })).resolves.toBe('listed');
    expect(plugin.calls).toEqual([[{ path: 'p' }]]);
  });

  it('refuses without a plugin and with two plugins', () => {
    expect(() => Amplify.Storage.getUrl({ path: 'p' })).toThrow(PluginNotFoundException);
    Amplify.addPlugin(new FakeStoragePlugin('one'));
    Amplify.addPlugin(new FakeStoragePlugin('two'));
    Amplify.configure({});
    expect(() => Amplify.Storage.list({ path: 'p' })).toThrow(/cannot choose one/);
  });

  it('reports a method the plugin does not offer', () => {
    Amplify.addPlugin(new FakeStoragePlugin());
    Amplify.configure({});
    expect(() => Amplify.Storage.copy({} as never)).toThrow(/does not offer copy/);
  });
});

describe("amplify_outputs.json's storage section", () => {
  it('goes, as written, to the awsS3StoragePlugin section', () => {
    const storage = { bucket_name: 'b-bucket', aws_region: 'us-east-1' };
    expect(normalizeAmplifyOutputs({ version: '1.3', storage })).toEqual({
      storage: { plugins: { awsS3StoragePlugin: storage } },
    });
  });

  it('must be an object', () => {
    expect(() => normalizeAmplifyOutputs({ version: '1.3', storage: 'b' })).toThrow(ConfigurationException);
  });
});
