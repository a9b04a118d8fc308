import type * as CoreModule from '@plugboard/core';
import type * as Internals from '@plugboard/core/internals';
import type * as PluginModule from '../../src';
import type * as InternalModule from '../../src/internal';
import type { AWSTemporaryCredentials } from '../../src';

/** The plugin and the packages it came from, all from one fresh module registry. */
export interface IsolatedPlugin {
  plugin: PluginModule.AWSCognitoAuthPlugin;
  core: typeof CoreModule;
  auth: typeof PluginModule;
  context: () => ReturnType<typeof Internals.createPluginContext>;
}

export interface IsolatedPluginOptions {
  /** The lazily imported module to watch, by its path under `src/`, e.g. `runtime/runtime`. */
  readonly lazyModule: string;
  /** Its first `failLoads` loads fail as a script chunk that did not arrive would. */
  readonly failLoads: number;
  /** When set, every load of the module (failed or not) is recorded in `calls` as this line. */
  readonly loadLine?: string;
  /** More plugin options (e.g. `requestTimeoutMs`). */
  readonly pluginOptions?: InternalModule.InternalPluginOptions;
}

export const FAKE_IDENTITY = 'us-east-1:11111111-1111-4111-8111-111111111111';

/**
 * Runs `body` with the plugin from a fresh module registry (kept until `body` settles, so the plugin's
 * lazy imports land in it too, still pending when the first calls are made). The identity-pool service is
 * a fake that records `GetId <pool> <login keys>` and `GetCredentialsForIdentity <login keys>` in `calls`.
 */
export async function withIsolatedPlugin(
  calls: string[],
  options: IsolatedPluginOptions,
  body: (loaded: IsolatedPlugin) => Promise<void>,
): Promise<void> {
  const path = `../../src/${options.lazyModule}`;
  let failures = options.failLoads;
  jest.doMock(path, () => {
    if (options.loadLine) calls.push(options.loadLine);
    if (failures-- > 0) throw new Error(`Loading chunk ${options.lazyModule} failed.`);
    return jest.requireActual<object>(path);
  });
  try {
    await jest.isolateModulesAsync(async () => {
      const internals = require('@plugboard/core/internals') as typeof Internals;
      const core = require('@plugboard/core') as typeof CoreModule;
      const auth = require('../../src') as typeof PluginModule;
      const { pluginWithTransports } = require('../../src/internal') as typeof InternalModule;
      const plugin = pluginWithTransports({
        storage: new core.InMemoryKeyValueStorage(),
        ...options.pluginOptions,
        identityPoolService: {
          async getId(poolId, logins) {
            calls.push(`GetId ${poolId} ${Object.keys(logins ?? {}).join()}`);
            return FAKE_IDENTITY;
          },
          async getCredentialsForIdentity(_identityId, logins) {
            calls.push(`GetCredentialsForIdentity ${Object.keys(logins ?? {}).join()}`);
            const credentials: AWSTemporaryCredentials = {
              accessKeyId: 'ASIAFAKE',
              secretAccessKey: 'fake-secret',
              sessionToken: 'fake-session',
              expiration: new Date(Date.now() + 3600_000),
            };
            return { identityId: FAKE_IDENTITY, credentials };
          },
        },
      });
      const context = () => internals.createPluginContext('auth', 'awsCognitoAuthPlugin');
      await body({ plugin, core, auth, context });
    });
  } finally {
    jest.dontMock(path);
  }
}
