import { AuthCategory, Category, ConfigurationException, PluginNotFoundException } from '../src/index.js';
import { FakeAuthPlugin } from './support/FakeAuthPlugin.js';

describe('AuthCategory', () => {
  let auth: AuthCategory;
  beforeEach(() => {
    auth = new AuthCategory();
  });

  it('is a Category of auth plugins', () => {
    expect(auth).toBeInstanceOf(Category);
    expect(auth.categoryType).toBe('auth');
  });

  describe('getPlugin', () => {
    it('returns the plugin by key and names the keys present when absent', () => {
      const plugin = new FakeAuthPlugin('awsCognitoAuthPlugin');
      auth.addPlugin(plugin);
      expect(auth.getPlugin('awsCognitoAuthPlugin')).toBe(plugin);
      expect(() => auth.getPlugin('other')).toThrow(/'other'.*'awsCognitoAuthPlugin'/);
    });
  });

  describe.each([
    [
      'fetchAuthSession',
      (a: AuthCategory) => a.fetchAuthSession({ forceRefresh: true }),
      'fetchAuthSession:true',
    ],
    ['signIn', (a: AuthCategory) => a.signIn('alice', 'pw'), 'signIn:alice'],
    ['signOut', (a: AuthCategory) => a.signOut(), 'signOut'],
    ['getCurrentUser', (a: AuthCategory) => a.getCurrentUser(), 'getCurrentUser'],
  ])('%s', (_name, call, recorded) => {
    it('delegates to the configured plugin', async () => {
      const plugin = new FakeAuthPlugin();
      auth.addPlugin(plugin);
      auth.markConfigured(true);
      await call(auth);
      expect(plugin.calls).toEqual([recorded]);
    });

    it('rejects with PluginNotFoundException when no plugin is added', async () => {
      await expect(call(auth)).rejects.toThrow(PluginNotFoundException);
    });

    it('rejects with ConfigurationException before configure', async () => {
      const plugin = new FakeAuthPlugin();
      auth.addPlugin(plugin);
      await expect(call(auth)).rejects.toThrow(ConfigurationException);
      expect(plugin.calls).toEqual([]);
    });

    it('rejects with ConfigurationException when several plugins make the choice ambiguous', async () => {
      auth.addPlugin(new FakeAuthPlugin('one'));
      auth.addPlugin(new FakeAuthPlugin('two'));
      auth.markConfigured(true);
      await expect(call(auth)).rejects.toThrow(ConfigurationException);
      await expect(call(auth)).rejects.toMatchObject({
        recoverySuggestion: expect.stringContaining('getPlugin'),
      });
    });
  });
});
