// The plugin's runtime loads on first use (a dynamic import). These tests load the plugin in a fresh
// module registry, so the runtime is still loading when the first calls are made, and make the load fail
// as a script chunk that did not arrive would.
import type * as Load from '../src/runtime/load';
import { withIsolatedPlugin, FAKE_IDENTITY as IDENTITY, type IsolatedPlugin } from './support/isolatedPlugin';

const POOL_A = 'us-east-1:00000000-0000-4000-8000-00000000000a';
const POOL_B = 'us-east-1:00000000-0000-4000-8000-00000000000b';

/** The plugin from a fresh module registry; the first `failLoads` loads of its runtime fail. */
const withPlugin = (calls: string[], failLoads: number, body: (loaded: IsolatedPlugin) => Promise<void>) =>
  withIsolatedPlugin(calls, { lazyModule: 'runtime/runtime', failLoads }, body);

const section = (poolId: string) => ({
  CredentialsProvider: { CognitoIdentity: { Default: { PoolId: poolId, Region: 'us-east-1' } } },
});

describe('the lazily loaded runtime', () => {
  it('rejects with a NetworkException when its code does not load, and loads again on the next call', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 1, async ({ plugin, core, auth, context }) => {
      plugin.configure(section(POOL_A), context()); // starts the load, which fails
      const failed = plugin.federateToIdentityPool('token', auth.AuthProvider.google());
      await expect(failed).rejects.toBeInstanceOf(core.NetworkException);
      await expect(failed).rejects.toMatchObject({
        recoverySuggestion: expect.stringMatching(/repeat the call/i),
      });
      expect(calls).toEqual([]);

      const result = await plugin.federateToIdentityPool('token', auth.AuthProvider.google());
      expect(result.identityId).toBe(IDENTITY);
      expect(calls).toEqual([
        `GetId ${POOL_A} accounts.google.com`,
        'GetCredentialsForIdentity accounts.google.com',
      ]);
    });
  });

  it('reports a failed load to onError in the callback style', async () => {
    await withPlugin([], 1, async ({ plugin, core, context }) => {
      plugin.configure(section(POOL_A), context());
      const error = await new Promise((resolve, reject) =>
        plugin.fetchAuthSession(() => reject(new Error('unexpected success')), resolve),
      );
      expect(error).toBeInstanceOf(core.NetworkException);
      await expect(plugin.fetchAuthSession()).resolves.toMatchObject({ isSignedIn: false });
    });
  });

  it('still checks the arguments before any request, with the same typed errors', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 0, async ({ plugin, core, auth, context }) => {
      plugin.configure(section(POOL_A), context());
      await expect(plugin.federateToIdentityPool('', auth.AuthProvider.google())).rejects.toBeInstanceOf(
        core.InvalidParameterException,
      );
      await expect(plugin.fetchAuthSession({ forceRefresh: 'yes' } as never)).rejects.toBeInstanceOf(
        core.InvalidParameterException,
      );
      expect(calls).toEqual([]);
    });
  });

  it('keeps the order of calls made while the code loads: a local call abandons the federation made before it', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 0, async ({ plugin, core, auth, context }) => {
      plugin.configure(section(POOL_A), context());
      const first = plugin.federateToIdentityPool('token', auth.AuthProvider.google());
      const cleared = plugin.clearFederationToIdentityPool();
      const second = plugin.federateToIdentityPool('token', auth.AuthProvider.facebook());
      await expect(first).rejects.toThrow(/abandoned: clearFederationToIdentityPool ran/);
      await expect(first).rejects.toBeInstanceOf(core.InvalidStateException);
      await expect(cleared).rejects.toBeInstanceOf(core.InvalidStateException); // nothing to clear yet
      await expect(second).resolves.toMatchObject({ identityId: IDENTITY });
      expect(calls.filter((call) => call.startsWith('GetId'))).toEqual([
        `GetId ${POOL_A} graph.facebook.com`,
      ]);
    });
  });

  it('abandons the calls waiting for the code when the plugin is reset, before any request', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 0, async ({ plugin, core, auth, context }) => {
      plugin.configure(section(POOL_A), context());
      const waiting = plugin.federateToIdentityPool('token', auth.AuthProvider.google());
      await plugin.reset();
      await expect(waiting).rejects.toThrow(/reset before the operation completed/);
      await expect(waiting).rejects.toBeInstanceOf(core.InvalidStateException);
      await expect(plugin.fetchAuthSession()).rejects.toThrow(/not configured/);
      expect(calls).toEqual([]);
    });
  });

  it('runs a call under the configuration current when it was made, even if reconfigured while the code loads', async () => {
    const calls: string[] = [];
    await withPlugin(calls, 0, async ({ plugin, auth, context }) => {
      plugin.configure(section(POOL_A), context());
      const underA = plugin.federateToIdentityPool('token', auth.AuthProvider.google());
      plugin.configure(section(POOL_B), context());
      const underB = plugin.federateToIdentityPool('token', auth.AuthProvider.facebook());
      await Promise.all([underA, underB]);
      expect(calls.filter((call) => call.startsWith('GetId'))).toEqual([
        `GetId ${POOL_A} accounts.google.com`,
        `GetId ${POOL_B} graph.facebook.com`,
      ]);
    });
  });

  // Issue 22, class 1: a code chunk that never arrives must not hang a federation, nor a local operation.
  it('ends a federation and clearFederationToIdentityPool when the code never arrives (within the deadline); reset completes; the next call loads again', async () => {
    const calls: string[] = [];
    const options = { lazyModule: 'runtime/runtime', failLoads: 0, pluginOptions: { requestTimeoutMs: 200 } };
    await withIsolatedPlugin(calls, options, async ({ plugin, core, auth, context }) => {
      const load = require('../src/runtime/load') as typeof Load;
      const arrives = load.codeImports.runtime;
      load.codeImports.runtime = () => new Promise<never>(() => undefined);
      plugin.configure(section(POOL_A), context());
      const federation = plugin.federateToIdentityPool('token', auth.AuthProvider.google());
      const cleared = plugin.clearFederationToIdentityPool();
      await expect(federation).rejects.toBeInstanceOf(core.NetworkException);
      await expect(cleared).rejects.toBeInstanceOf(core.NetworkException);
      await expect(cleared).rejects.toMatchObject({
        recoverySuggestion: expect.stringMatching(/repeat the call/i),
      });
      await plugin.reset();
      expect(calls).toEqual([]);

      load.codeImports.runtime = arrives;
      plugin.configure(section(POOL_A), context());
      await expect(plugin.federateToIdentityPool('token', auth.AuthProvider.google())).resolves.toMatchObject(
        {
          identityId: IDENTITY,
        },
      );
      await expect(plugin.clearFederationToIdentityPool()).resolves.toBeUndefined();
    });
  });

  it('keeps the synchronous API synchronous while the code loads', async () => {
    await withPlugin([], 0, async ({ plugin, core, context }) => {
      expect(() => plugin.configure({ CredentialsProvider: 7 }, context())).toThrow(
        core.ConfigurationException,
      );
      plugin.configure(section(POOL_A), context());
      expect(plugin.getPluginKey()).toBe('awsCognitoAuthPlugin');
      expect(() => plugin.getEscapeHatch()).toThrow(core.InvalidStateException);
      expect(() => plugin.fetchAuthSession(() => undefined, 'not a function' as never)).toThrow(
        core.InvalidParameterException,
      );
    });
  });
});
