// A strict TypeScript app that uses the packed packages the way users do. The consumer test copies this
// file into a fresh project as src/consumer.cts (CommonJS) and src/consumer.mts (ESM), compiles both with
// `module: nodenext` and no @types/node, and runs them. Only the packages' public entry points are used.
import {
  Amplify,
  Hub,
  HubChannel,
  HubException,
  InvalidStateException,
  type AuthHubEvent,
} from '@plugboard/core';
import {
  AuthProvider,
  AWSCognitoAuthPlugin,
  FederateToIdentityPoolOptions,
  type FederateToIdentityPoolResult,
} from '@plugboard/auth-cognito-plugin';
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';

function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

async function main(): Promise<void> {
  const emulator = await startCognitoIdentityEmulator({ port: 0 });
  const events: AuthHubEvent[] = [];
  const subscription = Hub.subscribe(HubChannel.AUTH, (event) => {
    events.push(event);
  });
  try {
    const poolId = await emulator.createIdentityPool({
      supportedLoginProviders: { 'graph.facebook.com': 'consumer-app' },
    });
    Amplify.addPlugin(new AWSCognitoAuthPlugin());
    Amplify.configure({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: {
                Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: emulator.endpoint },
              },
            },
          },
        },
      },
    });

    // Typed getPlugin: the plugin's declarations tell core what the key returns; no cast.
    const plugin: AWSCognitoAuthPlugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
    assert(plugin instanceof AWSCognitoAuthPlugin, 'getPlugin returns an AWSCognitoAuthPlugin');
    // @ts-expect-error the result is typed, so a misspelt method does not compile
    assert(plugin.federateToIdentityPol === undefined, 'no such method');

    const token = await emulator.issueProviderToken({ providerName: 'graph.facebook.com', subject: 'zoe' });
    const result: FederateToIdentityPoolResult = await plugin.federateToIdentityPool(
      token,
      AuthProvider.facebook(),
    );
    assert(result.credentials.expiration instanceof Date, 'credentials carry an expiration Date');

    const options = FederateToIdentityPoolOptions.builder()
      .developerProvidedIdentityId(result.identityId)
      .build();
    const again = await new Promise<FederateToIdentityPoolResult>((resolve, reject) =>
      plugin.federateToIdentityPool(token, AuthProvider.facebook(), options, resolve, reject),
    );
    assert(again.identityId === result.identityId, 'developerProvidedIdentityId keeps the identity');

    const session = await plugin.fetchAuthSession();
    assert(
      session.identityIdResult.type === 'SUCCESS' && session.identityIdResult.value === result.identityId,
      'fetchAuthSession returns the identity id',
    );

    const first = events[0];
    assert(first?.name === 'FEDERATED_TO_IDENTITY_POOL', 'the Hub listener saw the federation');
    const federatedIdentity: string = first.data.identityId; // typed per event name
    assert(federatedIdentity === result.identityId, 'event data holds the identity id');

    try {
      // @ts-expect-error SIGNED_IN needs its data; and app code may not publish on AUTH anyway
      Hub.publish(HubChannel.AUTH, { name: 'SIGNED_IN' });
      assert(false, 'publishing on AUTH is refused');
    } catch (error) {
      assert(error instanceof HubException, 'HubException for app code on the AUTH channel');
    }

    await plugin.clearFederationToIdentityPool();
    const refused = await plugin.clearFederationToIdentityPool().then(
      () => undefined,
      (error: unknown) => error,
    );
    assert(refused instanceof InvalidStateException, 'clearing twice gives InvalidStateException');
    assert(
      events.map((e) => e.name).join() ===
        'FEDERATED_TO_IDENTITY_POOL,FEDERATED_TO_IDENTITY_POOL,FEDERATION_TO_IDENTITY_POOL_CLEARED',
      'every auth event arrived once, in order',
    );
    console.log(`consumer ok: identity ${result.identityId}, ${events.length} auth events`);
  } finally {
    subscription.unsubscribe();
    await Amplify.reset();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  throw error;
});
