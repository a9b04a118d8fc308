import { Amplify, InvalidStateException } from '@plugboard/core';
import { describeError, shortKeyId } from '../output';
import type { Check, UserPoolScene } from './userPoolChapter';

/**
 * A sign-in with the default flow, USER_SRP_AUTH (the password never leaves the app), the identity-pool
 * credentials the plugin federates by itself, and the guard that then refuses federateToIdentityPool.
 * Leaves the user signed in; answers the identity id.
 */
export async function runSrpSignInStep(scene: UserPoolScene): Promise<string> {
  const { out, plugin, events, backend, username, password } = scene;
  const check: Check = scene.check;
  out.step('Sign in with SRP (the default flow): automatic federation, and federateToIdentityPool refused');
  const seen = events.length;
  const mark = scene.userPoolMark();
  const result = await Amplify.Auth.signIn(username, password);
  check(result.isSignedIn, 'the sign-in completes');
  check(
    events.slice(seen).some((e) => e.name === 'SIGNED_IN'),
    'SIGNED_IN is published',
  );
  const requests = scene.userPoolRequests(mark);
  check(
    requests.join() === 'InitiateAuth:USER_SRP_AUTH,RespondToAuthChallenge:PASSWORD_VERIFIER',
    `an SRP exchange, got ${requests.join(', ')}`,
  );
  out.ok(`requests to the user pool: ${requests.join(', ')}`);
  out.line('(SRP: the app proves it knows the password; the password itself is never sent)');
  const user = await Amplify.Auth.getCurrentUser();
  out.ok(`signed in as ${username}: username ${user.username}, userId ${user.userId}`);
  check(user.username === user.userId, 'an email-as-username pool names the user by its sub');
  out.line('the username is a UUID, not the email: this pool uses the email address as the username');
  out.line("(UsernameAttributes: email), and such pools name each user by their sub, the user's unique id;");
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
  return session.identityIdResult.value;
}
