// Configuration: amplifyconfiguration.json's section and amplify_outputs.json's storage section, both
// through Amplify.configure, with typed errors naming the field as written in the file.
import {
  Amplify,
  ConfigurationException,
  type AmplifyConfiguration,
  type AmplifyOutputs,
} from '@plugboard/core';
import { AccessDeniedException, AWSS3StoragePlugin, ValidationException } from '../src';
import { parseStorageConfig } from '../src/config/parseStorageConfig';

const configureWith = (config: AmplifyConfiguration | AmplifyOutputs): AWSS3StoragePlugin => {
  const plugin = new AWSS3StoragePlugin();
  Amplify.addPlugin(plugin);
  Amplify.configure(config);
  return plugin;
};
const refusal = (config: object): ConfigurationException => {
  try {
    configureWith(config as AmplifyOutputs);
  } catch (error) {
    return error as ConfigurationException;
  }
  throw new Error('configure accepted the configuration');
};

describe('storage configuration', () => {
  afterEach(() => Amplify.reset());

  it('reads storage.plugins.awsS3StoragePlugin from amplifyconfiguration.json', () => {
    configureWith({
      storage: {
        plugins: {
          awsS3StoragePlugin: { bucket: 'my-bucket', region: 'eu-west-1', defaultAccessLevel: 'private' },
        },
      },
    });
    expect(Amplify.Storage.getPlugin('awsS3StoragePlugin')).toBeInstanceOf(AWSS3StoragePlugin);
    expect(Amplify.Storage.isConfigured).toBe(true);
  });

  it('reads the storage section of amplify_outputs.json, named buckets included', () => {
    const config = parseStorageConfig({
      bucket_name: 'main-bucket',
      aws_region: 'us-east-1',
      buckets: [{ name: 'photos', bucket_name: 'photo-bucket', aws_region: 'us-west-2' }],
    });
    expect(config.default).toEqual({ bucket: 'main-bucket', region: 'us-east-1' });
    expect(config.buckets.get('photos')).toEqual({ bucket: 'photo-bucket', region: 'us-west-2' });
    const plugin = configureWith({
      version: '1.3',
      storage: { bucket_name: 'main-bucket', aws_region: 'us-east-1' },
    });
    expect(plugin.getEscapeHatch().s3Client).toBeDefined();
  });

  it.each([
    [
      { storage: { plugins: { awsS3StoragePlugin: { bucket: 'Bad_Bucket', region: 'us-east-1' } } } },
      'storage.plugins.awsS3StoragePlugin.bucket',
    ],
    [
      { storage: { plugins: { awsS3StoragePlugin: { bucket: 'ok-bucket', region: 'nowhere' } } } },
      'storage.plugins.awsS3StoragePlugin.region',
    ],
    [
      {
        storage: {
          plugins: {
            awsS3StoragePlugin: {
              bucket: 'ok-bucket',
              region: 'us-east-1',
              Endpoint: 'http://s3.example.com',
            },
          },
        },
      },
      'storage.plugins.awsS3StoragePlugin.Endpoint',
    ],
    [
      {
        storage: {
          plugins: {
            awsS3StoragePlugin: { bucket: 'ok-bucket', region: 'us-east-1', defaultAccessLevel: 'root' },
          },
        },
      },
      'defaultAccessLevel',
    ],
    [{ version: '1.3', storage: { bucket_name: 'ok-bucket', aws_region: 'moon' } }, 'storage.aws_region'],
    [
      {
        version: '1.3',
        storage: {
          bucket_name: 'ok-bucket',
          aws_region: 'us-east-1',
          buckets: [{ bucket_name: 'x-bucket' }],
        },
      },
      'storage.buckets[0].name',
    ],
  ])('refuses %j naming %s, with a recovery suggestion', (config, field) => {
    const error = refusal(config);
    expect(error).toBeInstanceOf(ConfigurationException);
    expect(error.cause).toBeInstanceOf(ValidationException);
    expect(error.message).toContain(field);
    expect(error.recoverySuggestion).toBeTruthy();
    expect(Amplify.isConfigured).toBe(false);
  });

  it('refuses a configuration with no storage section when the plugin is added', () => {
    const error = refusal({});
    expect(error.cause).toBeInstanceOf(ValidationException);
    expect(error.message).toContain('no bucket is configured');
  });

  it('accepts http:// on a non-loopback host only with the opt-in', () => {
    expect(
      parseStorageConfig({
        bucket: 'ok-bucket',
        region: 'us-east-1',
        Endpoint: 'http://minio:9000/',
        allowInsecureEndpoint: true,
      }).endpoint,
    ).toBe('http://minio:9000');
  });
});

describe('Amplify.Storage', () => {
  afterEach(() => Amplify.reset());

  it('says what is missing when no plugin was added, or before configure', () => {
    expect(() => Amplify.Storage.list({ path: 'public/' })).toThrow('The storage category has no plugin.');
    Amplify.addPlugin(new AWSS3StoragePlugin());
    expect(() => Amplify.Storage.list({ path: 'public/' })).toThrow(
      'The storage category is not configured.',
    );
  });

  it('answers AccessDeniedException when a path needs an identity and no auth plugin is there', async () => {
    configureWith({
      storage: { plugins: { awsS3StoragePlugin: { bucket: 'my-bucket', region: 'us-east-1' } } },
    });
    const error = await Amplify.Storage.getUrl({ key: 'a', options: { accessLevel: 'private' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect((error as AccessDeniedException).recoverySuggestion).toMatch(/auth/i);
  });

  it('delegates to the plugin, typed as the plugin types it', async () => {
    configureWith({
      storage: { plugins: { awsS3StoragePlugin: { bucket: 'my-bucket', region: 'us-east-1' } } },
    });
    const error = await Amplify.Storage.list({ path: 'public/', options: { pageSize: 5000 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationException);
    // @ts-expect-error: the plugin's types reach Amplify.Storage (no such option)
    void Amplify.Storage.getUrl({ path: 'public/x', options: { expiresIn: '1h' } }).catch(() => undefined);
  });
});
