import { claimsOf, startPasswordlessHarness, type PasswordlessHarness } from './passwordlessHarness';
import { srpClient } from './srpFrontHarness';

// E-mail as an MFA factor, before cognito-local (which has none): the preference, the EMAIL_OTP challenge
// after a password, and SELECT_MFA_TYPE when the user has TOTP as well.
const PASSWORD = 'Email-Mfa-Passw0rd-1';

describe('the SRP front with e-mail MFA before cognito-local', () => {
  let h: PasswordlessHarness;
  let serial = 0;
  const newUser = async () => {
    const email = `mfa${++serial}@example.com`;
    return { email, username: await h.newUser(email, PASSWORD) };
  };
  const passwordSignIn = (email: string) =>
    h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: email, PASSWORD },
    });
  const respond = (ChallengeName: string, Session: unknown, ChallengeResponses: Record<string, string>) =>
    h.call('RespondToAuthChallenge', {
      ClientId: h.pool.clientId,
      ChallengeName,
      Session,
      ChallengeResponses,
    });
  const enableEmailMfa = async (AccessToken: string, PreferredMfa: boolean) =>
    h.call('SetUserMFAPreference', { AccessToken, EmailMfaSettings: { Enabled: true, PreferredMfa } });
  beforeAll(async () => {
    h = await startPasswordlessHarness({ oneTimeCode: '112358' });
  }, 30_000);
  afterAll(() => h?.stop());

  it('sets e-mail MFA, shows it in GetUser, and asks for the e-mailed code after the password (and after SRP)', async () => {
    const { email, username } = await newUser();
    const AccessToken = await h.accessToken(email, PASSWORD);
    await expect(enableEmailMfa(AccessToken, true)).resolves.toEqual({ status: 200, json: {} });
    const user = await h.call('GetUser', { AccessToken });
    expect(user.json).toMatchObject({ UserMFASettingList: ['EMAIL_OTP'], PreferredMfaSetting: 'EMAIL_OTP' });
    const admin = await h.call('AdminGetUser', { UserPoolId: h.pool.poolId, Username: username });
    expect(admin.json).toMatchObject({ UserMFASettingList: ['EMAIL_OTP'] });

    const started = await passwordSignIn(email);
    expect(started.json).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'm***@e***' },
    });
    expect(started.json.AuthenticationResult).toBeUndefined();
    const wrong = await respond('EMAIL_OTP', started.json.Session, {
      USERNAME: username,
      EMAIL_OTP_CODE: '000000',
    });
    expect(wrong.json.__type).toBe('CodeMismatchException');
    const done = await respond('EMAIL_OTP', started.json.Session, {
      USERNAME: username,
      EMAIL_OTP_CODE: '112358',
    });
    expect(usernameOf(done.json)).toBe(username);

    const srp = srpClient(h.pool.poolId.split('_')[1]!, PASSWORD);
    const verifier = await h.call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: email, SRP_A: srp.A },
    });
    const params = verifier.json.ChallengeParameters as Record<string, string>;
    const claimed = await respond('PASSWORD_VERIFIER', verifier.json.Session, {
      USERNAME: username,
      ...srp.claim(params, username),
    });
    expect(claimed.json.ChallengeName).toBe('EMAIL_OTP');
    const srpDone = await respond('EMAIL_OTP', claimed.json.Session, {
      USERNAME: username,
      EMAIL_OTP_CODE: '112358',
    });
    expect(usernameOf(srpDone.json)).toBe(username);

    // Turned off again: tokens straight after the password; GetUser no longer lists it.
    await expect(
      h.call('SetUserMFAPreference', {
        AccessToken,
        EmailMfaSettings: { Enabled: false, PreferredMfa: false },
      }),
    ).resolves.toEqual({ status: 200, json: {} });
    expect((await h.call('GetUser', { AccessToken })).json.UserMFASettingList ?? []).toEqual([]);
    expect(usernameOf((await passwordSignIn(email)).json)).toBe(username);
  });

  it('offers SELECT_MFA_TYPE with TOTP and e-mail, and either choice leads to tokens', async () => {
    const { email, username } = await newUser();
    const totp = await h.setUpTotp(email, PASSWORD);
    const AccessToken = (
      await respond('SOFTWARE_TOKEN_MFA', (await passwordSignIn(email)).json.Session, {
        USERNAME: username,
        SOFTWARE_TOKEN_MFA_CODE: totp(),
      })
    ).json.AuthenticationResult as { AccessToken: string };
    await expect(enableEmailMfa(AccessToken.AccessToken, false)).resolves.toMatchObject({ status: 200 });
    // cognito-local keeps TOTP preferred: ask for the choice only when neither is preferred.
    await h.call('SetUserMFAPreference', {
      AccessToken: AccessToken.AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    });
    const viaEmail = await passwordSignIn(email);
    expect(viaEmail.json).toMatchObject({
      ChallengeName: 'SELECT_MFA_TYPE',
      ChallengeParameters: { MFAS_CAN_CHOOSE: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' },
    });
    const emailed = await respond('SELECT_MFA_TYPE', viaEmail.json.Session, {
      USERNAME: username,
      ANSWER: 'EMAIL_OTP',
    });
    expect(emailed.json.ChallengeName).toBe('EMAIL_OTP');
    const emailDone = await respond('EMAIL_OTP', emailed.json.Session, {
      USERNAME: username,
      EMAIL_OTP_CODE: '112358',
    });
    expect(usernameOf(emailDone.json)).toBe(username);

    const viaTotp = await passwordSignIn(email);
    const chosen = await respond('SELECT_MFA_TYPE', viaTotp.json.Session, {
      USERNAME: username,
      ANSWER: 'SOFTWARE_TOKEN_MFA',
    });
    expect(chosen.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const totpDone = await respond('SOFTWARE_TOKEN_MFA', chosen.json.Session, {
      USERNAME: username,
      SOFTWARE_TOKEN_MFA_CODE: totp(),
    });
    expect(usernameOf(totpDone.json)).toBe(username);
    const bad = await respond('SELECT_MFA_TYPE', (await passwordSignIn(email)).json.Session, {
      USERNAME: username,
      ANSWER: 'SMS_MFA',
    });
    expect(bad.json.__type).toBe('InvalidParameterException');
    // No answer carried the code or the password.
    for (const text of h.transcript) expect(text).not.toMatch(/112358|Email-Mfa-Passw0rd/);
  });

  it('refuses e-mail MFA preferences that cannot hold', async () => {
    const { email } = await newUser();
    const AccessToken = await h.accessToken(email, PASSWORD);
    await expect(
      h.call('SetUserMFAPreference', {
        AccessToken,
        EmailMfaSettings: { Enabled: false, PreferredMfa: true },
      }),
    ).resolves.toMatchObject({ status: 400, json: { __type: 'InvalidParameterException' } });
    await expect(
      h.call('SetUserMFAPreference', { AccessToken: 'x.y.z', EmailMfaSettings: { Enabled: true } }),
    ).resolves.toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });
    expect((await h.call('GetUser', { AccessToken })).json.UserMFASettingList ?? []).toEqual([]);
  });
});

describe('the SRP front with requireMfaSetup and e-mail MFA before cognito-local', () => {
  let h: PasswordlessHarness;
  beforeAll(async () => {
    h = await startPasswordlessHarness({ oneTimeCode: '246810' }, { requireMfaSetup: true });
  }, 30_000);
  afterAll(() => h?.stop());

  it('sets e-mail MFA up during sign-in: MFA_SETUP offers EMAIL_OTP, the EMAIL answer gets a code, then tokens', async () => {
    const email = 'setup@example.com';
    const username = await h.newUser(email, PASSWORD).catch(() => undefined);
    // newUser's own sign-in met MFA_SETUP: the user exists, with no MFA yet.
    expect(username).toBeUndefined();
    const started = await h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    const params = started.json.ChallengeParameters as Record<string, string>;
    expect(started.json.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(params.MFAS_CAN_SETUP!)).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    const poolUsername = params.USER_ID_FOR_SRP!;
    const respond = (ChallengeName: string, Session: unknown, ChallengeResponses: Record<string, string>) =>
      h.call('RespondToAuthChallenge', {
        ClientId: h.pool.clientId,
        ChallengeName,
        Session,
        ChallengeResponses,
      });
    const badAddress = await respond('MFA_SETUP', started.json.Session, {
      USERNAME: poolUsername,
      EMAIL: 'nope',
    });
    expect(badAddress.json.__type).toBe('InvalidParameterException');
    const sent = await respond('MFA_SETUP', started.json.Session, {
      USERNAME: poolUsername,
      EMAIL: 'second@example.com',
    });
    expect(sent.json).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DESTINATION: 's***@e***' },
    });
    expect(h.front.lastCode(h.pool.poolId, poolUsername)).toBe('246810');
    const done = await respond('EMAIL_OTP', sent.json.Session, {
      USERNAME: poolUsername,
      EMAIL_OTP_CODE: '246810',
    });
    expect(usernameOf(done.json)).toBe(poolUsername);
    const AccessToken = (done.json.AuthenticationResult as { AccessToken: string }).AccessToken;
    const user = await h.call('GetUser', { AccessToken });
    expect(user.json).toMatchObject({ UserMFASettingList: ['EMAIL_OTP'], PreferredMfaSetting: 'EMAIL_OTP' });
    // Set up now (the address given is the user's e-mail, and sign-in name, now): the next sign-in asks
    // for the e-mailed code, not for setup.
    const next = await h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: 'second@example.com', PASSWORD },
    });
    expect(next.json).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DESTINATION: 's***@e***' },
    });
  });
});

const usernameOf = (json: Record<string, unknown>) =>
  claimsOf((json.AuthenticationResult as { AccessToken: string }).AccessToken).username;
