import { buildPackagesAndDemo, runDemo, type Run } from './support';

// The demo's user-pool chapter (steps 11-15): cognito-local behind the SRP front, the plugin, the
// identity pool and a signature-checking DynamoDB, all local.
let run: Run;
beforeAll(async () => {
  buildPackagesAndDemo();
  run = await runDemo();
}, 120_000);

describe('npm run demo, user-pool chapter', () => {
  it('runs the user-pool chapter: sign-up, SRP sign-in, TOTP MFA, a signed write, an e-mail code sign-in, each federated', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const chapter = run.stdout.slice(run.stdout.indexOf('\n11. '), run.stdout.indexOf('\n16. '));
    for (const line of [
      /local user pool [\w-]+_\w+: cognito-local at http:\/\/127\.0\.0\.1:\d+ \(a child process\),\n.*behind an SRP front at http:\/\/127\.0\.0\.1:\d+/,
      /ok: signUp\(alice@example\.com\): nextStep CONFIRM_SIGN_UP_STEP, a code went out by EMAIL/,
      /ok: confirmSignUp with the code: isSignUpComplete, nextStep DONE/,
      /ok: requests to the user pool: InitiateAuth:USER_SRP_AUTH, RespondToAuthChallenge:PASSWORD_VERIFIER\n/,
      /^13\. TOTP MFA: add an authenticator app, then sign in again with its code$/m,
      /ok: setUpTOTP: a shared secret for the app, as a QR code of otpauth:\/\/totp\/Plugboard%20Demo:[0-9a-f-]{36}\?secret=…\n/,
      /ok: verifyTOTPSetup with the app's code, updateMFAPreference: enabled TOTP, preferred TOTP/,
      /\[hub\] SIGNED_OUT\n.*ok: signIn \(SRP again\): isSignedIn false, nextStep CONFIRM_SIGN_IN_WITH_TOTP_CODE\n.*\[hub\] SIGNED_IN .*\n.*ok: confirmSignIn with the app's current code: isSignedIn, nextStep DONE/,
      /^14\. The user-pool user posts a score to DynamoDB with fromAmplifyAuth\(\) credentials, then signs out$/m,
      /\[hub\] SIGNED_OUT\n.*ok: signed out\n\n15\. Passwordless/,
      /^15\. Passwordless: sign in with a one-time code sent by e-mail \(USER_AUTH, EMAIL_OTP\)\n.*ok: signIn\(alice@example\.com, no password, \{ authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' \}\):\n.*nextStep CONFIRM_SIGN_IN_WITH_EMAIL_CODE, a code went to a\*\*\*@e\*\*\* \(EMAIL\)\n/m,
      /\[hub\] SIGNED_IN .*\n.*ok: confirmSignIn with the code: isSignedIn, nextStep DONE \(no TOTP asked for a passwordless factor\)\n.*ok: requests to the user pool: InitiateAuth:USER_AUTH, RespondToAuthChallenge:EMAIL_OTP\n/,
      /\[hub\] SIGNED_OUT\n.*ok: signed out\n$/,
    ]) {
      expect(chapter).toMatch(line);
    }
    // The MFA sign-in federates into the identity of the first sign-in, with new credentials.
    const first =
      /ok: fetchAuthSession: identity (us-east-1:[0-9a-f-]{36}), credentials (ASIA…\w{4}) \(from the id token\)/.exec(
        chapter,
      );
    const again =
      /ok: fetchAuthSession: identity (us-east-1:[0-9a-f-]{36}) again, new credentials (ASIA…\w{4})/.exec(
        chapter,
      );
    expect(first?.[1]).toBeDefined();
    // The passwordless sign-in (step 15) federates into that identity too, with credentials of its own.
    const agains = [
      ...chapter.matchAll(
        /ok: fetchAuthSession: identity (us-east-1:[0-9a-f-]{36}) again, new credentials (ASIA…\w{4})/g,
      ),
    ];
    expect(agains).toHaveLength(2);
    expect(agains[1]?.[1]).toBe(first?.[1]);
    expect(new Set([first?.[2], agains[0]?.[2], agains[1]?.[2]]).size).toBe(3);
    expect(again?.[1]).toBe(first?.[1]);
    expect(again?.[2]).not.toBe(first?.[2]);
    // Those credentials sign the write of the item keyed by that identity id.
    expect(chapter).toContain(
      `ok: PutItem into GameScores (score 2000) signed with ${again?.[2]}: the signature verified against the secret key Cognito issued to identity ${first?.[1]}`,
    );
    // Neither the password nor a one-time code (six digits) is printed.
    expect(chapter).not.toContain('Demo-Passw0rd!');
    expect(chapter).not.toMatch(/(?<![\w-])\d{6}(?![\w-])/);
  });
});
