import { EmulatorUsageError, startUserPoolSrpFront } from '../src';
import { claimsOf, startPasswordlessHarness, type PasswordlessHarness } from './passwordlessHarness';
import { srpClient } from './srpFrontHarness';

// Choice-based sign-in (USER_AUTH) on the wire, before cognito-local: first-factor selection, e-mail and
// SMS one-time codes, PASSWORD and PASSWORD_SRP, and the errors a client meets.
const PASSWORD = 'Choice-Passw0rd-1';

describe('startUserPoolSrpFront passwordless options', () => {
  it.each([
    ['a non-object', 'yes'],
    ['factors without PASSWORD', { allowedFirstAuthFactors: ['EMAIL_OTP'] }],
    ['an unknown factor', { allowedFirstAuthFactors: ['PASSWORD', 'MAGIC_LINK'] }],
    ['a relying party id with a scheme', { relyingPartyId: 'https://localhost' }],
    ['a code that is not digits', { oneTimeCode: 'abc' }],
    ['another user verification', { userVerification: 'discouraged' }],
  ])('refuses %s with EmulatorUsageError', async (_, passwordless) => {
    const error = await startUserPoolSrpFront({ upstream: 'http://127.0.0.1:9', passwordless } as never).then(
      (front) => front.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmulatorUsageError);
    expect((error as Error).message).toMatch(/passwordless\./);
  });
});

describe('the SRP front with USER_AUTH before cognito-local', () => {
  let h: PasswordlessHarness;
  let serial = 0;
  const newUser = async () => {
    const email = `choice${++serial}@example.com`;
    return { email, username: await h.newUser(email, PASSWORD) };
  };
  const initiate = (USERNAME: string, extra: Record<string, string> = {}, ClientId = h.pool.clientId) =>
    h.call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME, ...extra } });
  const respond = (ChallengeName: string, Session: unknown, ChallengeResponses: Record<string, string>) =>
    h.call('RespondToAuthChallenge', {
      ClientId: h.pool.clientId,
      ChallengeName,
      Session,
      ChallengeResponses,
    });
  const expectTokens = (json: Record<string, unknown>, username: string) => {
    const result = json.AuthenticationResult as { AccessToken: string; RefreshToken: string };
    expect(result.RefreshToken).toEqual(expect.any(String));
    expect(claimsOf(result.AccessToken)).toMatchObject({ username, token_use: 'access' });
  };

  beforeAll(async () => {
    h = await startPasswordlessHarness({ oneTimeCode: (d) => (d.medium === 'EMAIL' ? '314159' : '271828') });
  }, 30_000);
  afterAll(() => h?.stop());

  it('offers the first factors, sends an e-mail code, keeps the step on a wrong code, then signs in', async () => {
    const { email, username } = await newUser();
    await h.addPhone(username, '+15550001234');
    const select = await initiate(email);
    expect(select.status).toBe(200);
    expect(select.json).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      Session: expect.any(String),
      AvailableChallenges: ['EMAIL_OTP', 'SMS_OTP', 'PASSWORD', 'PASSWORD_SRP'],
    });
    const chosen = await respond('SELECT_CHALLENGE', select.json.Session, {
      USERNAME: email,
      ANSWER: 'EMAIL_OTP',
    });
    expect(chosen.json).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
        CODE_DELIVERY_DESTINATION: 'c***@e***',
        USERNAME: username,
      },
    });
    expect(h.front.lastCode(h.pool.poolId, username)).toBe('314159');
    const session = chosen.json.Session;
    const wrong = await respond('EMAIL_OTP', session, { USERNAME: username, EMAIL_OTP_CODE: '000000' });
    expect(wrong).toMatchObject({ status: 400, json: { __type: 'CodeMismatchException' } });
    const again = await respond('EMAIL_OTP', session, { USERNAME: username, EMAIL_OTP_CODE: '000001' });
    expect(again.json.__type).toBe('CodeMismatchException');
    const right = await respond('EMAIL_OTP', session, { USERNAME: username, EMAIL_OTP_CODE: '314159' });
    expect(right.status).toBe(200);
    expectTokens(right.json, username);
    expect(right.json.AuthenticationResult).toMatchObject({ NewDeviceMetadata: expect.any(Object) });
    const reused = await respond('EMAIL_OTP', session, { USERNAME: username, EMAIL_OTP_CODE: '314159' });
    expect(reused.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
    // No answer carries a code or the password.
    for (const text of h.transcript) expect(text).not.toMatch(/314159|271828|Choice-Passw0rd/);
  });

  it('starts the preferred SMS_OTP challenge at once', async () => {
    const { email, username } = await newUser();
    await h.addPhone(username, '+15550009876');
    const started = await initiate(email, { PREFERRED_CHALLENGE: 'SMS_OTP' });
    expect(started.json).toMatchObject({
      ChallengeName: 'SMS_OTP',
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
        CODE_DELIVERY_DESTINATION: '+*******9876',
      },
    });
    // The e-mail code is not the SMS code.
    const wrong = await respond('SMS_OTP', started.json.Session, {
      USERNAME: username,
      SMS_OTP_CODE: '314159',
    });
    expect(wrong.json.__type).toBe('CodeMismatchException');
    const done = await respond('SMS_OTP', started.json.Session, {
      USERNAME: username,
      SMS_OTP_CODE: '271828',
    });
    expectTokens(done.json, username);
  });

  it('signs in with PASSWORD and PASSWORD_SRP, preferred or selected', async () => {
    const { email, username } = await newUser();
    const direct = await initiate(email, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expectTokens(direct.json, username);
    const wrong = await initiate(email, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-Passw0rd-1' });
    expect(wrong).toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });

    const srp = srpClient(h.pool.poolId.split('_')[1]!, PASSWORD);
    const verifier = await initiate(email, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srp.A });
    expect(verifier.json.ChallengeName).toBe('PASSWORD_VERIFIER');
    const params = verifier.json.ChallengeParameters as Record<string, string>;
    const claimed = await respond('PASSWORD_VERIFIER', verifier.json.Session, {
      USERNAME: params.USER_ID_FOR_SRP!,
      ...srp.claim(params, params.USER_ID_FOR_SRP!),
    });
    expectTokens(claimed.json, username);

    const select = await initiate(email);
    const chosen = await respond('SELECT_CHALLENGE', select.json.Session, {
      USERNAME: email,
      ANSWER: 'PASSWORD',
      PASSWORD,
    });
    expectTokens(chosen.json, username);
  });

  it('answers a user without phone or passkey with what is left, and an unavailable preference with the choice', async () => {
    const { email } = await newUser();
    const started = await initiate(email, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect(started.json).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP'],
    });
    const refused = await respond('SELECT_CHALLENGE', started.json.Session, {
      USERNAME: email,
      ANSWER: 'SMS_OTP',
    });
    expect(refused).toMatchObject({ status: 400, json: { __type: 'InvalidParameterException' } });
  });

  it('refuses bad input with the service error names', async () => {
    const { email, username } = await newUser();
    await expect(initiate(email, {}, h.plainClientId)).resolves.toMatchObject({
      status: 400,
      json: { __type: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client' },
    });
    await expect(initiate(email, { PREFERRED_CHALLENGE: 'MAGIC_LINK' })).resolves.toMatchObject({
      json: { __type: 'InvalidParameterException' },
    });
    await expect(initiate('nobody@example.com')).resolves.toMatchObject({
      json: { __type: 'UserNotFoundException' },
    });
    await expect(initiate(email, { PREFERRED_CHALLENGE: 'PASSWORD' })).resolves.toMatchObject({
      json: { __type: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' },
    });
    const started = await initiate(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const session = started.json.Session;
    // A code for the wrong challenge, another user's name, a missing code: refused, the step stays.
    const code = h.front.lastCode(h.pool.poolId, username)!;
    await expect(
      respond('SMS_OTP', session, { USERNAME: username, SMS_OTP_CODE: code }),
    ).resolves.toMatchObject({
      json: { __type: 'InvalidParameterException' },
    });
    await expect(
      respond('EMAIL_OTP', session, { USERNAME: 'someone@example.com', EMAIL_OTP_CODE: code }),
    ).resolves.toMatchObject({ json: { __type: 'NotAuthorizedException' } });
    await expect(respond('EMAIL_OTP', session, { USERNAME: username })).resolves.toMatchObject({
      json: { __type: 'InvalidParameterException', message: 'Missing required parameter EMAIL_OTP_CODE' },
    });
    await expect(
      respond('EMAIL_OTP', 'not-a-session', { USERNAME: username, EMAIL_OTP_CODE: code }),
    ).resolves.toMatchObject({
      json: { __type: 'NotAuthorizedException' },
    });
    const done = await respond('EMAIL_OTP', session, { USERNAME: username, EMAIL_OTP_CODE: code });
    expectTokens(done.json, username);
  });
});
