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
} from '@plugboard/core';
import { AuthProvider, InvalidIdentityPoolConfigurationException, type AWSCognitoAuthSession } from '../src';
import { remember, startHarness, type Harness } from './support/harness';

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
