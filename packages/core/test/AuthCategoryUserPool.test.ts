import { AuthCategory, ConfigurationException } from '../src/index.js';
import { FakeAuthPlugin } from './support/FakeAuthPlugin.js';

/** A fake plugin that also offers the user-pool methods, recording each call with its arguments. */
class FakeUserPoolPlugin extends FakeAuthPlugin {
  readonly userPoolCalls: unknown[][] = [];
  signUp(...args: unknown[]) {
    this.userPoolCalls.push(['signUp', ...args]);
    return Promise.resolve({
      isSignUpComplete: false,
      nextStep: { signUpStep: 'CONFIRM_SIGN_UP_STEP' as const },
    });
  }
  updatePassword(...args: unknown[]) {
    this.userPoolCalls.push(['updatePassword', ...args]);
    return Promise.resolve();
  }
  fetchUserAttributes() {
    this.userPoolCalls.push(['fetchUserAttributes']);
    return Promise.resolve([{ key: 'email', value: 'a@example.com' }]);
  }
}

describe('AuthCategory user-pool methods', () => {
  it('delegates to a plugin that offers them, with the arguments and the result', async () => {
    const auth = new AuthCategory();
    const plugin = new FakeUserPoolPlugin();
    auth.addPlugin(plugin);
    auth.markConfigured(true);
    await expect(auth.signUp('alice', 'pw', { userAttributes: { email: 'a@example.com' } })).resolves.toEqual(
      {
        isSignUpComplete: false,
        nextStep: { signUpStep: 'CONFIRM_SIGN_UP_STEP' },
      },
    );
    await auth.updatePassword('old', 'new');
    await expect(auth.fetchUserAttributes()).resolves.toEqual([{ key: 'email', value: 'a@example.com' }]);
    expect(plugin.userPoolCalls).toEqual([
      ['signUp', 'alice', 'pw', { userAttributes: { email: 'a@example.com' } }],
      ['updatePassword', 'old', 'new'],
      ['fetchUserAttributes'],
    ]);
  });

  it('rejects with ConfigurationException when the plugin does not offer the method', async () => {
    const auth = new AuthCategory();
    auth.addPlugin(new FakeAuthPlugin());
    auth.markConfigured(true);
    await expect(auth.resetPassword('alice')).rejects.toThrow(ConfigurationException);
    await expect(auth.autoSignIn()).rejects.toThrow(/does not offer autoSignIn/);
  });
});
