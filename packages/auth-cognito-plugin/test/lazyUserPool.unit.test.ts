// The user-pool and hosted-UI code loads apart from the runtime, only for their methods (or with the
// runtime when the configuration has a user pool). These tests load the plugin in a fresh module registry,
// so both loads are still pending when the first calls are made, and make the user-pool load fail as a
// script chunk that did not arrive would.
import { withIsolatedPlugin, FAKE_IDENTITY as IDENTITY, type IsolatedPlugin } from './support/isolatedPlugin';

const POOL = 'us-east-1:00000000-0000-4000-8000-00000000000a';

/** The plugin from a fresh module registry; the first `failLoads` loads of its user-pool code fail. */
const withPlugin = (calls: string[], failLoads: number, body: (loaded: IsolatedPlugin) => Promise<void>) =>
  withIsolatedPlugin(
    calls,
    { lazyModule: 'runtime/userPool', failLoads, loadLine: 'load user-pool code' },
    body,
  );

const section = {
  CredentialsProvider: { CognitoIdentity: { Default: { PoolId: POOL, Region: 'us-east-1' } } },
};

describe('the lazily loaded user-pool code', () => {
  it('is not loaded by a federation', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 0, async ({ plugin, auth, context }) => {
      plugin.configure(section, context());
      await plugin.federateToIdentityPool('token', auth.AuthProvider.google());
      await plugin.fetchAuthSession({ forceRefresh: true });
      await plugin.clearFederationToIdentityPool();
      expect(calls).not.toContain('load user-pool code');
    });
  });

  it('keeps call order across the two loads: a user-pool call made first is queued first', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 0, async ({ plugin, core, context }) => {
      plugin.configure(section, context());
      const userPoolCall = plugin.fetchUserAttributes();
      const cleared = plugin.clearFederationToIdentityPool();
      // The local call ran after the user-pool call was queued, so it abandoned it.
      await expect(userPoolCall).rejects.toThrow(/abandoned: clearFederationToIdentityPool ran/);
      await expect(cleared).rejects.toBeInstanceOf(core.InvalidStateException);
      expect(calls).toEqual(['load user-pool code']);
    });
  });

  it('checks the arguments of a user-pool call before any request, with the same typed errors', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 0, async ({ plugin, core, context }) => {
      plugin.configure(section, context());
      await expect(plugin.signIn('')).rejects.toBeInstanceOf(core.InvalidParameterException);
      await expect(plugin.confirmSignUp('user', '')).rejects.toBeInstanceOf(core.InvalidParameterException);
      expect(calls).toEqual(['load user-pool code']);
    });
  });

  it('rejects with a NetworkException when it does not load, leaves federation working, and loads again', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 1, async ({ plugin, core, auth, context }) => {
      plugin.configure(section, context());
      const failed = plugin.signIn('user', 'password');
      await expect(failed).rejects.toBeInstanceOf(core.NetworkException);
      await expect(failed).rejects.toMatchObject({
        recoverySuggestion: expect.stringMatching(/repeat the call/i),
      });
      await expect(plugin.federateToIdentityPool('token', auth.AuthProvider.google())).resolves.toMatchObject(
        {
          identityId: IDENTITY,
        },
      );
      // Loaded again: now the call gets as far as the missing user pool.
      const again = plugin.signIn('user', 'password');
      await expect(again).rejects.toBeInstanceOf(core.InvalidStateException);
      await expect(again).rejects.not.toBeInstanceOf(core.NetworkException);
      expect(calls).toEqual([
        'load user-pool code',
        `GetId ${POOL} accounts.google.com`,
        'GetCredentialsForIdentity accounts.google.com',
        'load user-pool code',
      ]);
    });
  });
});
