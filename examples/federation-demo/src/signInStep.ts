import { Amplify, InvalidStateException, type AuthHubEvent } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import type { Backend } from './backend';
import { startUserPoolEmulator } from './localUserPool';
import { describeError, shortKeyId, type Output } from './output';

const DEMO_USER = 'alice@example.com';
const DEMO_PASSWORD = 'Demo-Passw0rd!';

/**
 * The user-pool half of the seed page: a real sign-in against a local user-pool emulator, the
 * identity-pool credentials the plugin federates by itself, and the guard that then refuses
 * federateToIdentityPool.
 */
export async function runSignInStep(
  backend: Backend,
  out: Output,
  events: readonly AuthHubEvent[],
  check: (condition: unknown, what: string) => asserts condition,
): Promise<void> {
  out.step('Sign in with a user pool: automatic federation, and federateToIdentityPool refused');
  if (!backend.trustUserPool) {
    out.skip('a user-pool sign-in needs the local emulators; it is skipped against a real identity pool');
    return;
  }
  const userPools = await startUserPoolEmulator();
  try {
    const { poolId, clientId } = await userPools.createPool();
    await userPools.createUser(poolId, DEMO_USER, DEMO_PASSWORD);
    const config = await backend.trustUserPool({ poolId, clientId, endpoint: userPools.endpoint });
    out.line(`local user pool ${poolId} at ${userPools.endpoint}; the identity pool trusts its id tokens`);
    await Amplify.reset();
    const plugin = new AWSCognitoAuthPlugin({ clock: backend.now });
    Amplify.addPlugin(plugin);
    Amplify.configure(config);

    const seen = events.length;
    // The local user-pool emulator has no SRP, so this step asks for USER_PASSWORD_AUTH (default: USER_SRP_AUTH).
    const result = await Amplify.Auth.signIn(DEMO_USER, DEMO_PASSWORD, {
      authFlowType: 'USER_PASSWORD_AUTH',
    });
    check(result.isSignedIn, 'the sign-in completes');
    check(
      events.slice(seen).some((e) => e.name === 'SIGNED_IN'),
      'SIGNED_IN is published',
    );
    const user = await Amplify.Auth.getCurrentUser();
    out.ok(`signed in as ${DEMO_USER}: username ${user.username}, userId ${user.userId}`);
    check(user.username === user.userId, 'an email-as-username pool names the user by its sub');
    out.line('the username is a UUID, not the email: this pool uses the email address as the username');
    out.line(
      "(UsernameAttributes: email), and such pools name each user by their sub, the user's unique id;",
    );
    out.line('the email is what the user types to sign in');

    const session = await plugin.fetchAuthSession();
    check(session.userPoolTokensResult.type === 'SUCCESS', 'the session holds the user-pool tokens');
    check(
      session.awsCredentialsResult.type === 'SUCCESS',
      'identity-pool credentials are federated automatically',
    );
    check(session.identityIdResult.type === 'SUCCESS', 'the signed-in user has an identity id');
    out.ok(
      `fetchAuthSession: identity ${session.identityIdResult.value}, credentials ${shortKeyId(session.awsCredentialsResult.value.accessKeyId)} (from the id token)`,
    );

    const refused = await plugin.federateToIdentityPool(await backend.token(), backend.provider).then(
      () => undefined,
      (error: unknown) => error,
    );
    check(
      refused instanceof InvalidStateException,
      `federation while signed in is refused, got ${describeError(refused)}`,
    );
    out.ok(`federateToIdentityPool while signed in: ${describeError(refused)}`);

    const signedOut = events.length;
    await Amplify.Auth.signOut();
    check(
      events.slice(signedOut).some((e) => e.name === 'SIGNED_OUT'),
      'SIGNED_OUT is published',
    );
    out.ok('signed out');
  } finally {
    await userPools.stop();
  }
}
