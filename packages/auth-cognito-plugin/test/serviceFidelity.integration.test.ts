/**
 * The client side of BEHAVIOUR section 10: the identity id the service answers is stored, the region comes
 * from the pool id, and ValidationException / InvalidIdentityPoolConfigurationException are typed.
 */
import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import {
  Amplify,
  ConfigurationException,
  InvalidParameterException,
  type AmplifyConfiguration,
  type KeyValueStorage,
} from '@plugboard/core';
import { AuthProvider, InvalidIdentityPoolConfigurationException, type AWSCognitoAuthSession } from '../src';
import { remember, startHarness, type Harness } from './support/harness';
import { rememberSecrets } from './support/secrets';

function configFor(poolId: string, region: string, endpoint: string): AmplifyConfiguration {
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: { Default: { PoolId: poolId, Region: region, Endpoint: endpoint } },
          },
        },
      },
    },
  };
}

describe('client fidelity to Amazon Cognito Identity (BEHAVIOUR 10)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('stores the identity id GetCredentialsForIdentity answers after the service merged identities', async () => {
    const fb = await h.token('graph.facebook.com', 'alice');
    const google = await h.token('accounts.google.com', 'alice-g');
    const sdk = new CognitoIdentityClient({
      region: 'us-east-1',
      endpoint: h.emulator.endpoint,
      maxAttempts: 1,
    });
    const a = await sdk.send(
      new GetIdCommand({ IdentityPoolId: h.poolId, Logins: { 'graph.facebook.com': fb } }),
    );
    const b = await sdk.send(
      new GetIdCommand({ IdentityPoolId: h.poolId, Logins: { 'accounts.google.com': google } }),
    );
    // Another device presents both logins: the service merges b into a.
    await sdk.send(
      new GetIdCommand({
        IdentityPoolId: h.poolId,
        Logins: { 'graph.facebook.com': fb, 'accounts.google.com': google },
      }),
    );
    sdk.destroy();
    const result = remember(
      await h.plugin.federateToIdentityPool(google, AuthProvider.google(), {
        developerProvidedIdentityId: b.IdentityId!,
      }),
    );
    expect(result.identityId).toBe(a.IdentityId);
    const session = (await h.plugin.fetchAuthSession()) as AWSCognitoAuthSession;
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: a.IdentityId });
  });

  it('stores, persists and reports the identity id a refresh answers after the service merged identities', async () => {
    await h.stop();
    const stored = new Map<string, string>();
    const storage: KeyValueStorage = {
      getItem: (k) => Promise.resolve(stored.get(k) ?? null),
      setItem: (k, v) => Promise.resolve(void stored.set(k, v)),
      removeItem: (k) => Promise.resolve(void stored.delete(k)),
    };
    h = await startHarness({ storage });
    const fb = await h.token('graph.facebook.com', 'bob');
    const google = await h.token('accounts.google.com', 'bob-g');
    const sdk = new CognitoIdentityClient({
      region: 'us-east-1',
      endpoint: h.emulator.endpoint,
      maxAttempts: 1,
    });
    const older = await sdk.send(
      new GetIdCommand({ IdentityPoolId: h.poolId, Logins: { 'graph.facebook.com': fb } }),
    );
    const federated = remember(await h.plugin.federateToIdentityPool(google, AuthProvider.google()));
    expect(federated.identityId).not.toBe(older.IdentityId);
    // Another device presents both logins: the service merges this session's identity into the older one.
    await sdk.send(
      new GetIdCommand({
        IdentityPoolId: h.poolId,
        Logins: { 'graph.facebook.com': fb, 'accounts.google.com': google },
      }),
    );
    sdk.destroy();
    const events = h.events.length;
    const since = h.emulator.requests().length;
    h.clock.advance(2 * 3600_000); // the credentials expired: the next fetch refreshes them
    const session = (await h.plugin.fetchAuthSession()) as AWSCognitoAuthSession;
    expect(h.calls('GetCredentialsForIdentity', since)).toBe(1);
    expect(session.identityIdResult).toEqual({ type: 'SUCCESS', value: older.IdentityId });
    expect(session.awsCredentialsResult.type).toBe('SUCCESS');
    const credentials = (
      session.awsCredentialsResult as { value: { secretAccessKey: string; sessionToken: string } }
    ).value;
    rememberSecrets(credentials.secretAccessKey, credentials.sessionToken);
    // A refresh publishes nothing (BEHAVIOUR 3), so no event carries the old id after the change.
    expect(h.events.slice(events)).toEqual([]);
    const persisted = [...stored.values()].join('\n');
    expect(persisted).toContain(older.IdentityId);
    expect(persisted).not.toContain(federated.identityId);

    // After a restart the stored (surviving) id is answered without a request, and keeps refreshing.
    const plugin = await h.restart();
    const restartedAt = h.emulator.requests().length;
    const restored = (await plugin.fetchAuthSession()) as AWSCognitoAuthSession;
    expect(restored.identityIdResult).toEqual({ type: 'SUCCESS', value: older.IdentityId });
    expect(h.emulator.requests()).toHaveLength(restartedAt);
    const forced = (await plugin.fetchAuthSession({ forceRefresh: true })) as AWSCognitoAuthSession;
    const again = (
      forced.awsCredentialsResult as { value: { secretAccessKey: string; sessionToken: string } }
    ).value;
    rememberSecrets(again.secretAccessKey, again.sessionToken);
    expect(forced.identityIdResult).toEqual({ type: 'SUCCESS', value: older.IdentityId });
    expect(h.calls('GetCredentialsForIdentity', restartedAt)).toBe(1);
  });

  it('refuses a configured Region that contradicts the pool id with a ConfigurationException', async () => {
    await Amplify.reset();
    const { AWSCognitoAuthPlugin } = await import('../src');
    Amplify.addPlugin(new AWSCognitoAuthPlugin());
    let error: unknown;
    try {
      Amplify.configure(configFor(h.poolId, 'eu-west-1', h.emulator.endpoint));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationException);
    expect((error as ConfigurationException).message).toContain('us-east-1');
    expect((error as ConfigurationException).recoverySuggestion).toMatch(/Region/);
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it('maps ValidationException to InvalidParameterException with a recovery suggestion', async () => {
    h.emulator.injectFault({ operation: 'GetId', error: 'ValidationException' });
    const token = await h.token();
    const error = await h.plugin
      .federateToIdentityPool(token, AuthProvider.facebook())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as InvalidParameterException).recoverySuggestion).toMatch(/limits of the service/);
  });

  it('maps InvalidIdentityPoolConfigurationException (a pool without roles) to a typed exception', async () => {
    const bare = await h.emulator.createIdentityPool({
      supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
      roles: {},
    });
    const plugin = await h.restart(undefined, configFor(bare, 'us-east-1', h.emulator.endpoint));
    const token = await h.token();
    const error = await plugin
      .federateToIdentityPool(token, AuthProvider.facebook())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect((error as InvalidIdentityPoolConfigurationException).recoverySuggestion).toMatch(/IAM role/);
  });
});
