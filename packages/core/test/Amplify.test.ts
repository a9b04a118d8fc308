import {
  Amplify,
  AmplifyClass,
  AmplifyException,
  CategoryNotFoundException,
  ConfigurationException,
  DuplicatePluginException,
  Hub,
  HubChannel,
  InvalidParameterException,
  type AmplifyConfiguration,
  type Plugin,
} from '../src/index.js';
import { FakeAuthPlugin } from './support/FakeAuthPlugin.js';

const IDENTITY_POOL_ID = 'us-east-1:0f6c2a5e-1d3b-4c8e-9a7f-2b4d6e8f0a1c';
const cognitoSection = {
  CredentialsProvider: {
    CognitoIdentity: {
      Default: { PoolId: IDENTITY_POOL_ID, Region: 'us-east-1', Endpoint: 'http://127.0.0.1:9231' },
    },
  },
};
const config: AmplifyConfiguration = {
  auth: { plugins: { awsCognitoAuthPlugin: cognitoSection, fakeAuthPlugin: { answer: 42 } } },
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

afterEach(async () => {
  await Amplify.reset();
});

describe('Amplify', () => {
  it('is an AmplifyClass with Auth and the process Hub', () => {
    expect(Amplify).toBeInstanceOf(AmplifyClass);
    expect(Amplify.Hub).toBe(Hub);
    expect(Amplify.Auth.categoryType).toBe('auth');
  });

  describe('addPlugin', () => {
    it('routes a plugin to the category named by getCategoryType', () => {
      const plugin = new FakeAuthPlugin();
      Amplify.addPlugin(plugin);
      expect(Amplify.Auth.getPlugin('fakeAuthPlugin')).toBe(plugin);
    });

    it('refuses a plugin of an unknown category with CategoryNotFoundException and a recovery', () => {
      const plugin: Plugin = {
        getPluginKey: () => 'geoPlugin',
        getCategoryType: () => 'geo',
        configure() {},
      };
      const error = thrown(() => Amplify.addPlugin(plugin));
      expect(error).toBeInstanceOf(CategoryNotFoundException);
      expect(error).toBeInstanceOf(AmplifyException);
      expect((error as AmplifyException).message).toContain("'geo'");
      expect((error as AmplifyException).recoverySuggestion).toContain('auth');
    });

    it('refuses a duplicate key', () => {
      Amplify.addPlugin(new FakeAuthPlugin());
      expect(() => Amplify.addPlugin(new FakeAuthPlugin())).toThrow(DuplicatePluginException);
    });

    it('refuses plugins after configure, with a recovery suggestion', () => {
      Amplify.configure(config);
      const error = thrown(() => Amplify.addPlugin(new FakeAuthPlugin()));
      expect(error).toBeInstanceOf(ConfigurationException);
      expect((error as ConfigurationException).recoverySuggestion).toMatch(/before.*configure|reset/);
    });
  });

  describe('removePlugin', () => {
    it('removes the plugin from its category', () => {
      const plugin = new FakeAuthPlugin();
      Amplify.addPlugin(plugin);
      Amplify.removePlugin(plugin);
      expect(Amplify.Auth.getPlugins()).toEqual([]);
    });
  });

  describe('configure', () => {
    it("gives each plugin its own section and a context with a publisher for its category's channel", () => {
      const plugin = new FakeAuthPlugin();
      const cognito = new FakeAuthPlugin('awsCognitoAuthPlugin');
      Amplify.addPlugin(plugin);
      Amplify.addPlugin(cognito);
      Amplify.configure(config);
      expect(plugin.configureCalls).toHaveLength(1);
      expect(plugin.configureCalls[0]!.section).toEqual({ answer: 42 });
      expect(cognito.configureCalls[0]!.section).toEqual(cognitoSection);

      const listener = jest.fn();
      const token = Hub.subscribe(HubChannel.AUTH, listener);
      plugin.configureCalls[0]!.context.hub.publish(HubChannel.AUTH, { name: 'SIGNED_OUT' });
      token.unsubscribe();
      expect(listener).toHaveBeenCalledWith({ name: 'SIGNED_OUT' });
      expect(typeof plugin.configureCalls[0]!.context.logger.warn).toBe('function');
      expect(Amplify.isConfigured).toBe(true);
      expect(Amplify.Auth.isConfigured).toBe(true);
    });

    it('gives a plugin without a section undefined', () => {
      const plugin = new FakeAuthPlugin('unlisted');
      Amplify.addPlugin(plugin);
      Amplify.configure(config);
      expect(plugin.configureCalls[0]!.section).toBeUndefined();
    });

    it('accepts the Gen 2 shape and hands the plugin the normalized section', () => {
      const plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
      Amplify.addPlugin(plugin);
      Amplify.configure({
        version: '1',
        auth: { aws_region: 'eu-west-1', identity_pool_id: 'eu-west-1:1234abcd-0000' },
      });
      expect(plugin.configureCalls[0]!.section).toEqual({
        CredentialsProvider: {
          CognitoIdentity: { Default: { PoolId: 'eu-west-1:1234abcd-0000', Region: 'eu-west-1' } },
        },
      });
      expect(Amplify.getConfig()).toEqual({
        auth: { plugins: { awsCognitoAuthPlugin: plugin.configureCalls[0]!.section } },
      });
    });

    it('configures the same plugins again on a second call (hot reload), with the new sections', () => {
      const plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
      Amplify.addPlugin(plugin);
      Amplify.configure(config);
      const next = {
        auth: { aws_region: 'eu-west-1', identity_pool_id: 'eu-west-1:1234abcd-0000' },
      };
      Amplify.configure(next);
      expect(plugin.configureCalls).toHaveLength(2);
      expect(plugin.configureCalls[1]!.section).toEqual({
        CredentialsProvider: {
          CognitoIdentity: { Default: { PoolId: 'eu-west-1:1234abcd-0000', Region: 'eu-west-1' } },
        },
      });
      expect(plugin.resetCalls).toBe(0);
      expect(Amplify.getConfig()!.auth!.plugins!.awsCognitoAuthPlugin).toBe(
        plugin.configureCalls[1]!.section,
      );
    });

    it('refuses invalid configuration before calling any plugin, naming the field', () => {
      const plugin = new FakeAuthPlugin();
      Amplify.addPlugin(plugin);
      const bad = {
        auth: { plugins: { awsCognitoAuthPlugin: { CognitoUserPool: { Default: { PoolId: 'nope' } } } } },
      };
      expect(() => Amplify.configure(bad as AmplifyConfiguration)).toThrow(
        'auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.Default.PoolId',
      );
      expect(plugin.configureCalls).toEqual([]);
      expect(Amplify.isConfigured).toBe(false);
    });

    it('refuses a configuration that is not an object', () => {
      expect(() => Amplify.configure(null as never)).toThrow(ConfigurationException);
      expect(() => Amplify.configure('config' as never)).toThrow(ConfigurationException);
    });

    it('is all or nothing: a plugin that throws is wrapped, earlier plugins are reset, Amplify stays unconfigured', async () => {
      const first = new FakeAuthPlugin('first');
      const second = new FakeAuthPlugin('second');
      const cause = new InvalidParameterException('bad option for second', 'Fix the second plugin section.');
      second.configureError = cause;
      Amplify.addPlugin(first);
      Amplify.addPlugin(second);

      const error = thrown(() => Amplify.configure(config));

      expect(error).toBeInstanceOf(ConfigurationException);
      expect((error as ConfigurationException).cause).toBe(cause);
      expect((error as ConfigurationException).message).toContain("'second'");
      expect((error as ConfigurationException).message).toContain('bad option for second');
      expect((error as ConfigurationException).recoverySuggestion).toBe('Fix the second plugin section.');
      expect(first.resetCalls).toBe(1);
      expect(second.resetCalls).toBe(1);
      expect(Amplify.isConfigured).toBe(false);
      expect(Amplify.getConfig()).toBeUndefined();
      expect(Amplify.Auth.isConfigured).toBe(false);
      await expect(Amplify.Auth.fetchAuthSession()).rejects.toThrow(ConfigurationException);

      // Once the cause is fixed the same plugins can be configured.
      second.configureError = undefined;
      Amplify.configure(config);
      expect(Amplify.isConfigured).toBe(true);
      expect(first.configureCalls).toHaveLength(2);
    });

    it('masks secrets that a plugin put in its error message', () => {
      const plugin = new FakeAuthPlugin();
      const jwt =
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
      plugin.configureError = new Error(`token ${jwt} was refused`);
      Amplify.addPlugin(plugin);
      const error = thrown(() => Amplify.configure(config)) as ConfigurationException;
      expect(error.message).not.toContain(jwt);
      expect(error.message).toContain('token *** was refused');
    });
  });

  describe('reset', () => {
    it('resets and removes plugins and forgets the configuration so configure works again', async () => {
      const plugin = new FakeAuthPlugin();
      Amplify.addPlugin(plugin);
      Amplify.configure(config);
      await Amplify.reset();
      expect(plugin.resetCalls).toBe(1);
      expect(Amplify.Auth.getPlugins()).toEqual([]);
      expect(Amplify.isConfigured).toBe(false);
      Amplify.addPlugin(plugin);
      expect(() => Amplify.configure(config)).not.toThrow();
    });

    it('keeps Hub subscriptions', async () => {
      const listener = jest.fn();
      const token = Hub.subscribe('amplify-reset-test', listener);
      await Amplify.reset();
      Hub.publish('amplify-reset-test', { name: 'still-here' });
      token.unsubscribe();
      expect(listener).toHaveBeenCalledTimes(1);
    });
  });
});

describe('AmplifyClass', () => {
  describe('constructor', () => {
    it('makes an instance with its own plugins that shares the process Hub', () => {
      const other = new AmplifyClass();
      other.addPlugin(new FakeAuthPlugin());
      expect(other.Hub).toBe(Hub);
      expect(other.Auth).not.toBe(Amplify.Auth);
      expect(Amplify.Auth.getPlugins()).toEqual([]);
    });
  });
});
