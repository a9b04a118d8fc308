// The plugin's runtime loads on first use (a dynamic import). These tests load the plugin in a fresh
// module registry, so the runtime is still loading when the first calls are made, and make the load fail
// as a script chunk that did not arrive would.
import type * as CoreModule from '@plugboard/core';
import type * as Internals from '@plugboard/core/internals';
import type * as PluginModule from '../src';
import type { AWSTemporaryCredentials } from '../src';

const POOL_A = 'us-east-1:00000000-0000-4000-8000-00000000000a';
const POOL_B = 'us-east-1:00000000-0000-4000-8000-00000000000b';
const IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';
const RUNTIME_MODULE = '../src/api/runtimeModule';

interface Loaded {
  plugin: PluginModule.AWSCognitoAuthPlugin;
  core: typeof CoreModule;
  auth: typeof PluginModule;
  context: () => ReturnType<typeof Internals.createPluginContext>;
}

/**
 * Runs `body` with the plugin from a fresh module registry (kept until `body` settles, so the runtime's
 * lazy import lands in it too); the first `failLoads` loads of the runtime fail.
 */
function withPlugin(calls: string[], failLoads: number, body: (loaded: Loaded) => Promise<void>) {
  let failures = failLoads;
  jest.doMock(RUNTIME_MODULE, () => {
    if (failures-- > 0) throw new Error('Loading chunk runtimeModule failed.');
    return jest.requireActual<object>(RUNTIME_MODULE);
  });
  return jest.isolateModulesAsync(async () => {
    const internals = require('@plugboard/core/internals') as typeof Internals;
    const core = require('@plugboard/core') as typeof CoreModule;
    const auth = require('../src') as typeof PluginModule;
    const plugin = new auth.AWSCognitoAuthPlugin({
      storage: new core.InMemoryKeyValueStorage(),
      identityPoolService: {
        async getId(poolId, logins) {
          calls.push(`GetId ${poolId} ${Object.keys(logins ?? {}).join()}`);
          return IDENTITY;
        },
        async getCredentialsForIdentity(_identityId, logins) {
          calls.push(`GetCredentialsForIdentity ${Object.keys(logins ?? {}).join()}`);
          return {
            accessKeyId: 'ASIAFAKE',
            secretAccessKey: 'fake-secret',
            sessionToken: 'fake-session',
            expiration: new Date(Date.now() + 3600_000),
          } as AWSTemporaryCredentials;
        },
      },
    });
    const context = () => internals.createPluginContext('auth', 'awsCognitoAuthPlugin');
    await body({ plugin, core, auth, context });
  });
}

const section = (poolId: string) => ({
  CredentialsProvider: { CognitoIdentity: { Default: { PoolId: poolId, Region: 'us-east-1' } } },
});

afterEach(() => {
  jest.dontMock(RUNTIME_MODULE);
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
