import { Amplify } from '@plugboard/core';
import * as OTPAuth from 'otpauth';
import { shortKeyId } from '../output';
import type { Check, UserPoolScene } from './userPoolChapter';

/**
 * TOTP MFA: the signed-in user adds an authenticator app (setUpTOTP, verifyTOTPSetup), prefers TOTP, signs
 * out, and signs in again: the SRP proof is followed by CONFIRM_SIGN_IN_WITH_TOTP_CODE, answered with the
 * app's current code. The new session federates into the same identity. Leaves the user signed in.
 */
export async function runTotpStep(scene: UserPoolScene, identityId: string): Promise<void> {
  const { out, plugin, events, username, password } = scene;
  const check: Check = scene.check;
  out.step('TOTP MFA: add an authenticator app, then sign in again with its code');
  const setup = await plugin.setUpTOTP();
  // The authenticator app: the shared secret (from the QR code of getSetupURI) and the time give the code.
  const app = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(setup.sharedSecret),
    digits: 6,
    period: 30,
  });
  const uri = setup.getSetupURI('Plugboard Demo');
  check(uri.startsWith('otpauth://totp/Plugboard%20Demo:'), 'the setup URI is an otpauth:// URI');
  out.ok(
    `setUpTOTP: a shared secret for the app, as a QR code of ${uri.slice(0, uri.indexOf('?'))}?secret=…`,
  );
  await plugin.verifyTOTPSetup(app.generate());
  await plugin.updateMFAPreference(undefined, 'PREFERRED');
  const preference = await plugin.fetchMFAPreference();
  check(preference.preferred === 'TOTP', 'TOTP is the preferred MFA method');
  out.ok(
    `verifyTOTPSetup with the app's code, updateMFAPreference: enabled ${preference.enabled?.join()}, preferred ${preference.preferred}`,
  );

  await Amplify.Auth.signOut();
  check(events.at(-1)?.name === 'SIGNED_OUT', 'SIGNED_OUT is published');
  const first = await Amplify.Auth.signIn(username, password);
  check(!first.isSignedIn, 'the password alone no longer signs in');
  check(
    first.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
    `the pool asks for a TOTP code, got ${first.nextStep.signInStep}`,
  );
  out.ok('signIn (SRP again): isSignedIn false, nextStep CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  const seen = events.length;
  const done = await Amplify.Auth.confirmSignIn(app.generate());
  check(done.isSignedIn && done.nextStep.signInStep === 'DONE', 'the TOTP code completes the sign-in');
  check(
    events.slice(seen).some((e) => e.name === 'SIGNED_IN'),
    'SIGNED_IN is published',
  );
  out.ok("confirmSignIn with the app's current code: isSignedIn, nextStep DONE");

  const session = await plugin.fetchAuthSession();
  check(session.awsCredentialsResult.type === 'SUCCESS', 'the MFA sign-in federates too');
  check(
    session.identityIdResult.type === 'SUCCESS' && session.identityIdResult.value === identityId,
    'the same user keeps the same identity id',
  );
  out.ok(
    `fetchAuthSession: identity ${identityId} again, new credentials ${shortKeyId(session.awsCredentialsResult.value.accessKeyId)}`,
  );
}
