// Amplify.configure called again (hot reload) with the real plugin: what happens to sessions.
import { Amplify, InMemoryKeyValueStorage, type AmplifyConfiguration } from '@plugboard/core';
import { AuthProvider } from '../src';
import { PROVIDERS, remember, startHarness, type Harness } from './support/harness';

function withPool(config: AmplifyConfiguration, poolId: string): AmplifyConfiguration {
  const section = config.auth!.plugins!.awsCognitoAuthPlugin!;
  const pool = section.CredentialsProvider!.CognitoIdentity!.Default!;
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: { CognitoIdentity: { Default: { ...pool, PoolId: poolId } } },
        },
      },
    },
  };
}

describe('Amplify.configure again with the Cognito plugin', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('keeps the session across a reconfiguration with the default (in-memory) storage too, not across a reset', async () => {
    h = await startHarness(); // no storage option: the plugin's default storage
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));

    Amplify.configure(h.config);
    expect((await h.plugin.fetchAuthSession()).identityIdResult).toEqual({
      type: 'SUCCESS',
      value: first.identityId,
    });

    const restarted = await h.restart(); // Amplify.reset, a new plugin: nothing was persisted
    expect((await restarted.fetchAuthSession()).isSignedIn).toBe(false);
  });

  it('keeps the session with the same pools, and keys it by pool: another pool starts signed out', async () => {
    const storage = new InMemoryKeyValueStorage();
    h = await startHarness({ storage });
    const first = remember(await h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));

    Amplify.configure(h.config);
    const same = await h.plugin.fetchAuthSession();
    expect(same.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });

    const otherPool = await h.emulator.createIdentityPool({ supportedLoginProviders: PROVIDERS });
    Amplify.configure(withPool(h.config, otherPool));
    const other = await h.plugin.fetchAuthSession();
    expect(other.isSignedIn).toBe(false);
    expect(other.identityIdResult.type).toBe('FAILURE');

    Amplify.configure(h.config);
    const back = await h.plugin.fetchAuthSession();
    expect(back.identityIdResult).toEqual({ type: 'SUCCESS', value: first.identityId });
  });
});
