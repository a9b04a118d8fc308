import { inspect } from 'node:util';
import * as OTPAuth from 'otpauth';
import { startHarness, type Harness } from './support/harness';
import { jwtsIn, leakedSecrets, rememberSecrets } from './support/secrets';
import { startSrpUserPool, type SrpUserPool } from './support/srpUserPool';

/** Everything a person could see of a value: its message, inspection and serialization. */
function visible(value: unknown): string {
  const parts = [inspect(value, { depth: 10 }), String(value)];
  try {
    parts.push(JSON.stringify(value));
  } catch {
    // circular: inspect already shows it
  }
  if (value instanceof Error) parts.push(value.message, value.stack ?? '');
  return parts.join('\n');
}

const PASSWORD = 'Leak-Check-Passw0rd-1';
const WRONG = 'Leak-Check-Wrong-Passw0rd';
const NEW = 'Leak-Check-New-Passw0rd-2';
const BAD_CODE = '87654321'; // long enough for the scanner; never a valid code
let users: SrpUserPool;
let h: Harness;

beforeAll(async () => {
  users = await startSrpUserPool();
  const created = await users.createPool();
  h = await startHarness({
    userPool: { ...created, endpoint: users.endpoint, port: users.port, issuerDomain: users.issuerDomain },
  });
  rememberSecrets(PASSWORD, WRONG, NEW, BAD_CODE, `Tmp-${PASSWORD}`);
}, 30_000);

afterAll(async () => {
  await h.stop();
  await users.stop();
});

describe('user-pool secrets never leak', () => {
  it('passwords, codes, TOTP secrets and tokens stay out of errors, results and the plugin', async () => {
    const seen: unknown[] = [];
    const capture = <T>(p: Promise<T>): Promise<void> =>
      p.then(
        (v) => void seen.push(v),
        (e: unknown) => void seen.push(e),
      );
    const p = h.plugin;
    await users.createUser(
      h.config.auth!.plugins!.awsCognitoAuthPlugin!.CognitoUserPool!.Default!.PoolId,
      'leak@example.com',
      PASSWORD,
    );

    await capture(p.signIn('leak@example.com', WRONG));
    await capture(p.signIn('nobody@example.com', WRONG, { authFlowType: 'USER_PASSWORD_AUTH' }));
    await capture(p.signUp('leak@example.com', PASSWORD));
    await capture(
      p.signUp('fresh@example.com', PASSWORD, { userAttributes: { email: 'fresh@example.com' } }),
    );
    await capture(p.confirmSignUp('fresh@example.com', BAD_CODE));
    await capture(p.confirmResetPassword('leak@example.com', NEW, BAD_CODE));
    await capture(p.signIn('leak@example.com', PASSWORD));
    await capture(p.updatePassword(WRONG, NEW));
    const setup = await p.setUpTOTP();
    rememberSecrets(setup.sharedSecret);
    await capture(p.verifyTOTPSetup(BAD_CODE));
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.sharedSecret) });
    await capture(p.verifyTOTPSetup(totp.generate()));
    await capture(p.updateMFAPreference(undefined, 'PREFERRED'));
    await capture(p.fetchAuthSession());
    await capture(p.signOut());
    await capture(p.signIn('leak@example.com', PASSWORD));
    await capture(p.confirmSignIn(BAD_CODE));
    await capture(p.confirmSignIn(totp.generate()));
    await capture(p.fetchAuthSession({ forceRefresh: true }));
    seen.push(p);

    const errors = seen.filter((v) => v instanceof Error);
    expect(errors.length).toBeGreaterThanOrEqual(7);
    const text = seen.map(visible).join('\n');
    expect(leakedSecrets(text)).toEqual([]);
    expect(jwtsIn(text)).toEqual([]);
  });
});
