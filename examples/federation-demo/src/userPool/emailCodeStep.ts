import { Amplify } from '@plugboard/core';
import { shortKeyId } from '../output';
import type { Check, UserPoolScene } from './userPoolChapter';

/**
 * Passwordless: the signed-out user signs in with no password at all, by a one-time code the pool sends
 * by e-mail (choice-based sign-in, `USER_AUTH` with `preferredChallenge: 'EMAIL_OTP'`). The code is the
 * one the SRP front "mailed"; a passwordless first factor asks for no MFA, though the user prefers TOTP.
 * The session federates into the same identity. Ends signed out.
 */
export async function runEmailCodeStep(scene: UserPoolScene, identityId: string): Promise<void> {
  const { out, plugin, events, username } = scene;
  const check: Check = scene.check;
  out.step('Passwordless: sign in with a one-time code sent by e-mail (USER_AUTH, EMAIL_OTP)');
  const mark = scene.userPoolMark();
  const sent = scene.mailbox.length;
  const first = await Amplify.Auth.signIn(username, undefined, {
    authFlowType: 'USER_AUTH',
    preferredChallenge: 'EMAIL_OTP',
  });
  check(!first.isSignedIn, 'the code is still to be typed in');
  const step = first.nextStep;
  check(
    step.signInStep === 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
    `the pool asks for the e-mailed code, got ${step.signInStep}`,
  );
  const details = step.codeDeliveryDetails;
  check(
    details?.deliveryMedium === 'EMAIL' && details.destination?.includes('***') === true,
    'the code went out by e-mail to a masked address',
  );
  out.ok(`signIn(${username}, no password, { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' }):`);
  out.line(
    `nextStep CONFIRM_SIGN_IN_WITH_EMAIL_CODE, a code went to ${details.destination} (${details.deliveryMedium})`,
  );
  const mail = scene.mailbox[sent];
  check(
    scene.mailbox.length === sent + 1 && mail?.destination === username && mail.medium === 'EMAIL',
    'the pool mailed one code to the user',
  );
  out.line(
    "(the demo's SRP front hands each code it sends to the demo, which types it in; it is not printed)",
  );

  const seen = events.length;
  const done = await Amplify.Auth.confirmSignIn(mail.code);
  check(done.isSignedIn && done.nextStep.signInStep === 'DONE', 'the e-mailed code completes the sign-in');
  check(
    events.slice(seen).some((e) => e.name === 'SIGNED_IN'),
    'SIGNED_IN is published',
  );
  const requests = scene.userPoolRequests(mark);
  check(
    requests.join() === 'InitiateAuth:USER_AUTH,RespondToAuthChallenge:EMAIL_OTP',
    `a USER_AUTH exchange answered with the code, got ${requests.join(', ')}`,
  );
  out.ok(`confirmSignIn with the code: isSignedIn, nextStep DONE (no TOTP asked for a passwordless factor)`);
  out.ok(`requests to the user pool: ${requests.join(', ')}`);

  const session = await plugin.fetchAuthSession();
  check(session.awsCredentialsResult.type === 'SUCCESS', 'the passwordless sign-in federates too');
  check(
    session.identityIdResult.type === 'SUCCESS' && session.identityIdResult.value === identityId,
    'the same user keeps the same identity id',
  );
  out.ok(
    `fetchAuthSession: identity ${identityId} again, new credentials ${shortKeyId(session.awsCredentialsResult.value.accessKeyId)}`,
  );
  await Amplify.Auth.signOut();
  check(events.at(-1)?.name === 'SIGNED_OUT', 'SIGNED_OUT is published');
  out.ok('signed out');
}
