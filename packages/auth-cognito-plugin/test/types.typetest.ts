// Type tests: compiled by `npx tsc -p tsconfig.json` at the repo root (part of `npm test`), never run.
// Each `@ts-expect-error` line must be a type error; if the types got looser, tsc reports the unused
// directive and fails.
import { Amplify, Hub, HubChannel } from '@plugboard/core';
import {
  AuthProvider,
  AWSCognitoAuthPlugin,
  FederateToIdentityPoolOptions,
  type AWSCognitoAuthSession,
  type FederateToIdentityPoolResult,
} from '@plugboard/auth-cognito-plugin';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

export async function typetests(token: string): Promise<void> {
  // The plugin registers its key: getPlugin is typed without a cast.
  const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
  assertType<Equal<typeof plugin, AWSCognitoAuthPlugin>>();

  // Promise style returns the result; callback style returns nothing.
  const _result = await plugin.federateToIdentityPool(token, AuthProvider.facebook());
  assertType<Equal<typeof _result, FederateToIdentityPoolResult>>();
  const _nothing = plugin.federateToIdentityPool(
    token,
    AuthProvider.google(),
    (r) => r.identityId,
    (e) => e.recoverySuggestion,
  );
  assertType<Equal<typeof _nothing, void>>();
  plugin.federateToIdentityPool(
    token,
    AuthProvider.google(),
    FederateToIdentityPoolOptions.builder().build(),
    () => {},
    () => {},
  );
  // @ts-expect-error a provider name is not an AuthProvider
  void plugin.federateToIdentityPool(token, 'graph.facebook.com');
  // @ts-expect-error options have no such field
  void plugin.federateToIdentityPool(token, AuthProvider.facebook(), { identityId: 'x' });

  const session = await plugin.fetchAuthSession({ forceRefresh: true });
  assertType<Equal<typeof session, AWSCognitoAuthSession>>();
  if (session.awsCredentialsResult.type === 'SUCCESS') {
    const expiration: Date = session.awsCredentialsResult.value.expiration;
    void expiration;
  }
  // @ts-expect-error a result must be narrowed before reading its value
  void session.identityIdResult.value;

  // The plugin's events join the AUTH channel's union, with typed data.
  Hub.subscribe(HubChannel.AUTH, (event) => {
    if (event.name === 'FEDERATED_TO_IDENTITY_POOL') {
      const identityId: string = event.data.identityId;
      void identityId;
    }
    if (event.name === 'FEDERATION_TO_IDENTITY_POOL_CLEARED') {
      // @ts-expect-error this event carries no data
      void event.data.identityId;
      // ...but may say that another context cleared (optional data).
      void (event.data?.source === 'another-context');
    }
  });
}
