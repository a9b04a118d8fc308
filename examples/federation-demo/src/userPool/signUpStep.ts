import { Amplify } from '@plugboard/core';
import type { Check, UserPoolScene } from './userPoolChapter';

/** signUp → CONFIRM_SIGN_UP_STEP → confirmSignUp with the mailed code → DONE. */
export async function runSignUpStep(scene: UserPoolScene): Promise<void> {
  const { out, username, password } = scene;
  const check: Check = scene.check;
  const signedUp = await Amplify.Auth.signUp(username, password, { userAttributes: { email: username } });
  check(!signedUp.isSignUpComplete, 'the sign-up waits for its confirmation');
  check(signedUp.nextStep.signUpStep === 'CONFIRM_SIGN_UP_STEP', 'signUp asks for the confirmation code');
  const medium = signedUp.nextStep.codeDeliveryDetails?.deliveryMedium ?? 'unknown medium';
  out.ok(`signUp(${username}): nextStep CONFIRM_SIGN_UP_STEP, a code went out by ${medium}`);
  out.line('(cognito-local prints its mails; the demo started it with one fixed code and types that in)');

  const confirmed = await Amplify.Auth.confirmSignUp(username, scene.mailedCode);
  check(confirmed.isSignUpComplete, 'the sign-up is complete once confirmed');
  check(confirmed.nextStep.signUpStep === 'DONE', 'confirmSignUp ends the sign-up');
  out.ok('confirmSignUp with the code: isSignUpComplete, nextStep DONE');
}
