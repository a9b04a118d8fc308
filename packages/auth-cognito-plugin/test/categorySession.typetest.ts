// Type test (compiled by `npm run typecheck`, never run): with this package imported, the Auth
// category's fetchAuthSession resolves with the plugin's own session type, through the
// AuthPluginRegistry augmentation, so Cognito-specific results need no cast.
import { Amplify, type AuthSession, type RegisteredAuthSession } from '@plugboard/core';
import type { AWSCognitoAuthSession } from '@plugboard/auth-cognito-plugin';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

export async function categorySessionIsThePluginSession(): Promise<void> {
  const session = await Amplify.Auth.fetchAuthSession();
  assertType<Equal<typeof session, AWSCognitoAuthSession>>();
  assertType<Equal<RegisteredAuthSession, AWSCognitoAuthSession>>();

  const credentials = session.awsCredentialsResult;
  if (credentials.type === 'SUCCESS') {
    const key: string = credentials.value.accessKeyId;
    void key;
  }
  const identityId = session.identityIdResult;
  void identityId;
  const base: AuthSession = session;
  void base;

  // @ts-expect-error a property no session type has
  void session.notASessionField;
}
