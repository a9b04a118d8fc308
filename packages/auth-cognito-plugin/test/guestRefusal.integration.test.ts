/**
 * A pool that gives no guest credentials says so once: the refusal (no unauthenticated identities, or no
 * role for them) is remembered until a forced fetch, a sign-in/federation or a reconfiguration asks again.
 */
import { DEFAULT_ROLES } from '@plugboard/cognito-identity-emulator';
import { Amplify, type AmplifyConfiguration } from '@plugboard/core';
import {
  AuthProvider,
  fromAmplifyAuth,
  InvalidIdentityPoolConfigurationException,
  type AWSCognitoAuthPlugin,
} from '../src';
import { PROVIDERS, remember, startHarness, type Harness } from './support/harness';

function configFor(poolId: string, endpoint: string, guests?: false): AmplifyConfiguration {
  const guestSetting = guests === false ? { AllowUnauthenticatedIdentities: false } : {};
  return {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: endpoint, ...guestSetting },
            },
          },
        },
      },
    },
  };
}

const errorOf = (result: { type: string }): unknown => (result as { error?: unknown }).error;

describe('guest access refused by the pool configuration (InvalidIdentityPoolConfigurationException)', () => {
  let h: Harness;
  let plugin: AWSCognitoAuthPlugin;
  let config: AmplifyConfiguration;
  beforeEach(async () => {
    h = await startHarness();
    // Guests are allowed, but the pool has no role to give them.
    const poolId = await h.emulator.createIdentityPool({
      allowUnauthenticatedIdentities: true,
      supportedLoginProviders: PROVIDERS,
      roles: { authenticated: DEFAULT_ROLES.authenticated },
    });
    config = configFor(poolId, h.emulator.endpoint);
    plugin = await h.restart(undefined, config);
  });
  afterEach(async () => {
    await h.stop();
  });

  it('reports the typed error once from the network, then from memory until a forced fetch asks again', async () => {
    const start = h.emulator.requests().length;
    const first = await plugin.fetchAuthSession();
    expect(first.isSignedIn).toBe(false);
    const error = errorOf(first.awsCredentialsResult);
    expect(error).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect((error as InvalidIdentityPoolConfigurationException).recoverySuggestion).toMatch(/IAM role/);
    // GetId gave an identity before the credentials were refused: it is kept, not asked for again.
    expect(first.identityIdResult.type).toBe('SUCCESS');
    const identityId = (first.identityIdResult as { value: string }).value;
    expect(h.calls('GetId', start)).toBe(1);
    expect(h.calls('GetCredentialsForIdentity', start)).toBe(1);

    const remembered = h.emulator.requests().length;
    const second = await plugin.fetchAuthSession();
    expect(errorOf(second.awsCredentialsResult)).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect(second.identityIdResult).toEqual({ type: 'SUCCESS', value: identityId });
    // An SDK client signing with the plugin gets the typed error too, without a request.
    await expect(fromAmplifyAuth({ plugin })()).rejects.toBeInstanceOf(
      InvalidIdentityPoolConfigurationException,
    );
    expect(h.emulator.requests()).toHaveLength(remembered);

    const forced = await plugin.fetchAuthSession({ forceRefresh: true });
    expect(errorOf(forced.awsCredentialsResult)).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect(forced.identityIdResult).toEqual({ type: 'SUCCESS', value: identityId });
    expect(h.calls('GetId', remembered)).toBe(0);
    expect(h.calls('GetCredentialsForIdentity', remembered)).toBe(1);
  });

  it('a reconfiguration asks again, and so does a federation followed by clearing it', async () => {
    await plugin.fetchAuthSession();
    Amplify.configure(config); // a hot reload: the same plugin, configured again
    const afterRestart = h.emulator.requests().length;
    const session = await plugin.fetchAuthSession();
    expect(errorOf(session.awsCredentialsResult)).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect(h.calls('GetCredentialsForIdentity', afterRestart)).toBe(1);

    // Authenticated identities have a role: federation works from the refused guest state.
    const result = remember(await plugin.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    expect((await plugin.fetchAuthSession()).awsCredentialsResult).toEqual({
      type: 'SUCCESS',
      value: result.credentials,
    });
    await plugin.clearFederationToIdentityPool();
    const cleared = h.emulator.requests().length;
    const guest = await plugin.fetchAuthSession();
    expect(errorOf(guest.awsCredentialsResult)).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect(h.calls('GetId', cleared)).toBe(1);
    expect(h.calls('GetCredentialsForIdentity', cleared)).toBe(1);
  });

  it('a configuration without guest access (AllowUnauthenticatedIdentities: false) answers without a request', async () => {
    const poolId = await h.emulator.createIdentityPool({
      allowUnauthenticatedIdentities: false,
      supportedLoginProviders: PROVIDERS,
    });
    const noGuests = await h.restart(undefined, configFor(poolId, h.emulator.endpoint, false));
    const start = h.emulator.requests().length;
    const session = await noGuests.fetchAuthSession();
    expect(session.isSignedIn).toBe(false);
    expect(errorOf(session.identityIdResult)).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect(errorOf(session.awsCredentialsResult)).toBeInstanceOf(InvalidIdentityPoolConfigurationException);
    expect((errorOf(session.awsCredentialsResult) as Error).message).toMatch(
      /AllowUnauthenticatedIdentities/,
    );
    expect(h.emulator.requests()).toHaveLength(start);
    // Federation still works: the setting concerns signed-out sessions only.
    const result = remember(await noGuests.federateToIdentityPool(await h.token(), AuthProvider.facebook()));
    expect((await noGuests.fetchAuthSession()).awsCredentialsResult).toEqual({
      type: 'SUCCESS',
      value: result.credentials,
    });
  });
});
