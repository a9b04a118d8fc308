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

  it('carries a federation in flight over a reconfiguration with the same pools', async () => {
    const storage = new InMemoryKeyValueStorage();
    h = await startHarness({ storage });
    await h.plugin.fetchAuthSession(); // the code is loaded and the first configuration restored
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', latencyMs: 400 });
    const federation = h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    await waitFor(() => h!.calls('GetCredentialsForIdentity') === 1); // in flight on the first configuration

    Amplify.configure(h.config);
    const session = await h.plugin.fetchAuthSession();
    const federated = remember(await federation);
    expect(session.isSignedIn).toBe(true);
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: federated.identityId });
    expect(session.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: federated.credentials });
    expect(h.calls('GetCredentialsForIdentity')).toBe(1); // the stored credentials, not a new federation
  });

  it('carries a federation called just before a reconfiguration with the same pools', async () => {
    const storage = new InMemoryKeyValueStorage();
    h = await startHarness({ storage });
    h.emulator.injectFault({ operation: 'GetId', latencyMs: 300 });
    const federation = h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    Amplify.configure(h.config); // at once: the federation is queued on the first configuration

    const session = await h.plugin.fetchAuthSession();
    const federated = remember(await federation);
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: federated.identityId });
    expect(session.awsCredentialsResult).toEqual({ type: 'SUCCESS', value: federated.credentials });
  });

  it('starts signed out when reconfigured with another pool during a federation, which the first pool keeps', async () => {
    const storage = new InMemoryKeyValueStorage();
    h = await startHarness({ storage });
    await h.plugin.fetchAuthSession();
    const otherPool = await h.emulator.createIdentityPool({ supportedLoginProviders: PROVIDERS });
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', latencyMs: 400 });
    const federation = h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    await waitFor(() => h!.calls('GetCredentialsForIdentity') === 1);

    Amplify.configure(withPool(h.config, otherPool));
    const other = await h.plugin.fetchAuthSession();
    const federated = remember(await federation);
    expect(other.isSignedIn).toBe(false);
    expect(other.identityIdResult.type).toBe('FAILURE');
    expect(h.emulator.identities(otherPool)).toEqual([]);

    Amplify.configure(h.config);
    const back = await h.plugin.fetchAuthSession();
    expect(back.identityIdResult).toEqual({ type: 'SUCCESS', value: federated.identityId });
  });

  it('waits for a hung federation of the previous configuration only until its deadline', async () => {
    const storage = new InMemoryKeyValueStorage();
    h = await startHarness({ storage, plugin: { requestTimeoutMs: 200 } });
    await h.plugin.fetchAuthSession();
    h.emulator.injectFault({ operation: 'GetCredentialsForIdentity', latencyMs: 20_000, times: 3 });
    const federation = h.plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook());
    const failed = expect(federation).rejects.toBeDefined();
    await waitFor(() => h!.calls('GetCredentialsForIdentity') === 1);

    Amplify.configure(h.config);
    const session = await h.plugin.fetchAuthSession();
    // The new configuration answered after the federation ran out of attempts, not 20 s later.
    expect(h.calls('GetCredentialsForIdentity')).toBe(3);
    await failed;
    expect(session.isSignedIn).toBe(false);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
