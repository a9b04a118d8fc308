import { randomBytes } from 'node:crypto';
import { deviceVerifier, srpClient, startFrontHarness, type FrontHarness } from './srpFrontHarness';

// Device tracking on the wire, with a client side written in the test: the device SRP math, the errors a
// client meets (unknown, foreign and forgotten devices, a wrong device secret, a forged access token),
// ListDevices pages, refresh tokens bound to their device, and both pool settings.
const PASSWORD = 'Wire-Passw0rd-1';
type Json = Record<string, unknown>;
type Device = { key: string; groupKey: string; secret: string };

function deviceWire(h: () => FrontHarness) {
  const poolName = () => h().pool.poolId.split('_')[1]!;
  const ok = async (operation: string, body: Json): Promise<Json> => {
    const { status, json } = await h().call(operation, body);
    if (status !== 200) throw Object.assign(new Error(String(json.message)), { type: json.__type, status });
    return json;
  };
  /** USER_SRP_AUTH up to the answer of PASSWORD_VERIFIER (which may carry DEVICE_KEY). */
  const passwordStep = async (email: string, deviceKey?: string) => {
    const client = srpClient(poolName(), PASSWORD);
    const started = await ok('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: h().pool.clientId,
      AuthParameters: { USERNAME: email, SRP_A: client.A },
    });
    const p = started.ChallengeParameters as Record<string, string>;
    const body = {
      ClientId: h().pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: started.Session,
      ChallengeResponses: {
        USERNAME: p.USERNAME,
        ...client.claim(p, p.USER_ID_FOR_SRP!),
        ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
      },
    };
    return { username: p.USERNAME!, body, answer: await h().call('RespondToAuthChallenge', body) };
  };
  /** The device steps after PASSWORD_VERIFIER answered DEVICE_SRP_AUTH. */
  const deviceSteps = async (username: string, session: unknown, device: Device, secret = device.secret) => {
    const client = srpClient(device.groupKey, secret);
    const challenge = await ok('RespondToAuthChallenge', {
      ClientId: h().pool.clientId,
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: session,
      ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key, SRP_A: client.A },
    });
    expect(challenge.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
    return h().call('RespondToAuthChallenge', {
      ClientId: h().pool.clientId,
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: challenge.Session,
      ChallengeResponses: {
        USERNAME: username,
        DEVICE_KEY: device.key,
        ...client.claim(challenge.ChallengeParameters as Record<string, string>, device.key),
      },
    });
  };
  /** Confirms the NewDeviceMetadata of a sign-in's tokens with a fresh device secret. */
  const confirm = async (result: Json): Promise<{ device: Device; confirmed: Json; verifier: string }> => {
    const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata as Record<string, string>;
    const device = { key: DeviceKey!, groupKey: DeviceGroupKey!, secret: randomBytes(40).toString('base64') };
    const config = deviceVerifier(device.groupKey, device.key, device.secret);
    const confirmed = await ok('ConfirmDevice', {
      AccessToken: result.AccessToken,
      DeviceKey: device.key,
      DeviceSecretVerifierConfig: config,
      DeviceName: 'wire test',
    });
    return { device, confirmed, verifier: config.PasswordVerifier };
  };
  return { ok, passwordStep, deviceSteps, confirm };
}

describe('device tracking on the wire: always remembered, MFA skipped', () => {
  let h: FrontHarness;
  let code: () => string;
  const w = deviceWire(() => h);
  const ALICE = 'alice@example.com';
  const BOB = 'bob@example.com';

  beforeAll(async () => {
    h = await startFrontHarness({ deviceTracking: { challengeRequiredOnNewDevice: true } });
    await h.newUser(ALICE, PASSWORD);
    await h.newUser(BOB, PASSWORD);
    code = await h.setUpTotp(ALICE, PASSWORD);
  }, 30_000);
  afterAll(() => h.stop());

  /** Alice's full sign-in (password, TOTP) and a confirmed device. */
  const aliceWithDevice = async () => {
    const { username, answer } = await w.passwordStep(ALICE);
    expect(answer.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const tokens = await w.ok('RespondToAuthChallenge', {
      ClientId: h.pool.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: answer.json.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code() },
    });
    const result = tokens.AuthenticationResult as Json;
    return { username, result, ...(await w.confirm(result)) };
  };

  it('issues NewDeviceMetadata, remembers at ConfirmDevice, then signs in with device SRP and no MFA', async () => {
    const { username, result, device, confirmed, verifier } = await aliceWithDevice();
    expect(result.NewDeviceMetadata).toEqual({
      DeviceKey: expect.stringMatching(/^local_[0-9a-f-]{36}$/),
      DeviceGroupKey: expect.any(String),
    });
    expect(confirmed).toEqual({ UserConfirmationNecessary: false });
    const got = await w.ok('GetDevice', { AccessToken: result.AccessToken, DeviceKey: device.key });
    expect(got.Device).toMatchObject({
      DeviceKey: device.key,
      DeviceAttributes: expect.arrayContaining([
        { Name: 'device_name', Value: 'wire test' },
        { Name: 'dev:device_remembered_status', Value: 'remembered' },
      ]),
      DeviceCreateDate: expect.any(Number),
    });
    const { answer } = await w.passwordStep(ALICE, device.key);
    expect(answer.json).toMatchObject({ ChallengeName: 'DEVICE_SRP_AUTH', Session: expect.any(String) });
    const done = await w.deviceSteps(username, answer.json.Session, device);
    expect(done.status).toBe(200);
    expect(done.json.AuthenticationResult).toEqual(
      expect.objectContaining({ AccessToken: expect.any(String) }),
    );
    expect((done.json.AuthenticationResult as Json).NewDeviceMetadata).toBeUndefined();

    // The refresh token of that sign-in belongs to the device.
    const refresh = (flow: Json) =>
      h.call('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: h.pool.clientId,
        AuthParameters: flow,
      });
    const token = (done.json.AuthenticationResult as Json).RefreshToken;
    await expect(refresh({ REFRESH_TOKEN: token })).resolves.toMatchObject({
      status: 400,
      json: { __type: 'NotAuthorizedException' },
    });
    await expect(
      refresh({ REFRESH_TOKEN: token, DEVICE_KEY: `${device.key.slice(0, -1)}0` }),
    ).resolves.toMatchObject({
      status: 400,
    });
    await expect(refresh({ REFRESH_TOKEN: token, DEVICE_KEY: device.key })).resolves.toMatchObject({
      status: 200,
    });

    // The same with rotating refresh tokens (GetTokensFromRefreshToken): the new token keeps the device.
    h.front.enableRotation(true);
    try {
      const rotate = (RefreshToken: unknown, extra: Json = {}) =>
        h.call('GetTokensFromRefreshToken', { ClientId: h.pool.clientId, RefreshToken, ...extra });
      await expect(rotate(token)).resolves.toMatchObject({
        status: 400,
        json: { __type: 'NotAuthorizedException' },
      });
      const rotated = await rotate(token, { DeviceKey: device.key });
      expect(rotated.status).toBe(200);
      const next = (rotated.json.AuthenticationResult as Json).RefreshToken;
      await expect(rotate(next)).resolves.toMatchObject({ status: 400 });
      await expect(rotate(next, { DeviceKey: device.key })).resolves.toMatchObject({ status: 200 });
    } finally {
      h.front.enableRotation(false);
    }
    // What the front keeps stays there: no answer carries a device verifier or the user's password.
    const all = h.transcript.join('\n');
    expect(all).toContain(device.key);
    expect(all).not.toContain(verifier.slice(8, 48));
    expect(all).not.toContain(PASSWORD);
  });

  it('runs the device step after a password sign-in (USER_PASSWORD_AUTH) with DEVICE_KEY too', async () => {
    const { username, device } = await aliceWithDevice();
    const password = (DEVICE_KEY: string) =>
      h.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: h.pool.clientId,
        AuthParameters: { USERNAME: ALICE, PASSWORD, DEVICE_KEY },
      });
    const started = await password(device.key);
    expect(started.json).toMatchObject({ ChallengeName: 'DEVICE_SRP_AUTH', Session: expect.any(String) });
    const done = await w.deviceSteps(username, started.json.Session, device);
    expect(done.json.AuthenticationResult).toEqual(
      expect.objectContaining({ AccessToken: expect.any(String) }),
    );
    await expect(password('local_00000000-0000-4000-8000-000000000000')).resolves.toMatchObject({
      status: 400,
      json: { __type: 'ResourceNotFoundException' },
    });
  });

  it('refuses a wrong device secret, unknown, foreign and forgotten devices, and a forged access token', async () => {
    const { username, result, device } = await aliceWithDevice();
    const { answer } = await w.passwordStep(ALICE, device.key);
    const wrong = await w.deviceSteps(username, answer.json.Session, device, 'not-the-secret');
    expect(wrong).toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });

    // Unknown key at PASSWORD_VERIFIER: ResourceNotFoundException; the same session may answer again without it.
    const unknown = await w.passwordStep(ALICE, 'local_00000000-0000-4000-8000-000000000000');
    expect(unknown.answer).toMatchObject({ status: 400, json: { __type: 'ResourceNotFoundException' } });
    expect(String(unknown.answer.json.message)).toMatch(/device/i);
    const { DEVICE_KEY: _, ...withoutKey } = unknown.body.ChallengeResponses as Record<string, string>;
    const retried = await h.call('RespondToAuthChallenge', {
      ...unknown.body,
      ChallengeResponses: withoutKey,
    });
    expect(retried.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    // Bob cannot use, read or confirm Alice's device.
    const bob = await w.passwordStep(BOB, device.key);
    expect(bob.answer).toMatchObject({ status: 400, json: { __type: 'ResourceNotFoundException' } });
    const bobTokens = (await w.passwordStep(BOB)).answer.json.AuthenticationResult as Json;
    for (const operation of ['GetDevice', 'UpdateDeviceStatus', 'ForgetDevice']) {
      await expect(
        h.call(operation, { AccessToken: bobTokens.AccessToken, DeviceKey: device.key }),
      ).resolves.toMatchObject({
        status: 400,
        json: { __type: 'ResourceNotFoundException' },
      });
    }
    const fresh = (await w.passwordStep(ALICE)).answer; // a key issued to Alice, not yet confirmed
    expect(fresh.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const stolen = await h.call('ConfirmDevice', {
      AccessToken: bobTokens.AccessToken,
      DeviceKey: device.key,
      DeviceSecretVerifierConfig: deviceVerifier(device.groupKey, device.key, 'x'),
    });
    expect(stolen).toMatchObject({ status: 400, json: { __type: 'ResourceNotFoundException' } });

    // A forged access token (Alice's claims, Bob's signature) is not authorized.
    const [, aliceClaims] = String(result.AccessToken).split('.');
    const [bobHeader, , bobSignature] = String(bobTokens.AccessToken).split('.');
    const forged = `${bobHeader}.${aliceClaims}.${bobSignature}`;
    await expect(h.call('ListDevices', { AccessToken: forged })).resolves.toMatchObject({
      status: 400,
      json: { __type: 'NotAuthorizedException' },
    });

    // Forgotten: gone from GetDevice, and the sign-in with it is a ResourceNotFoundException.
    await w.ok('ForgetDevice', { AccessToken: result.AccessToken, DeviceKey: device.key });
    await expect(
      h.call('GetDevice', { AccessToken: result.AccessToken, DeviceKey: device.key }),
    ).resolves.toMatchObject({
      status: 400,
      json: { __type: 'ResourceNotFoundException' },
    });
    const after = await w.passwordStep(ALICE, device.key);
    expect(after.answer).toMatchObject({ status: 400, json: { __type: 'ResourceNotFoundException' } });
    const bad = await h.call('UpdateDeviceStatus', {
      AccessToken: result.AccessToken,
      DeviceKey: device.key,
      DeviceRememberedStatus: 'forever',
    });
    expect(bad.status).toBe(400);
  });

  it('answers malformed device-step answers with a 400 and a service error name', async () => {
    const { username, device } = await aliceWithDevice();
    const deviceSrp = async (responses: Json) => {
      const { answer } = await w.passwordStep(ALICE, device.key);
      return h.call('RespondToAuthChallenge', {
        ClientId: h.pool.clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: answer.json.Session,
        ChallengeResponses: responses,
      });
    };
    const A = srpClient(device.groupKey, device.secret).A;
    const cases: [Json, string][] = [
      [{ USERNAME: username, DEVICE_KEY: device.key }, 'InvalidParameterException'],
      [{ USERNAME: username, SRP_A: A }, 'InvalidParameterException'],
      [{ USERNAME: username, DEVICE_KEY: device.key, SRP_A: '0' }, 'InvalidParameterException'],
      [{ USERNAME: username, DEVICE_KEY: device.key, SRP_A: 'not hex' }, 'InvalidParameterException'],
      [{ USERNAME: username, DEVICE_KEY: 42, SRP_A: A }, 'SerializationException'],
      [
        { USERNAME: username, DEVICE_KEY: 'local_00000000-0000-4000-8000-000000000000', SRP_A: A },
        'ResourceNotFoundException',
      ],
      [{ USERNAME: ALICE, DEVICE_KEY: device.key, SRP_A: A }, 'NotAuthorizedException'],
    ];
    for (const [responses, type] of cases) {
      await expect(deviceSrp(responses)).resolves.toEqual({
        status: 400,
        json: { __type: type, message: expect.any(String) },
      });
    }
    // The verifier step with a claim missing or of the wrong type.
    const { answer } = await w.passwordStep(ALICE, device.key);
    const client = srpClient(device.groupKey, device.secret);
    const challenge = await w.ok('RespondToAuthChallenge', {
      ClientId: h.pool.clientId,
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: answer.json.Session,
      ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.key, SRP_A: client.A },
    });
    const claim = client.claim(challenge.ChallengeParameters as Record<string, string>, device.key);
    const verify = (responses: Json) =>
      h.call('RespondToAuthChallenge', {
        ClientId: h.pool.clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: challenge.Session,
        ChallengeResponses: responses,
      });
    const base = { USERNAME: username, DEVICE_KEY: device.key, ...claim };
    await expect(verify({ ...base, TIMESTAMP: undefined })).resolves.toMatchObject({
      status: 400,
      json: { __type: 'InvalidParameterException' },
    });
    await expect(verify({ ...base, PASSWORD_CLAIM_SIGNATURE: ['x'] })).resolves.toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
    // Malformed answers do not use the session up: the right answer still works.
    await expect(verify(base)).resolves.toMatchObject({ status: 200 });
  });

  it('lists devices in pages', async () => {
    const bobSignIn = async () => (await w.passwordStep(BOB)).answer.json.AuthenticationResult as Json;
    const keys: string[] = [];
    let last: Json = {};
    for (let i = 0; i < 3; i++) {
      last = await bobSignIn();
      keys.push((await w.confirm(last)).device.key);
    }
    const first = await w.ok('ListDevices', { AccessToken: last.AccessToken, Limit: 2 });
    expect((first.Devices as Json[]).map((d) => d.DeviceKey)).toEqual(keys.slice(0, 2));
    const second = await w.ok('ListDevices', {
      AccessToken: last.AccessToken,
      Limit: 2,
      PaginationToken: first.PaginationToken,
    });
    expect((second.Devices as Json[]).map((d) => d.DeviceKey)).toEqual(keys.slice(2));
    expect(second.PaginationToken).toBeUndefined();
    await expect(
      h.call('ListDevices', { AccessToken: last.AccessToken, PaginationToken: 'bm90LWEta2V5' }),
    ).resolves.toMatchObject({ status: 400, json: { __type: 'InvalidParameterException' } });
    await expect(h.call('ListDevices', { AccessToken: last.AccessToken, Limit: 61 })).resolves.toMatchObject({
      status: 400,
      json: { __type: 'InvalidParameterException' },
    });
  });
});

describe('device tracking on the wire: user opt-in, MFA still asked (challengeRequiredOnNewDevice false)', () => {
  let h: FrontHarness;
  let code: () => string;
  const w = deviceWire(() => h);

  beforeAll(async () => {
    h = await startFrontHarness({ deviceTracking: { deviceOnlyRememberedOnUserPrompt: true } });
    await h.newUser('carol@example.com', PASSWORD);
    code = await h.setUpTotp('carol@example.com', PASSWORD);
  }, 30_000);
  afterAll(() => h.stop());

  it('needs UpdateDeviceStatus to remember, and a remembered device still answers the TOTP challenge', async () => {
    const { username, answer } = await w.passwordStep('carol@example.com');
    const mfa = (session: unknown, extra: Json = {}) =>
      w.ok('RespondToAuthChallenge', {
        ClientId: h.pool.clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code(), ...extra },
      });
    const result = (await mfa(answer.json.Session)).AuthenticationResult as Json;
    const { device, confirmed } = await w.confirm(result);
    expect(confirmed).toEqual({ UserConfirmationNecessary: true });
    expect(h.front.devices(h.pool.poolId, username)).toEqual([
      expect.objectContaining({ remembered: false }),
    ]);
    await w.ok('UpdateDeviceStatus', {
      AccessToken: result.AccessToken,
      DeviceKey: device.key,
      DeviceRememberedStatus: 'remembered',
    });
    expect(h.front.devices(h.pool.poolId, username)).toEqual([expect.objectContaining({ remembered: true })]);
    const again = await w.passwordStep('carol@example.com', device.key);
    expect(again.answer.json.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const verified = await w.deviceSteps(username, again.answer.json.Session, device);
    expect(verified.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const tokens = (await mfa(verified.json.Session, { DEVICE_KEY: device.key }))
      .AuthenticationResult as Json;
    expect(tokens.AccessToken).toEqual(expect.any(String));
    expect(tokens.NewDeviceMetadata).toBeUndefined();
  });
});
